"""``twofold score``: score a responses CSV with an instrument."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

import click
import numpy as np

from twofold.cli.errors import InputError, reported
from twofold.cli.options import (
    BAR_ROWS,
    delimiter_option,
    impute_option,
    instrument_options,
    note_ignored,
    progress_bar,
    read_responses,
    resolve,
)
from twofold.content.norm_store import NormStore
from twofold.core.instrument import Instrument
from twofold.core.output import (
    CsvRows,
    TextCells,
    atomic_file,
    csv_lines,
    number_cells,
    optional,
    text_cells,
)
from twofold.core.responses import ID_COLUMN, ResponseTable
from twofold.core.scoring import DEFAULT_MIN_ANSWERED, Scores, ScoringKey, score
from twofold.core.stats.norms import (
    NormComparison,
    NormError,
    NormTable,
    compare_to_norm,
)
from twofold.core.words import counted

PROFILE_COLUMNS = ("lean", "lean_lower", "lean_upper", "region", "balanced", "near_border")
ROWS_AT_A_TIME = 50_000
"""Respondents scored and written at a time: a few megabytes of floats and text."""


@click.command(name="score")
@instrument_options
@click.option(
    "--responses",
    required=True,
    type=click.Path(dir_okay=False),
    help="CSV with a respondent_id column and one column per item id; empty = missing.",
)
@delimiter_option
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Write here instead of standard output."
)
@click.option(
    "--digits",
    type=click.IntRange(0, 15),
    help="Round the numbers of the CSV to this many decimals (trailing zeros dropped). "
    "By default each is written in full: the shortest text that reads back as the same number.",
)
@click.option(
    "--min-answered",
    type=click.FloatRange(0, 1, min_open=True),
    default=DEFAULT_MIN_ANSWERED,
    show_default=True,
    help="Fraction of a scale's items that must be answered for it to get a score.",
)
@impute_option
@click.option(
    "--norm",
    "norm_name",
    metavar="NAME",
    help="Add each score's percentile rank and T-score in this norm group "
    "(see `twofold norms list`).",
)
def score_command(
    instrument_ref: str | None,
    keys: str | None,
    low: int | None,
    high: int | None,
    responses: str,
    delimiter: str,
    fmt: str,
    out: str | None,
    digits: int | None,
    min_answered: float,
    impute: str,
    norm_name: str | None,
) -> None:
    """Score every respondent in a responses CSV.

    Name the scales with --instrument, or inline with --keys, --min and --max.

    The CSV output has respondent_id, one column per scale and per composite
    (named by their ids) and, for instruments with a profile, the lean with its
    95% interval and the profile region. With --norm, each scale and composite
    also gets ID_pct (percentile rank) and ID_t (T-score) columns. An empty
    cell means no score.
    """
    if out is not None and _same_file(Path(out), Path(responses)):
        raise InputError(
            f"--out: would overwrite the responses file {responses}; write the scores elsewhere"
        )
    inst = resolve(instrument_ref, keys, low, high)
    norm_table = None if norm_name is None else _load_norm(norm_name)
    with reported():
        table = read_responses(responses, inst, delimiter)
    if not table.respondent_ids:
        raise InputError(f"{responses}: no respondents, only a header row; nothing to score")
    note_ignored(table)
    parts = _scored_parts(inst, table, min_answered, impute, norm_table)
    parts = chain([next(parts)], parts)  # a problem with the norm shows before any output
    with reported(), _destination(out) as sink:
        if fmt == "json":
            sink.write(_as_json(inst.ref, table, list(parts)).encode())
        else:
            sink.write(_csv_header(inst, norm_table))
            rows = CsvRows()
            with progress_bar(table.n if table.n > BAR_ROWS else 0, "Scoring") as advance:
                for start, result, norm in parts:
                    sink.write(rows.lines(_csv_columns(table, start, result, norm, digits)))
                    advance(result.n)
    if out is not None:
        click.echo(f"scored {counted(table.n, 'respondent')} into {out}", err=True)


Part = tuple[int, Scores, NormComparison | None]
"""Respondents from a row on: their scores and their place in the norm."""


def _scored_parts(
    inst: Instrument,
    table: ResponseTable,
    min_answered: float,
    impute: str,
    norm: NormTable | None,
) -> Iterator[Part]:
    """The scores, part by part, so a million respondents never need a float matrix at once.

    Imputing needs each item's median or mean over everyone, so with --impute
    the whole file is scored in one part.
    """
    key = ScoringKey.from_instrument(inst)
    step = table.n if impute != "none" else ROWS_AT_A_TIME
    for start in range(0, table.n, step):
        with reported():
            answers = table.answers(start, start + step)
            result = score(inst, answers, min_answered=min_answered, impute=impute, key=key)
            placed = None if norm is None else compare_to_norm(norm, inst, result)
        yield start, result, placed


@contextmanager
def _destination(out: str | None) -> Iterator[BinaryIO]:
    """Standard output, or the --out file, which appears only once it is whole."""
    if out is None:
        yield sys.stdout.buffer
        return
    try:
        with atomic_file(Path(out)) as handle:
            yield handle
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}") from None


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file, by resolved path or by the file itself.

    Comparing the files too catches a hard link, or another spelling of the
    name on a case-insensitive disk (macOS, Windows), which resolve alone misses.
    """
    if a.resolve() == b.resolve():
        return True
    return a.exists() and b.exists() and os.path.samefile(a, b)


