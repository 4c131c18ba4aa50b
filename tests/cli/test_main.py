"""The ``twofold`` group: every command listed in its help, none imported to list them."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from twofold.cli.main import COMMANDS, cli


def test_it_lists_every_command_with_its_summary(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(COMMANDS)
    for line in listed:
        name, summary = line.split(maxsplit=1)
        assert summary == COMMANDS[name][1]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_its_summary_of_a_command_is_the_commands_own(runner: CliRunner, name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert command.name == name
    assert command.get_short_help_str(limit=200) == COMMANDS[name][1]


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_its_help_and_version_import_no_heavy_module(args: list[str]) -> None:
    # Start-up time is mostly imports: these must not wait for numpy, scipy or Django.
    script = (
        "import json, sys\n"
        "from twofold.cli.main import cli\n"
        "try:\n"
        f"    cli({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('numpy', 'scipy', 'pydantic', 'django')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.splitlines()[-1]) == []
