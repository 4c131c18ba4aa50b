"""Write the small datasets that tests/reference/reliability.R reads.

Run from the repository root: ``python tests/reference/make_reliability_data.py``.
The seed is fixed, so the files are the same on every run; they are committed
so that the R script and the tests read the very same numbers.

- ``reliability_complete.csv``: 120 respondents, one scale of six items on a
  1–6 scale (``a4`` is reverse-keyed), loadings from .4 to .8, nothing missing.
- ``reliability_missing.csv``: 150 respondents, one scale of five items on a
  1–5 scale (``b2`` is reverse-keyed), about 10% of answers missing; two
  respondents answered a single item (no score under the half-answered rule)
  and one answered nothing.
- ``reliability_small.csv``: the hand-computed case, 3 items and 4 respondents.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent / "data"
SEED = 20260315


def one_factor(
    rng: np.random.Generator, n: int, loadings: list[float], low: int, high: int
) -> np.ndarray:
    """Answers from a one-factor model, rounded and clipped to the response scale."""
    lam = np.asarray(loadings)
    factor = rng.normal(size=(n, 1))
    latent = factor * lam + rng.normal(size=(n, lam.size)) * np.sqrt(1 - lam**2)
    middle = (low + high) / 2
    return np.clip(np.rint(middle + 1.2 * latent), low, high)


def write(name: str, ids: list[str], answers: np.ndarray) -> None:
    with (HERE / name).open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["respondent_id", *ids])
        for i, row in enumerate(answers):
            cells = ["" if np.isnan(v) else str(int(v)) for v in row]
            writer.writerow([f"p{i + 1:03d}", *cells])


def main() -> None:
    rng = np.random.default_rng(SEED)
    HERE.mkdir(exist_ok=True)

    complete = one_factor(rng, 120, [0.8, 0.7, 0.6, 0.55, 0.5, 0.4], 1, 6)
    complete[:, 3] = 7 - complete[:, 3]  # a4 is worded the other way
    write("reliability_complete.csv", [f"a{i}" for i in range(1, 7)], complete)

    missing = one_factor(rng, 150, [0.75, 0.65, 0.6, 0.5, 0.45], 1, 5)
    missing[:, 1] = 6 - missing[:, 1]  # b2 is worded the other way
    missing[rng.random(missing.shape) < 0.10] = np.nan
    missing[10, [0, 2, 3, 4]] = np.nan  # answered b2 only
    missing[20, [1, 2, 3, 4]] = np.nan  # answered b1 only
    missing[30, :] = np.nan  # answered nothing
    write("reliability_missing.csv", [f"b{i}" for i in range(1, 6)], missing)

    small = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5]], dtype=float)
    write("reliability_small.csv", ["c1", "c2", "c3"], small)


if __name__ == "__main__":
    main()
