"""The ``twofold`` command group, whose commands are imported only when run.

The commands sit on numpy, scipy, the content models and Django, which take a
second or more to import. ``twofold --help`` and ``twofold --version`` need
none of them, so the group knows each command by a module path and a one-line
summary (``COMMANDS``) and imports a command's module on first use. A test
checks each summary against the command's own help so the two cannot drift.
"""

from __future__ import annotations

import os
from importlib import import_module

import click

from twofold import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "agreement": (
        "twofold.cli.agreement:agreement_command",
        "Rater agreement within groups: rwg(j) per scale, rwg per item, ICC(1) and ICC(2).",
    ),
    "analyze": (
        "twofold.cli.analyze:analyze",
        "Reliability and item analysis of every scale: alpha, omega, item statistics.",
    ),
    "assess": (
        "twofold.cli.assess:assess",
        "Answer an inventory about yourself, then see your report.",
    ),
    "instrument": (
        "twofold.cli.instrument:instrument",
        "Check and list instruments, and start a responses file for one.",
    ),
    "manage": (
        "twofold.cli.serve:manage",
        "Run a Django management command (createsuperuser, migrate, …).",
    ),
    "norms": (
        "twofold.cli.norms:norms",
        "Build, list and show norm tables (percentiles and T-scores come from these).",
    ),
    "org": (
        "twofold.cli.org:org",
        "Create and list organisations, and give one its administrators.",
    ),
    "people": (
        "twofold.cli.people:people",
        "Import and export an organisation's people (CSV or Excel).",
    ),
    "score": ("twofold.cli.score:score_command", "Score every respondent in a responses CSV."),
    "serve": (
        "twofold.cli.serve:serve",
        "Bring the database up to date and start Twofold's web server.",
    ),
    "worker": (
        "twofold.cli.worker:worker",
        "Run background tasks: send invitations and reminders by email.",
    ),
}
"""Command name → (``module:attribute`` of the click command, its one-line summary)."""


BLAS_THREADS = "1"
"""Threads of numpy's matrix products in a command, unless OPENBLAS_NUM_THREADS says otherwise.

The commands work through big files in parts whose matrix products are
small; a second BLAS thread then mostly waits, spinning, between them. On a
2-core machine one thread scored a million respondents in 4.5 s of CPU
instead of 6 (and 7 s of wall time instead of 11), and analyze took as long.
"""


class LazyGroup(click.Group):
    """A click group that imports a command only when it is run or its help is shown."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, _, attribute = COMMANDS[cmd_name][0].partition(":")
        # Set before numpy loads its BLAS: see BLAS_THREADS.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", BLAS_THREADS)
        command: click.Command = getattr(import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands from their summaries, without importing any of them."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [
            (name, click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit))
            for name in self.list_commands(ctx)
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="twofold")
def cli() -> None:
    """Twofold: assess leadership and management as two capabilities, and develop both."""
