"""``twofold instrument``: check and inspect instrument files."""

from __future__ import annotations

import json

import click

from twofold.cli.errors import InputError, reported
from twofold.content import builtin_ids, resolve_instrument
from twofold.core.errors import InstrumentError
from twofold.core.instrument import Instrument, load_instrument_file
from twofold.core.responses import ID_COLUMN


@click.group()
def instrument() -> None:
    """Check and list instruments, and start a responses file for one."""


@instrument.command()
@click.argument("file", type=click.Path(dir_okay=False))
def validate(file: str) -> None:
    """Check an instrument FILE against the schema and list every problem."""
    try:
        inst = load_instrument_file(file)
    except InstrumentError as exc:
        for problem in exc.problems:
            click.echo(f"{file}: {problem}", err=True)
        count = "a problem" if len(exc.problems) == 1 else f"{len(exc.problems)} problems"
        raise InputError(f"found {count} in {file}") from None
    click.echo(
        f"{file}: valid — {inst.ref}, {len(inst.scales)} scales, {len(inst.items)} items, "
        f"{len(inst.composites)} composites"
    )


@instrument.command(name="list")
def list_() -> None:
    """List the built-in instruments."""
    for instrument_id in builtin_ids():
        inst = resolve_instrument(instrument_id)
        click.echo(f"{inst.id}\t{inst.version}\t{inst.name}")


@instrument.command()
@click.argument("instrument_ref", metavar="FILE_OR_ID")
def template(instrument_ref: str) -> None:
    """Print the header row of a responses CSV for an instrument: respondent_id and its items.

    Save it as a file, add one row per respondent, and score it with
    `twofold score`.
    """
    with reported():
        inst = resolve_instrument(instrument_ref)
    click.echo(",".join((ID_COLUMN, *inst.item_ids)))


@instrument.command()
def schema() -> None:
    """Print the JSON Schema that instrument files follow."""
    click.echo(json.dumps(Instrument.model_json_schema(by_alias=True), indent=2))
