"""--delimiter on every command that reads a responses file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from twofold.cli.main import cli

KEYS = ["--keys", "A=a1,a2,a3", "--min", "1", "--max", "5"]
ROWS = [
    ["respondent_id", "team", "a1", "a2", "a3"],
    *(
        [f"p{i}", f"t{i % 2}", str(1 + i % 5), str(1 + (i + 1) % 5), str(1 + i // 3 % 5)]
        for i in range(12)
    ),
]
COMMANDS = {
    "score": ["score"],
    "analyze": ["analyze"],
    "agreement": ["agreement", "--group", "team"],
    "norms build": ["norms", "build", "--name", "tab-test", "--replace"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_reads_the_delimiter_it_is_told(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    responses = tmp_path / "r.txt"
    responses.write_text("\n".join("\t".join(row) for row in ROWS) + "\n")
    args = [*COMMANDS[command], *KEYS, "--responses", str(responses)]
    told = runner.invoke(cli, [*args, "--delimiter", "tab"])
    assert told.exit_code == 0, told.output
    wrong = runner.invoke(cli, [*args, "--delimiter", "semicolon"])
    assert wrong.exit_code == 2
    assert "missing item columns: a1, a2, a3" in wrong.output


def test_it_says_the_file_looks_comma_separated_when_told_otherwise(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_text("respondent_id,a1,a2,a3\nr1,3,4,5\n")
    args = ["score", *KEYS, "--responses", str(path), "--delimiter", "semicolon"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "holds commas: is the file comma-separated?" in result.output
