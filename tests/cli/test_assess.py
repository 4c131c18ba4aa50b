"""``twofold assess``: answering in the terminal, going back, skipping, saving."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from twofold.cli.main import cli
from twofold.content import builtin_instrument, questionnaire_texts
from twofold.core.questionnaire import pages, questions

TLMI = builtin_instrument("tlmi")
ASKED = [q.item for q in questions(TLMI)]


def keys_for(answers: list[str]) -> str:
    return "\n".join(answers) + "\n"


def test_it_asks_every_item_and_prints_the_report(runner: CliRunner) -> None:
    leadership = {i.id for s in TLMI.scales if s.capability == "leadership" for i in s.items}
    answers = ["5" if item.id in leadership else "2" for item in ASKED]
    result = runner.invoke(cli, ["assess"], input=keys_for(answers))
    assert result.exit_code == 0
    assert f"48/48  {ASKED[-1].self_text}" in result.output
    assert "Visionary" in result.output


def test_it_asks_as_the_web_questionnaire_does(runner: CliRunner) -> None:
    # Same instruction, same pages and headings, same order, and no practice name
    # above a statement: the web pages walk the same core questionnaire.
    result = runner.invoke(cli, ["assess"], input=keys_for(["3"] * len(ASKED)))
    output = " ".join(result.output.split())
    texts = questionnaire_texts()
    assert texts["instruction"]["self"] in output
    assert texts["answer_rule"] in output
    positions = [output.index(f"{n}/48 {item.self_text}") for n, item in enumerate(ASKED, 1)]
    assert positions == sorted(positions)
    for page in pages(TLMI):
        heading = output.index(f"Page {page.number} of 8: {page.title}")
        first = page.questions[0].number - 1
        before = positions[first - 1] if first else -1
        assert before < heading < positions[first]
    asked_part = output[: output.index("48/48")]
    assert not any(f" {scale.name} " in asked_part for scale in TLMI.scales)


def test_it_goes_back_and_replaces_an_answer(runner: CliRunner, tmp_path: Path) -> None:
    answers = ["1", "b", "4", *["3"] * (len(TLMI.items) - 1)]
    out = tmp_path / "me.json"
    result = runner.invoke(cli, ["assess", "--out", str(out)], input=keys_for(answers))
    saved = json.loads(out.read_text())
    assert result.exit_code == 0
    assert "[now 1]" in result.output
    assert saved["answers"][TLMI.item_ids[0]] == 4
    assert saved["instrument"] == {"id": "tlmi", "version": TLMI.version}


def test_it_asks_for_every_answer(runner: CliRunner, tmp_path: Path) -> None:
    # No skipping, as on the web: "s" is not a key, and every item is saved.
    answers = ["s", *["4"] * len(TLMI.items)]
    out = tmp_path / "me.json"
    result = runner.invoke(cli, ["assess", "--out", str(out)], input=keys_for(answers))
    saved = json.loads(out.read_text())
    assert result.exit_code == 0
    assert "Press one of: 1 2 3 4 5 b q" in result.output
    assert saved["answers"] == dict.fromkeys(TLMI.item_ids, 4)
    assert saved["scores"]["scales"][TLMI.scales[0].id] == {"score": 4.0, "answered": 3}


def test_it_asks_again_after_a_key_it_does_not_know(runner: CliRunner) -> None:
    answers = ["7", *["4"] * len(TLMI.items)]
    result = runner.invoke(cli, ["assess"], input=keys_for(answers))
    assert result.exit_code == 0
    assert "Press one of: 1 2 3 4 5 b q" in result.output


def test_it_stops_without_saving_on_quit(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "me.json"
    result = runner.invoke(cli, ["assess", "--out", str(out)], input=keys_for(["4", "q"]))
    assert result.exit_code == 1
    assert "Stopped. Nothing was saved" in result.output
    assert "Aborted" not in result.output
    assert not out.exists()


def test_it_says_so_when_the_answers_run_out(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["assess"], input=keys_for(["4", "4"]))
    assert result.exit_code == 2
    assert "ended before the last item" in result.output
