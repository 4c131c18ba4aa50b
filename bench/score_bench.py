"""Time the scoring of 100,000 simulated respondents on the 48-item TLMI.

Beside Twofold's vectorised scoring it times a plain per-respondent loop over
the same data (the way a scoring script is often written), checks that both
agree, and prints the ratio. Run with `make bench`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from twofold.content import builtin_instrument
from twofold.core.scoring import ScoringKey, score

N = 100_000
MISSING = 0.02
LOOP_SAMPLE = 5_000  # the loop is slow; time it on a sample and scale up


def simulate(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    answers = rng.integers(1, 6, size=(n, k)).astype(np.float64)
    answers[rng.random((n, k)) < MISSING] = np.nan
    return answers


def per_respondent_loop(key: ScoringKey, answers: np.ndarray) -> np.ndarray:
    """The peer: score one respondent and one scale at a time in Python."""
    members = [np.flatnonzero(key.items_to_scales[:, j]) for j in range(len(key.scale_ids))]
    out = np.full((answers.shape[0], len(members)), np.nan)
    for r, row in enumerate(key.apply_keys(answers)):
        for j, columns in enumerate(members):
            values = [v for v in row[columns] if not np.isnan(v)]
            if len(values) >= 0.5 * len(columns):
                out[r, j] = sum(values) / len(values)
    return out


def best_of(runs: int, fn: Callable[..., object], *args: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rng = np.random.default_rng(20261124)
    tlmi = builtin_instrument("tlmi")
    key = ScoringKey.from_instrument(tlmi)
    answers = simulate(N, len(tlmi.items), rng)

    twofold_s = best_of(3, score, tlmi, answers)
    sample = answers[:LOOP_SAMPLE]
    loop_s = best_of(1, per_respondent_loop, key, sample) * (N / LOOP_SAMPLE)
    agree = np.allclose(
        score(tlmi, sample).scales, per_respondent_loop(key, sample), equal_nan=True
    )

    print(f"scoring {N:,} respondents x {len(tlmi.items)} items, {MISSING:.0%} missing")
    print(f"  twofold (vectorised)        {twofold_s:8.3f} s")
    print(f"  per-respondent Python loop  {loop_s:8.3f} s  (timed on {LOOP_SAMPLE:,}, scaled)")
    print(f"  ratio loop / twofold        {loop_s / twofold_s:8.1f} x")
    print(f"  same scores                 {agree}")


if __name__ == "__main__":
    main()
