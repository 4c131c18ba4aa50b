"""Time ``twofold agreement`` on a 360 campaign: 100,000 participants × 8 raters.

Each participant is rated by 8 raters on the 48-item TLMI (16 scales), 2% of
answers missing. The analysis (rwg(j) per participant and scale, rwg per
participant and item, ICC(1) and ICC(2) per scale) is timed as the command runs
it, beside a straightforward per-group Python loop over the same statistics,
timed on a sample of participants and scaled up; the script checks that both
agree and prints the ratio. With ``--csv`` it also times the whole command on a
CSV file, reading included. Run: ``.venv/bin/python bench/agreement_bench.py``.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from twofold.cli.main import cli
from twofold.content import builtin_instrument
from twofold.core.instrument import Instrument
from twofold.core.responses import read_responses_csv
from twofold.core.scoring import ScoringKey, score
from twofold.core.stats.raters import AgreementResult, compute_agreement

PARTICIPANTS = 100_000
RATERS = 8
MISSING = 0.02
LOOP_SAMPLE = 2_000  # participants; the loop is slow, so time it on a sample and scale up
TARGET_S = 5.0


def simulate(instrument: Instrument, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Answers of 8 raters per participant who share a view of the participant, plus noise."""
    k = len(instrument.items)
    level = rng.normal(3.4, 0.5, size=(PARTICIPANTS, 1, k))
    answers = np.rint(level + rng.normal(0, 0.8, size=(PARTICIPANTS, RATERS, k)))
    answers = np.clip(answers, 1, 5).reshape(PARTICIPANTS * RATERS, k)
    answers[rng.random(answers.shape) < MISSING] = np.nan
    labels = np.repeat(np.array([f"p{i:06d}" for i in range(PARTICIPANTS)]), RATERS)
    return answers, labels


def per_group_loop(instrument: Instrument, answers: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The peer: rwg(j) of every scale, one group and one scale at a time, as often written."""
    key = ScoringKey.from_instrument(instrument)
    sigma = ((key.high - key.low + 1) ** 2 - 1) / 12
    members = [np.flatnonzero(key.items_to_scales[:, j]) for j in range(len(key.scale_ids))]
    out = []
    for label in dict.fromkeys(labels.tolist()):
        rows = answers[labels == label]
        values = []
        for columns in members:
            block = rows[:, columns]
            block = block[~np.isnan(block).any(axis=1)]
            if len(block) < 2:
                values.append(np.nan)
                continue
            q = min(float(np.mean(np.var(block, axis=0, ddof=1))), sigma) / sigma
            values.append(len(columns) * (1 - q) / (len(columns) * (1 - q) + q))
        score(instrument, rows)  # the loop also scores each group's raters for the ICCs
        out.append(values)
    return np.array(out)


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def time_command(
    answers: np.ndarray, labels: np.ndarray, instrument: Instrument
) -> tuple[float, float]:
    """Seconds for the whole command on a CSV, and for reading that CSV alone."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "campaign.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["participant", *instrument.item_ids])
            whole = np.nan_to_num(answers).astype(np.int64).astype(str)
            cells = np.where(np.isnan(answers), "", whole)
            writer.writerows(
                [label, *row] for label, row in zip(labels, cells.tolist(), strict=True)
            )
        args = ["agreement", "--instrument", "tlmi", "--responses", str(path)]
        start = time.perf_counter()
        result = CliRunner().invoke(cli, [*args, "--group", "participant"])
        elapsed = time.perf_counter() - start
        if result.exit_code != 0:
            raise SystemExit(result.output)
        start = time.perf_counter()
        read_responses_csv(path, instrument.item_ids, 1, 5, keep=("participant",), require_id=False)
        reading = time.perf_counter() - start
    return elapsed, reading


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", action="store_true", help="also time the command on a CSV")
    args = parser.parse_args()
    rng = np.random.default_rng(20261124)
    tlmi = builtin_instrument("tlmi")
    answers, labels = simulate(tlmi, rng)
    label_tuple = tuple(labels.tolist())

    holder: list[AgreementResult] = []
    first_s = best_of(1, lambda: holder.append(compute_agreement(tlmi, answers, label_tuple)))
    twofold_s = min(first_s, best_of(2, lambda: compute_agreement(tlmi, answers, label_tuple)))
    rows = LOOP_SAMPLE * RATERS
    sample, sample_labels = answers[:rows], labels[:rows]
    loop_s = best_of(1, lambda: per_group_loop(tlmi, sample, sample_labels))
    loop_s *= PARTICIPANTS / LOOP_SAMPLE
    expected = holder[-1].rwg_j.values[:LOOP_SAMPLE]
    same = np.allclose(
        per_group_loop(tlmi, sample, sample_labels), expected, rtol=1e-12, equal_nan=True
    )

    print(
        f"agreement: {PARTICIPANTS:,} participants x {RATERS} raters x {len(tlmi.items)} items "
        f"({len(tlmi.scales)} scales), {MISSING:.0%} missing"
    )
    print(f"  twofold (all groups at once)  {twofold_s:8.3f} s   target < {TARGET_S:.0f} s")
    print(f"    first of three runs         {first_s:8.3f} s   (memory not yet touched)")
    print(f"  per-group Python loop         {loop_s:8.3f} s   (timed on {LOOP_SAMPLE:,}, scaled)")
    print(f"  ratio loop / twofold          {loop_s / twofold_s:8.1f} x")
    print(f"  same rwg(j) on the sample     {same}")
    if args.csv:
        command_s, reading_s = time_command(answers, labels, tlmi)
        print(f"  whole command on a CSV        {command_s:8.3f} s   (reading the file included)")
        print(f"    of which reading the CSV    {reading_s:8.3f} s   (read_responses_csv)")


if __name__ == "__main__":
    main()
