"""``twofold agreement``: how far the raters of each group agree; how reliable group means are."""

from __future__ import annotations

import json
from typing import Any

import click
import numpy as np
import numpy.typing as npt

from twofold.cli.errors import InputError, reported
from twofold.cli.options import (
    delimiter_option,
    instrument_options,
    note_ignored,
    read_responses,
    resolve,
)
from twofold.core.output import optional
from twofold.core.stats.raters import AgreementResult, compute_agreement
from twofold.core.words import counted

GOOD_AGREEMENT = 0.70  # the conventional cut for "enough agreement to aggregate"


@click.command(name="agreement")
@instrument_options
@click.option(
    "--responses",
    required=True,
    type=click.Path(dir_okay=False),
    help="CSV with one row per rater: a group column and one column per item id; empty = missing.",
)
@delimiter_option
@click.option(
    "--group",
    "group_column",
    required=True,
    metavar="COLUMN",
    help="Column naming each rater's group, e.g. the participant they rated.",
)
@click.option("--json", "as_json", is_flag=True, help="Print every group's values as JSON.")
def agreement_command(
    instrument_ref: str | None,
    keys: str | None,
    low: int | None,
    high: int | None,
    responses: str,
    delimiter: str,
    group_column: str,
    as_json: bool,
) -> None:
    """Rater agreement within groups: rwg(j) per scale, rwg per item, ICC(1) and ICC(2).

    Rows that share the value of the --group column are one group (the
    raters of one participant, or one team). Agreement is measured against
    answers spread evenly over the response scale (rwg, James, Demaree & Wolf
    1984); ICC(1) and ICC(2) come from a one-way ANOVA of the raters' scale
    scores by group (Bliese 2000). The table summarises over groups; --json
    gives every group's values.
    """
    inst = resolve(instrument_ref, keys, low, high)
    if group_column in inst.item_ids:
        raise InputError(f"--group: '{group_column}' is an item column, not a group column")
    with reported():
        table = read_responses(responses, inst, delimiter, keep=(group_column,), require_id=False)
    labels = table.kept[group_column]
    blank = [i for i, label in enumerate(labels) if not label]
    if blank:
        where = table.respondent_ids[blank[0]]
        where = where if where.startswith("line ") else f"respondent '{where}'"
        raise InputError(
            f"{responses}: {where}, column {group_column}: empty group value "
            f"({counted(len(blank), 'row')} without a group); give every row a group"
        )
    if not labels:
        raise InputError(f"{responses}: no rows of answers")
    if len(set(labels)) == len(labels):
        raise InputError(
            f"--group: every value of column {group_column} is different, so every group has "
            "one rater and there is no agreement to measure; name the column that says "
            "whom each rater rated"
        )
    note_ignored(table)
    with reported():
        result = compute_agreement(inst, table.matrix, labels)
    if as_json:
        click.echo(json.dumps(as_data(result, group_column), indent=2, allow_nan=False))
    else:
        click.echo(as_table(result, group_column), nl=False)


def _none(values: npt.NDArray[np.float64]) -> list[Any]:
    """Values as a list with None for NaN, so that JSON never holds NaN."""
    return [None if v != v else v for v in values.tolist()]


def summary(result: AgreementResult) -> dict[str, dict[str, Any]]:
    """Per scale: groups with rwg(j), its median, the share at or above .70, and the ICCs."""
    out: dict[str, dict[str, Any]] = {}
    for j, scale_id in enumerate(result.key.scale_ids):
        values = result.rwg_j.values[:, j]
        defined = values[~np.isnan(values)]
        icc = result.icc[j]
        out[scale_id] = {
            "groups_with_rwg_j": int(defined.size),
            "median_rwg_j": float(np.median(defined)) if defined.size else None,
            "share_rwg_j_at_least_70": (
                float(np.mean(defined >= GOOD_AGREEMENT)) if defined.size else None
            ),
            "icc1": optional(icc.icc1),
            "icc2": optional(icc.icc2),
        }
    return out


