"""``twofold instrument validate``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from tests.core.tiny import tiny_definition

from twofold.cli.main import cli


def test_it_accepts_the_builtin_inventory(runner: CliRunner) -> None:
    builtin = Path(__file__).parents[2] / "src/twofold/content/instruments/tlmi-1.0.json"
    result = runner.invoke(cli, ["instrument", "validate", str(builtin)])
    assert result.exit_code == 0, result.output
    # The inventory as the framework describes it: 16 practices of 3 statements,
    # a leadership and a management composite.
    assert "valid — tlmi@1.0, 16 scales, 48 items, 2 composites" in result.output


def test_it_says_a_good_file_is_valid(runner: CliRunner, tiny_file: Path) -> None:
    result = runner.invoke(cli, ["instrument", "validate", str(tiny_file)])
    assert result.exit_code == 0
    assert "valid — tiny@1.0, 2 scales, 6 items, 2 composites" in result.output


def test_it_lists_every_problem_with_its_location(runner: CliRunner, tmp_path: Path) -> None:
    definition = tiny_definition()
    definition["scales"][1]["items"][1]["key"] = 0
    definition["response_scale"]["min"] = "one"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(definition))
    result = runner.invoke(cli, ["instrument", "validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}: scales[1].items[1].key: expected 1 or -1" in result.output
    assert f"{path}: response_scale.min:" in result.output
    assert f"found 2 problems in {path}" in result.output


def test_it_exits_2_for_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["instrument", "validate", str(tmp_path / "none.json")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_it_prints_the_schema_custom_instruments_follow(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["instrument", "schema"])
    schema = json.loads(result.output)
    assert {"id", "version", "language", "scales"} <= set(schema["required"])


def test_it_prints_the_header_row_of_a_responses_file(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["instrument", "template", "tlmi"])
    assert result.exit_code == 0
    header = result.output.strip().split(",")
    assert header[:4] == ["respondent_id", "env1", "env2", "env3"]
    assert len(header) == 1 + 48


def test_it_names_an_unknown_instrument_when_asked_for_a_template(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["instrument", "template", "nope"])
    assert result.exit_code == 2
    assert "no built-in instrument" in result.output
