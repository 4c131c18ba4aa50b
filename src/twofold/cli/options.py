"""Options several commands share: which instrument, how to read the file, missing answers."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import click

from twofold.cli.errors import InputError, reported
from twofold.content import resolve_instrument
from twofold.core.instrument import Instrument, instrument_from_keys
from twofold.core.responses import DELIMITERS, ResponseTable, read_responses_csv
from twofold.core.scoring import IMPUTATIONS

F = TypeVar("F", bound=Callable[..., object])
BAR_BYTES = 40_000_000
"""Files larger than this (about 400,000 respondents of 48 answers) take a couple of seconds
to read: show a progress bar."""
BAR_ROWS = 300_000
"""Respondents whose scores take a couple of seconds to write: show a progress bar."""


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


def delimiter_option(command: F) -> F:
    return click.option(
        "--delimiter",
        type=click.Choice(["auto", *DELIMITERS]),
        metavar="SEP",
        default="auto",
        show_default=True,
        help="What separates the cells of the responses file: comma, semicolon or tab; "
        "auto finds which from the header. In a semicolon file, 3,0 is read as 3.",
    )(command)


def read_responses(
    path: str,
    inst: Instrument,
    delimiter: str,
    *,
    keep: Sequence[str] = (),
    require_id: bool = True,
) -> ResponseTable:
    """Read the --responses file for ``inst``, with a progress bar for a big file on a terminal.

    Problems are raised as :class:`~twofold.core.errors.ResponsesError`, for
    the command's :func:`reported` to word; notes on how the file was read go
    to stderr.
    """
    rs = inst.response_scale
    size = os.path.getsize(path) if os.path.isfile(path) else 0
    with progress_bar(size if size > BAR_BYTES else 0, "Reading") as advance:
        done = 0

        def progress(position: int) -> None:
            nonlocal done
            advance(position - done)
            done = position

        table = read_responses_csv(
            path,
            inst.item_ids,
            rs.min,
            rs.max,
            keep=keep,
            require_id=require_id,
            delimiter=None if delimiter == "auto" else DELIMITERS[delimiter],
            progress=progress,
        )
    for note in table.notes:
        click.echo(f"note: {note}", err=True)
    return table


@contextmanager
def progress_bar(length: int, label: str) -> Iterator[Callable[[int], None]]:
    """A function advancing a progress bar on stderr by its argument.

    No bar is drawn for a ``length`` of 0 (work too short to need one) or
    when stderr is not a terminal.
    """
    if not length or not sys.stderr.isatty():
        yield lambda steps: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update


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