def as_data(result: AgreementResult, group_column: str) -> dict[str, Any]:
    """The JSON document: ``groups`` → group → scale → rwg_j, n, items; ``icc`` → scale."""
    key = result.key
    members = [np.flatnonzero(key.items_to_scales[:, j]) for j in range(len(key.scale_ids))]
    rwg_j_rows = [_none(row) for row in result.rwg_j.values]
    n_rows = result.rwg_j.n.tolist()
    item_rows = [_none(row) for row in result.rwg.values]
    reasons: dict[tuple[int, int], dict[str, str]] = {}
    for g, j in zip(*np.nonzero(np.isnan(result.rwg_j.values)), strict=True):
        reasons.setdefault((int(g), int(j)), {})["rwg_j"] = str(result.rwg_j.reason(g, j))
    item_scale = np.argmax(key.items_to_scales, axis=1)
    for g, i in zip(*np.nonzero(np.isnan(result.rwg.values)), strict=True):
        where = reasons.setdefault((int(g), int(item_scale[i])), {})
        where[f"items.{key.item_ids[i]}"] = str(result.rwg.reason(g, i))
    groups: dict[str, Any] = {}
    for g, label in enumerate(result.groups.labels):
        per_scale: dict[str, Any] = {}
        for j, scale_id in enumerate(key.scale_ids):
            block: dict[str, Any] = {
                "rwg_j": rwg_j_rows[g][j],
                "n": n_rows[g][j],
                "items": {key.item_ids[i]: item_rows[g][i] for i in members[j]},
            }
            if (g, j) in reasons:
                block["reasons"] = reasons[(g, j)]
            per_scale[scale_id] = block
        groups[label] = per_scale
    icc: dict[str, Any] = {}
    for scale_id, estimate in zip(key.scale_ids, result.icc, strict=True):
        block = {
            "icc1": optional(estimate.icc1),
            "icc2": optional(estimate.icc2),
        }
        if estimate.reasons:
            block["reasons"] = dict(estimate.reasons)
        icc[scale_id] = block
    return {
        "instrument": result.instrument.ref,
        "group_column": group_column,
        "null_variance": result.rwg.null_variance,
        "summary": summary(result),
        "groups": groups,
        "icc": icc,
    }


def _cell(value: float | None, spec: str = ".2f") -> str:
    return "—" if value is None else format(value, spec)


def as_table(result: AgreementResult, group_column: str) -> str:
    """A readable summary over groups, one row per scale."""
    key, sizes = result.key, result.groups.sizes
    alone = int(np.sum(sizes == 1))
    lines = [
        f"Rater agreement within groups of '{group_column}': {counted(sizes.size, 'group')}, "
        f"{counted(int(sizes.sum()), 'rater')}"
        + (f"; {counted(alone, 'group')} with one rater." if alone else "."),
        f"rwg(j) against a uniform null (variance {result.rwg.null_variance:.2f} on a "
        f"{key.high - key.low + 1}-point scale);",
        "ICC(1) and ICC(2) from a one-way ANOVA of the raters' scale scores by group.",
        "",
    ]
    header = ("scale", "groups", "median rwg(j)", "rwg(j) ≥ .70", "ICC(1)", "ICC(2)")
    rows, notes = [], []
    for j, (scale_id, row) in enumerate(summary(result).items()):
        share = row["share_rwg_j_at_least_70"]
        rows.append(
            (
                scale_id,
                f"{row['groups_with_rwg_j']:,}",
                _cell(row["median_rwg_j"]),
                "—" if share is None else f"{share:.0%}",
                _cell(row["icc1"]),
                _cell(row["icc2"]),
            )
        )
        for field, reason in result.icc[j].reasons.items():
            notes.append(f"{scale_id}: {field.upper()} undefined: {reason}")
    widths = [max(len(r[c]) for r in (header, *rows)) for c in range(len(header))]
    for r in (header, *rows):
        cells = [
            r[0].ljust(widths[0]),
            *(v.rjust(w) for v, w in zip(r[1:], widths[1:], strict=True)),
        ]
        lines.append("  ".join(cells))
    lines += [
        "",
        "groups: groups where at least two raters answered every item of the scale;",
        "rwg(j) ≥ .70: the share of those groups with enough agreement to aggregate.",
        "Per-group and per-item values: add --json.",
        *notes,
    ]
    return "\n".join(lines) + "\n"
