"""The ``twofold`` command group."""

from __future__ import annotations

import click

from twofold import __version__
from twofold.cli.agreement import agreement_command
from twofold.cli.analyze import analyze
from twofold.cli.assess import assess
from twofold.cli.instrument import instrument
from twofold.cli.norms import norms
from twofold.cli.score import score_command
from twofold.cli.serve import manage, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="twofold")
def cli() -> None:
    """Twofold: assess leadership and management as two capabilities, and develop both."""


cli.add_command(assess)
cli.add_command(instrument)
cli.add_command(score_command)
cli.add_command(serve)
cli.add_command(manage)
cli.add_command(agreement_command)
cli.add_command(norms)
cli.add_command(analyze)
