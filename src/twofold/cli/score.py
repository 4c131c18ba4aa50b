"""``twofold score``: score a responses CSV with an instrument."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import click
import numpy as np

from twofold.cli.errors import InputError, reported
from twofold.cli.options import impute_option, instrument_options, note_ignored, resolve
from twofold.content.norm_store import NormStore
from twofold.core.output import optional, write_atomically
from twofold.core.responses import ID_COLUMN, ResponseTable, read_responses_csv
from twofold.core.scoring import DEFAULT_MIN_ANSWERED, Scores, score
from twofold.core.stats.norms import (
    NormComparison,
    NormError,
    NormTable,
    compare_to_norm,
)

PROFILE_COLUMNS = ("lean", "lean_lower", "lean_upper", "region", "balanced", "near_border")


@click.command(name="score")
@instrument_options
@click.option(
    "--responses",
    required=True,
    type=click.Path(dir_okay=False),
    help="CSV with a respondent_id column and one column per item id; empty = missing.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Write here instead of standard output."
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
    fmt: str,
    out: str | None,
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
        rs = inst.response_scale
        table = read_responses_csv(responses, inst.item_ids, rs.min, rs.max)
        if not table.respondent_ids:
            raise InputError(f"{responses}: no respondents, only a header row; nothing to score")
        result = score(inst, table.matrix, min_answered=min_answered, impute=impute)
        norm = None if norm_table is None else compare_to_norm(norm_table, inst, result)
    note_ignored(table)
    text = _as_csv(table, result, norm) if fmt == "csv" else _as_json(inst.ref, table, result, norm)
    if out is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomically(Path(out), text)
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc.strerror}") from None
        click.echo(f"scored {result.n} respondent(s) into {out}", err=True)


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
        return store.load(name)
    except NormError as exc:
        raise InputError(f"--norm: {exc}") from None


def _number(value: float) -> str:
    return "" if np.isnan(value) else f"{value:.6f}".rstrip("0").rstrip(".")


def _as_csv(table: ResponseTable, result: Scores, norm: NormComparison | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = [ID_COLUMN, *result.key.scale_ids, *result.key.composite_ids]
    profile = result.profile
    if profile is not None:
        header += PROFILE_COLUMNS
    if norm is not None:
        header += [f"{i}_{kind}" for kind in ("pct", "t") for i in norm.ids]
    clashes = sorted({name for name in header if header.count(name) > 1})
    if clashes:
        raise InputError(
            f"the output would have two columns called {', '.join(clashes)}: rename the scale "
            "(a scale may not be called respondent_id, nor end in _pct or _t beside --norm), "
            "or use --format json"
        )
    writer.writerow(header)
    numbers = np.hstack([result.scales, result.composites])
    for i, rid in enumerate(table.respondent_ids):
        row = [rid, *(_number(v) for v in numbers[i])]
        if profile is not None:
            has_region = bool(profile.region[i])
            row += [
                _number(profile.lean[i]),
                _number(profile.lean_lower[i]),
                _number(profile.lean_upper[i]),
                str(profile.region[i]),
                str(bool(profile.balanced[i])).lower() if has_region else "",
                str(bool(profile.near_border[i])).lower() if has_region else "",
            ]
        if norm is not None:
            row += [_number(v) for v in (*norm.percentile[i], *norm.t_score[i])]
        writer.writerow(row)
    return buffer.getvalue()


def _as_json(
    instrument_ref: str, table: ResponseTable, result: Scores, norm: NormComparison | None
) -> str:
    respondents: list[dict[str, Any]] = [
        {ID_COLUMN: rid, **result.respondent(i)} for i, rid in enumerate(table.respondent_ids)
    ]
    document: dict[str, Any] = {"instrument": instrument_ref, "respondents": respondents}
    if norm is not None:
        document["norm"] = {"name": norm.norm, "reasons": norm.reasons}
        for i, respondent in enumerate(respondents):
            respondent["norm"] = {
                sid: {
                    "percentile": optional(norm.percentile[i, j]),
                    "t_score": optional(norm.t_score[i, j]),
                }
                for j, sid in enumerate(norm.ids)
            }
    return json.dumps(document, indent=2) + "\n"
