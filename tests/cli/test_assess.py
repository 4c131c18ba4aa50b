"""``twofold assess``: answering in the terminal, going back, skipping, saving."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from twofold.cli.main import cli
from twofold.content import builtin_instrument

TLMI = builtin_instrument("tlmi")


def keys_for(answers: list[str]) -> str:
    return "\n".join(answers) + "\n"


def test_it_asks_every_item_and_prints_the_report(runner: CliRunner) -> None:
    leadership = {i.id for s in TLMI.scales if s.capability == "leadership" for i in s.items}
    answers = ["5" if item in leadership else "2" for item in TLMI.item_ids]
    result = runner.invoke(cli, ["assess"], input=keys_for(answers))
    assert result.exit_code == 0
    assert f"48/48  {TLMI.scales[-1].name}" in result.output
    assert "Visionary" in result.output


def test_it_goes_back_and_replaces_an_answer(runner: CliRunner, tmp_path: Path) -> None:
    answers = ["1", "b", "4", *["3"] * (len(TLMI.items) - 1)]
    out = tmp_path / "me.json"
    result = runner.invoke(cli, ["assess", "--out", str(out)], input=keys_for(answers))
    saved = json.loads(out.read_text())
    assert result.exit_code == 0
    assert "[now 1]" in result.output
    assert saved["answers"][TLMI.item_ids[0]] == 4
    assert saved["instrument"] == {"id": "tlmi", "version": TLMI.version}


def test_it_records_a_skipped_item_as_missing(runner: CliRunner, tmp_path: Path) -> None:
    answers = ["s", *["4"] * (len(TLMI.items) - 1)]
    out = tmp_path / "me.json"
    runner.invoke(cli, ["assess", "--out", str(out)], input=keys_for(answers))
    saved = json.loads(out.read_text())
    first_scale = TLMI.scales[0].id
    assert saved["answers"][TLMI.item_ids[0]] is None
    assert saved["scores"]["scales"][first_scale] == {"score": 4.0, "answered": 2}


def test_it_asks_again_after_a_key_it_does_not_know(runner: CliRunner) -> None:
    answers = ["7", *["4"] * len(TLMI.items)]
    result = runner.invoke(cli, ["assess"], input=keys_for(answers))
    assert result.exit_code == 0
    assert "Press one of: 1 2 3 4 5 b q s" in result.output


def test_it_stops_without_saving_on_quit(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "me.json"
    result = runner.invoke(cli, ["assess", "--out", str(out)], input=keys_for(["4", "q"]))
    assert result.exit_code == 1
    assert not out.exists()


def test_it_says_so_when_the_answers_run_out(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["assess"], input=keys_for(["4", "4"]))
    assert result.exit_code == 2
    assert "ended before the last item" in result.output
