"""``twofold assess``: take an inventory in the terminal and read the report there."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from twofold.cli.errors import InputError, reported
from twofold.content import resolve_instrument
from twofold.core.answers import answer_matrix, clean_answers
from twofold.core.instrument import Instrument
from twofold.core.output import write_atomically
from twofold.core.scoring import score
from twofold.reports.build import build_report
from twofold.reports.terminal import render_terminal

BACK, SKIP, QUIT = "b", "s", "q"


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

    Press a number to answer, b to go back, s to skip an item and q to stop.
    """
    with reported():
        inst = resolve_instrument(instrument_ref)
    answers = dict(zip(inst.item_ids, _ask(inst), strict=True))
    given = {item_id: value for item_id, value in answers.items() if value is not None}
    with reported():
        result = score(inst, answer_matrix(inst, [clean_answers(inst, given)]))
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


def _ask(inst: Instrument) -> list[int | None]:
    """Walk the items; returns one answer (or None for skipped) per item."""
    rs = inst.response_scale
    keys = {str(point): point for point in rs.points}
    legend = "   ".join(f"{point} {label}" for point, label in rs.labels.items())
    answers: list[int | None] = [None] * len(inst.items)
    scale_of = {item.id: scale for scale in inst.scales for item in scale.items}
    click.echo(f"{inst.name} ({inst.ref}): {len(inst.items)} statements about you.")
    click.echo("Answer how often each is true of you now, not how you would like it to be.")
    click.echo(f"Keys: {legend}   {BACK} back   {SKIP} skip   {QUIT} quit\n")
    index = 0
    while index < len(inst.items):
        item = inst.items[index]
        previous = answers[index]
        shown = f" [now {previous}]" if previous is not None else ""
        click.echo(f"{index + 1}/{len(inst.items)}  {scale_of[item.id].name}{shown}")
        click.echo(f"  {item.self_text}")
        key = _read_key(set(keys) | {BACK, SKIP, QUIT})
        if key == QUIT:
            raise click.Abort()
        if key == BACK:
            index = max(index - 1, 0)
            continue
        answers[index] = None if key == SKIP else keys[key]
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
