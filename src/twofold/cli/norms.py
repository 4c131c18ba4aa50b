"""``twofold norms``: build, list and show norm tables."""

from __future__ import annotations

from pathlib import Path

import click
import numpy as np

from twofold.cli.errors import InputError, reported
from twofold.cli.options import (
    delimiter_option,
    impute_option,
    instrument_options,
    note_ignored,
    read_responses,
    resolve,
)
from twofold.content.norm_store import NormStore
from twofold.core.stats.norms import ROUGH_NORM_N, NormTable, build_norm
from twofold.core.words import counted

SHOWN_PERCENTILES = (5, 10, 25, 50, 75, 90, 95)


@click.group(name="norms")
def norms() -> None:
    """Build, list and show norm tables (percentiles and T-scores come from these)."""


@norms.command(name="build")
@instrument_options
@click.option(
    "--responses",
    required=True,
    type=click.Path(dir_okay=False),
    help="CSV of the norm group's answers: one column per item id; empty = missing.",
)
@delimiter_option
@click.option("--name", required=True, help="Name of the norm, e.g. managers-2026.")
@click.option("--description", default="", help="Who the norm group is, in a sentence.")
@click.option("--source", default=None, help="Where the answers come from (default: file name).")
@click.option("--replace", is_flag=True, help="Overwrite a stored norm of the same name.")
@impute_option
def build(
    instrument_ref: str | None,
    keys: str | None,
    low: int | None,
    high: int | None,
    responses: str,
    delimiter: str,
    name: str,
    description: str,
    source: str | None,
    replace: bool,
    impute: str,
) -> None:
    """Build a norm table from a norm group's responses and store it under NAME.

    The norm records the instrument id and version: it is used only with
    scores from that version. Norms are stored in TWOFOLD_HOME/norms (by
    default ~/.local/share/twofold/norms).
    """
    inst = resolve(instrument_ref, keys, low, high)
    store = NormStore()
    if store.is_builtin(name):
        raise InputError(f"--name: '{name}' is a built-in norm; choose another name")
    if name in store.names() and not replace:
        raise InputError(
            f"--name: a norm called '{name}' already exists; choose another name "
            "or add --replace to overwrite it"
        )
    with reported():
        table = read_responses(responses, inst, delimiter, require_id=False)
        norm = build_norm(
            inst,
            table.matrix,
            name,
            description or f"Norm group of {len(table.respondent_ids)} respondents",
            source or Path(responses).name,
            impute=impute,
        )
        path = store.save(norm, replace=replace)
    note_ignored(table)
    _note_rough(norm)
    click.echo(
        f"built norm '{name}' for {inst.ref} from "
        f"{counted(len(table.respondent_ids), 'respondent')}: {path}"
    )


def _note_rough(norm: NormTable) -> None:
    """Warn, on stderr, of scales whose percentile ranks rest on too few people to be precise.

    The norm is still built: a small pilot norm is useful if the user knows
    its ranks are rough, and build_norm has already refused one too small to use.
    """
    rough = norm.rough_scales()
    if rough:
        listing = ", ".join(f"{sid} ({n})" for sid, n in rough.items())
        click.echo(
            f"note: percentile ranks are rough on scales with fewer than {ROUGH_NORM_N} "
            f"respondents with a score: {listing}",
            err=True,
        )


@norms.command(name="list")
def list_() -> None:
    """List the norms: built-in ones and those you built."""
    # A file that is not a readable norm is listed as unreadable, with the reason,
    # so that the user sees it instead of wondering where their norm went.
    store = NormStore()
    with reported():
        entries = store.entries()
    if not entries:
        click.echo(f"no norms yet; build one with `twofold norms build` ({store.directory})")
        return
    width = max(len(name) for name in entries)
    refs = [entry.instrument_ref for entry in entries.values() if isinstance(entry, NormTable)]
    ref_width = max(map(len, refs), default=0)
    for name, entry in entries.items():
        if not isinstance(entry, NormTable):
            click.echo(f"{name:<{width}}  unreadable: {entry}")
            continue
        where = "built-in" if store.is_builtin(name) else "stored"
        flag = " [simulated]" if entry.simulated else ""
        click.echo(
            f"{name:<{width}}  {entry.instrument_ref:<{ref_width}}  {entry.created:%Y-%m-%d}  "
            f"{where:<8}  "
            f"{_first_sentence(entry.description)}{flag}"
        )


@norms.command(name="show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the whole norm table as JSON.")
def show(name: str, as_json: bool) -> None:
    """Show a norm table: n, mean, SD and percentiles of every scale and composite."""
    with reported():
        norm = NormStore().load(name)
    click.echo(norm.to_json() if as_json else as_table(norm), nl=False)


def _first_sentence(text: str) -> str:
    head = text.split(". ")[0].strip()
    return head if len(head) <= 70 else head[:69] + "…"


def _cell(value: float, spec: str = ".2f") -> str:
    return "—" if np.isnan(value) else format(value, spec)


def as_table(norm: NormTable) -> str:
    """Header lines, then one row per scale and composite."""
    lines = [f"Norm '{norm.name}' for {norm.instrument_ref}, created {norm.created:%Y-%m-%d}"]
    if norm.simulated:
        lines.append("SIMULATED: built from simulated answers, not from real people.")
    lines += [norm.description, f"source: {norm.source}", ""]
    width = max(len("scale"), *(len(s) for s in norm.scales))
    heads = ["kind", "n", "mean", "SD", *(f"P{p}" for p in SHOWN_PERCENTILES)]
    sizes = [9, 7, 5, 5, *([5] * len(SHOWN_PERCENTILES))]
    lines.append(
        f"{'scale':<{width}}  " + "  ".join(f"{h:>{w}}" for h, w in zip(heads, sizes, strict=True))
    )
    notes = []
    for scale_id, entry in norm.scales.items():
        cells = [
            f"{entry.kind:>9}",
            f"{entry.n:>7,}",
            f"{_cell(entry.mean):>5}",
            f"{_cell(entry.sd):>5}",
            *(f"{_cell(entry.percentiles[p]):>5}" for p in SHOWN_PERCENTILES),
        ]
        lines.append(f"{scale_id:<{width}}  " + "  ".join(cells))
        notes += [f"{scale_id}: {field} undefined: {why}" for field, why in entry.reasons.items()]
    rough = norm.rough_scales()
    if rough:
        listed = ", ".join(f"{sid} ({n})" for sid, n in rough.items())
        notes.append(
            f"Rough: fewer than {ROUGH_NORM_N} people with a score on {listed}; one person "
            "more or less moves their percentile ranks by more than a point."
        )
    lines += ["", "Percentiles: R's quantile type 7. SD: divisor n − 1.", *notes]
    return "\n".join(lines) + "\n"
