"""Options several commands share: which instrument, and how to treat missing answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from twofold.cli.errors import InputError, reported
from twofold.content import resolve_instrument
from twofold.core.instrument import Instrument, instrument_from_keys
from twofold.core.responses import ResponseTable
from twofold.core.scoring import IMPUTATIONS

F = TypeVar("F", bound=Callable[..., object])


def instrument_options(command: F) -> F:
    """Add --instrument, or --keys with --min and --max, to a command."""
    options = [
        click.option(
            "--instrument",
            "instrument_ref",
            metavar="FILE_OR_ID",
            help="An instrument JSON file, or the id of a built-in instrument (e.g. tlmi).",
        ),
        click.option(
            "--keys",
            metavar="SPEC",
            help='Scales inline instead of --instrument, e.g. "A=-A1,A2,A3;C=C1,C2" '
            "(a leading minus marks a reverse-keyed item).",
        ),
        click.option("--min", "low", type=int, help="Lowest answer, with --keys."),
        click.option("--max", "high", type=int, help="Highest answer, with --keys."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def impute_option(command: F) -> F:
    return click.option(
        "--impute",
        type=click.Choice(IMPUTATIONS),
        default="none",
        show_default=True,
        help="Fill a missing answer with its item's median or mean over all respondents.",
    )(command)


def resolve(
    instrument_ref: str | None, keys: str | None, low: int | None, high: int | None
) -> Instrument:
    """The instrument the options name; exactly one of --instrument and --keys."""
    if (instrument_ref is None) == (keys is None):
        raise InputError("give either --instrument FILE_OR_ID or --keys SPEC (with --min, --max)")
    if keys is not None:
        if low is None or high is None:
            raise InputError("--keys needs --min and --max, the lowest and highest answer")
        if high <= low:
            raise InputError(f"--max ({high}) must be greater than --min ({low})")
        with reported():
            return instrument_from_keys(keys, low, high)
    if low is not None or high is not None:
        raise InputError("--min and --max go with --keys; an instrument file has its own range")
    assert instrument_ref is not None  # narrowed by the first check
    with reported():
        return resolve_instrument(instrument_ref)


def note_ignored(table: ResponseTable) -> None:
    """Tell the user, on stderr, which columns of their file were not read."""
    if table.ignored_columns:
        names = ", ".join(name or "(unnamed)" for name in table.ignored_columns)
        click.echo(f"note: ignored columns: {names}", err=True)
