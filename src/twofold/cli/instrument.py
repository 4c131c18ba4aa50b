"""``twofold instrument``: check and inspect instrument files."""

from __future__ import annotations

import json

import click

from twofold.cli.errors import InputError
from twofold.content import builtin_ids, resolve_instrument
from twofold.core.errors import InstrumentError
from twofold.core.instrument import Instrument, load_instrument_file


@click.group()
def instrument() -> None:
    """Check, list and export instruments."""


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
def schema() -> None:
    """Print the JSON Schema that instrument files follow."""
    click.echo(json.dumps(Instrument.model_json_schema(by_alias=True), indent=2))