def _load_norm(name: str) -> NormTable:
    """The norm --norm names; a problem with it is reported against --norm, as typed."""
    store = NormStore()
    if name not in store.names():
        known = ", ".join(store.names()) or "none"
        raise InputError(
            f"--norm: no norm called '{name}' (known: {known}); see `twofold norms list`"
        )
    try:
        norm = store.load(name)
    except NormError as exc:
        raise InputError(f"--norm: {exc}") from None
    if norm.simulated:
        click.echo(
            f"note: norm '{name}' was built from simulated answers, not real people: "
            "its percentile ranks and T-scores are for trying Twofold out, not for "
            "interpreting anyone's scores",
            err=True,
        )
    return norm


def _csv_header(inst: Instrument, norm: NormTable | None) -> bytes:
    key = ScoringKey.from_instrument(inst)
    ids = (*key.scale_ids, *key.composite_ids)
    header = [ID_COLUMN, *ids]
    if inst.profile is not None:
        header += PROFILE_COLUMNS
    if norm is not None:
        header += [f"{i}_{kind}" for kind in ("pct", "t") for i in ids]
    clashes = sorted({name for name in header if header.count(name) > 1})
    if clashes:
        raise InputError(
            f"the output would have two columns called {', '.join(clashes)}: rename the scale "
            "(a scale may not be called respondent_id, nor end in _pct or _t beside --norm), "
            "or use --format json"
        )
    return csv_lines([text_cells([name]) for name in header])


def _csv_columns(
    table: ResponseTable,
    start: int,
    result: Scores,
    norm: NormComparison | None,
    digits: int | None,
) -> list[TextCells]:
    """The CSV cells of one part, every column formatted at once."""
    ids = table.respondent_ids[start : start + result.n]
    numbers = np.hstack([result.scales, result.composites])
    columns = [text_cells(ids), *(number_cells(values, digits) for values in numbers.T)]
    profile = result.profile
    if profile is not None:
        has_region = profile.region != ""
        columns += [
            number_cells(values, digits)
            for values in (profile.lean, profile.lean_lower, profile.lean_upper)
        ]
        columns.append(profile.region.astype(np.bytes_))
        for flags in (profile.balanced, profile.near_border):
            columns.append(np.where(has_region, np.where(flags, b"true", b"false"), b""))
    if norm is not None:
        columns += [
            number_cells(values, digits) for values in (*norm.percentile.T, *norm.t_score.T)
        ]
    return columns


def _as_json(instrument_ref: str, table: ResponseTable, parts: list[Part]) -> str:
    respondents: list[dict[str, Any]] = []
    norm_name, reasons = None, {}
    for start, result, norm in parts:
        ids = table.respondent_ids[start : start + result.n]
        block = [{ID_COLUMN: rid, **result.respondent(i)} for i, rid in enumerate(ids)]
        if norm is not None:
            norm_name, reasons = norm.norm, norm.reasons
            for i, respondent in enumerate(block):
                respondent["norm"] = {
                    sid: {
                        "percentile": optional(norm.percentile[i, j]),
                        "t_score": optional(norm.t_score[i, j]),
                    }
                    for j, sid in enumerate(norm.ids)
                }
        respondents += block
    document: dict[str, Any] = {"instrument": instrument_ref, "respondents": respondents}
    if norm_name is not None:
        document["norm"] = {"name": norm_name, "reasons": reasons}
    return json.dumps(document, indent=2) + "\n"
