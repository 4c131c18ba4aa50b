"""``twofold analyze``: reliability and item analysis of each scale of a responses CSV."""

from __future__ import annotations

import json
import math
from typing import Any

import click

from twofold.cli.errors import InputError, reported
from twofold.cli.options import (
    delimiter_option,
    impute_option,
    instrument_options,
    note_ignored,
    read_responses,
    resolve,
)
from twofold.core.output import optional
from twofold.core.scoring import DEFAULT_MIN_ANSWERED
from twofold.core.stats.covariance import MISSING_POLICIES
from twofold.core.stats.reliability import (
    ItemStatistics,
    ReliabilityAnalysis,
    ScaleReliability,
    analyze_reliability,
)
from twofold.core.words import counted

LOW_R_DROP = 0.30  # the usual floor for an item's correlation with the rest of its scale


@click.command(name="analyze")
@instrument_options
@click.option(
    "--responses",
    required=True,
    type=click.Path(dir_okay=False),
    help="CSV with one column per item id (respondent_id optional); empty = missing.",
)
@delimiter_option
@impute_option
@click.option(
    "--missing",
    type=click.Choice(MISSING_POLICIES),
    default="pairwise",
    show_default=True,
    help="Covariances from the respondents who answered both items (pairwise, as R's "
    "psych::alpha) or only from those who answered every item of the scale (listwise).",
)
@click.option(
    "--min-answered",
    type=click.FloatRange(0, 1, min_open=True),
    default=DEFAULT_MIN_ANSWERED,
    show_default=True,
    help="Fraction of a scale's items a respondent must answer to count in its mean, SD "
    "and SEM (as in `twofold score`). A small value, e.g. 0.01, counts the mean of "
    "whatever was answered, as R's psych::alpha does.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
def analyze(
    instrument_ref: str | None,
    keys: str | None,
    low: int | None,
    high: int | None,
    responses: str,
    delimiter: str,
    impute: str,
    missing: str,
    min_answered: float,
    as_json: bool,
) -> None:
    """Reliability and item analysis of every scale: alpha, omega, item statistics.

    Name the scales with --instrument, or inline with --keys, --min and --max.
    Reverse-keyed items are reversed first. The conventions are those of R's
    psych package (alpha, omega with one minres factor, Feldt's interval for
    alpha); items are flagged when their corrected item-total correlation is
    below .30 or when alpha rises without them. --json prints every number at
    full precision, null where a value is undefined, with the reason.
    """
    inst = resolve(instrument_ref, keys, low, high)
    with reported():
        table = read_responses(responses, inst, delimiter, require_id=False)
        if not table.respondent_ids:
            raise InputError(f"{responses}: no rows of answers")
        result = analyze_reliability(
            inst, table.matrix, impute=impute, missing=missing, min_answered=min_answered
        )
    note_ignored(table)
    if as_json:
        click.echo(json.dumps(as_data(result), indent=2, allow_nan=False))
    else:
        click.echo(as_table(result, len(table.respondent_ids), inst.name), nl=False)


def _item_data(item: ItemStatistics) -> dict[str, Any]:
    return {
        "n": item.n,
        "mean": optional(item.mean),
        "sd": optional(item.sd),
        "r_drop": optional(item.r_drop),
        "alpha_if_deleted": optional(item.alpha_if_deleted),
        "reasons": dict(item.reasons),
    }


def _scale_data(scale: ScaleReliability) -> dict[str, Any]:
    return {
        "n": scale.n,
        "mean": optional(scale.mean),
        "sd": optional(scale.sd),
        "alpha": optional(scale.alpha),
        "alpha_std": optional(scale.alpha_std),
        "lambda6": optional(scale.lambda6),
        "average_r": optional(scale.average_r),
        "omega_total": optional(scale.omega_total),
        "sem": optional(scale.sem),
        "alpha_ci95": {
            "lower": optional(scale.alpha_ci95.lower),
            "upper": optional(scale.alpha_ci95.upper),
        },
        "items": {item_id: _item_data(item) for item_id, item in scale.items.items()},
        "reasons": dict(scale.reasons),
    }


def as_data(result: ReliabilityAnalysis) -> dict[str, Any]:
    """The JSON document; an undefined value is null and ``reasons`` says why."""
    return {
        "instrument": result.instrument,
        "impute": result.impute,
        "missing": result.missing,
        "scales": {sid: _scale_data(scale) for sid, scale in result.scales.items()},
    }


def _num(value: float, digits: int) -> str:
    return "—" if math.isnan(value) else f"{value:.{digits}f}"


def flag(scale: ScaleReliability, item: ItemStatistics) -> str:
    """Why an item deserves a look, or an empty string."""
    notes = []
    if item.r_drop < LOW_R_DROP:  # False for NaN
        notes.append(f"r.drop {item.r_drop:.2f} < .30")
    if item.alpha_if_deleted > scale.alpha:
        notes.append(f"alpha rises to {item.alpha_if_deleted:.3f} without it")
    return "; ".join(notes)


def _columns(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(w) if c in right else cell.ljust(w)
            for c, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _undefined(reasons: dict[str, str]) -> list[str]:
    """Reasons grouped by their wording: "alpha, sem: scale has one item"."""
    fields: dict[str, list[str]] = {}
    for field, why in reasons.items():
        fields.setdefault(why, []).append(field)
    return [f"{', '.join(names)}: {why}" for why, names in fields.items()]


def _scale_lines(scale_id: str, scale: ScaleReliability, respondents: int) -> list[str]:
    ci = scale.alpha_ci95
    interval = "" if math.isnan(ci.lower) else f" [{ci.lower:.3f}, {ci.upper:.3f}]"
    items = f"{len(scale.items)} item{'s' if len(scale.items) != 1 else ''}"
    lines = [
        f"{scale_id} ({items}; {scale.n:,} of {respondents:,} respondents with a score)",
        f"  alpha {_num(scale.alpha, 3)}{interval}   std. alpha {_num(scale.alpha_std, 3)}   "
        f"lambda 6 {_num(scale.lambda6, 3)}   omega total {_num(scale.omega_total, 3)}",
        f"  average r {_num(scale.average_r, 3)}   mean {_num(scale.mean, 2)}   "
        f"SD {_num(scale.sd, 2)}   SEM {_num(scale.sem, 2)}",
        *(f"  — {line}" for line in _undefined(scale.reasons)),
    ]
    rows = [["item", "n", "mean", "SD", "r.drop", "alpha if deleted", ""]]
    for item_id, item in scale.items.items():
        note = flag(scale, item)
        rows.append(
            [
                item_id,
                f"{item.n:,}",
                _num(item.mean, 2),
                _num(item.sd, 2),
                _num(item.r_drop, 2),
                _num(item.alpha_if_deleted, 3),
                f"← {note}" if note else "",
            ]
        )
    lines += ["", *("  " + line for line in _columns(rows, right={1, 2, 3, 4, 5}))]
    shared = set(scale.reasons.values())  # already said for the whole scale
    for item_id, item in scale.items.items():
        own = {field: why for field, why in item.reasons.items() if why not in shared}
        lines += [f"  — {item_id} {line}" for line in _undefined(own)]
    return [*lines, ""]


def as_table(result: ReliabilityAnalysis, respondents: int, name: str) -> str:
    """One block per scale: the coefficients, then a row per item with its flags."""
    head = [
        f"Reliability of {name} ({result.instrument}): {counted(respondents, 'respondent')}, "
        f"{result.missing} covariances, imputation: {result.impute}.",
        "alpha with Feldt's 95% interval; omega total from one minres factor;",
        "r.drop: correlation of an item with the sum of the others. — marks an undefined value.",
        "",
    ]
    body = [
        line
        for sid, scale in result.scales.items()
        for line in _scale_lines(sid, scale, respondents)
    ]
    return "\n".join(head + body)
