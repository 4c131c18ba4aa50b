"""``twofold assess``: take an inventory in the terminal and read the report there."""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import click

from twofold.cli.errors import InputError, reported
from twofold.content import questionnaire_texts, resolve_instrument
from twofold.core.answers import answer_matrix, clean_answers
from twofold.core.instrument import Instrument
from twofold.core.output import write_atomically
from twofold.core.questionnaire import page_of, pages, questions
from twofold.core.scoring import score
from twofold.reports.build import build_report
from twofold.reports.terminal import render_terminal

BACK, QUIT = "b", "q"


@click.command()
@click.option(
    "--instrument",
    "instrument_ref",
    default="tlmi",
    show_default=True,
    metavar="FILE_OR_ID",
    help="An instrument JSON file, or the id of a built-in instrument.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Save the answers and the scores to this JSON file.",
)
def assess(instrument_ref: str, out: str | None) -> None:
    """Answer an inventory about yourself, then see your report.

    The questions come in the order and under the headings of the web
    questionnaire, and every one needs an answer. Press a number to answer,
    b to go back and q to stop.
    """
    with reported():
        inst = resolve_instrument(instrument_ref)
    given = _ask(inst)
    # Stored in the instrument's item order, as every other answer file is.
    answers = {item_id: given[item_id] for item_id in inst.item_ids}
    with reported():
        result = score(inst, answer_matrix(inst, [clean_answers(inst, answers)]))
        report = build_report(inst, result, 0)
    click.echo(render_terminal(report))
    if out is not None:
        record = {
            "instrument": {"id": inst.id, "version": inst.version},
            "answered_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "answers": answers,
            "scores": result.respondent(0),
        }
        try:
            write_atomically(Path(out), json.dumps(record, indent=2) + "\n")
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc.strerror}") from None
        click.echo(f"Saved your answers and scores to {out}.")


def _ask(inst: Instrument) -> dict[str, int]:
    """Walk the questionnaire page by page; returns an answer for every item."""
    rs = inst.response_scale
    keys = {str(point): point for point in rs.points}
    legend = "   ".join(f"{point} {label}" for point, label in rs.labels.items())
    texts = questionnaire_texts()
    asked = questions(inst)
    all_pages = pages(inst)
    answers: dict[str, int] = {}
    click.echo(f"{inst.name} ({inst.ref}): {len(asked)} statements about you.")
    for line in (texts["instruction"]["self"], texts["answer_rule"]):
        click.echo(textwrap.fill(line, 78))
    click.echo(f"Keys: {legend}   {BACK} back   {QUIT} quit")
    index, heading = 0, 0
    while index < len(asked):
        q = asked[index]
        page = page_of(inst, q.id)
        if page.number != heading:
            heading = page.number
            click.echo(f"\nPage {page.number} of {len(all_pages)}: {page.title}")
            if page.description:
                click.echo(textwrap.fill(page.description, 78))
        previous = answers.get(q.id)
        shown = f" [now {previous}]" if previous is not None else ""
        click.echo(f"{q.number}/{len(asked)}{shown}  {q.item.self_text}")
        key = _read_key(set(keys) | {BACK, QUIT})
        if key == QUIT:
            click.echo("Stopped. Nothing was saved; run twofold assess again to start over.")
            raise SystemExit(1)
        if key == BACK:
            index = max(index - 1, 0)
            continue
        answers[q.id] = keys[key]
        index += 1
    return answers


def _read_key(allowed: set[str]) -> str:
    """One keypress on a terminal; one line when the answers are piped in."""
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            key = click.getchar().strip().lower()
            click.echo(f"  > {key}")
        else:
            line = sys.stdin.readline()
            if not line:
                raise InputError("the answers ended before the last item")
            key = line.strip().lower()
        if key in allowed:
            return key
        click.echo(f"  Press one of: {' '.join(sorted(allowed))}")
