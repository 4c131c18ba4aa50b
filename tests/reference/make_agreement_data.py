"""Write the small datasets that tests/reference/agreement.R reads.

Run from the repository root: ``python tests/reference/make_agreement_data.py``.
The seed is fixed, so the files are the same on every run; they are committed
so that the R script and the tests read the very same numbers.

- ``agreement_raters.csv``: raters nested in 40 groups of 1 to 8 raters, two
  scales of three items on a 1–5 scale (``a3`` is reverse-keyed), about 8%
  missing, rows shuffled. Built-in corner cases: a group of one rater, a group
  in perfect agreement, a group split between 1 and 5 (variance above the null,
  so rwg is truncated to 0), and a group where only one rater answered every
  item of scale b.
- ``agreement_targets.csv``: 30 targets each rated by the same 5 raters on a
  1–7 scale, complete, with a rater who is systematically lenient.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).parent / "data"
SEED = 20260301


def raters(rng: np.random.Generator) -> list[list[str]]:
    header = ["rater", "group", "a1", "a2", "a3", "b1", "b2", "b3"]
    rows: list[list[Any]] = []
    sizes = rng.integers(2, 9, size=40)
    sizes[0] = 1
    for g, size in enumerate(sizes):
        label = f"g{g + 1:02d}"
        level_a, level_b = rng.normal(3, 0.8), rng.normal(3.2, 0.6)
        spread = rng.uniform(0.3, 1.4)
        for _ in range(size):
            a = np.clip(np.rint(level_a + rng.normal(0, spread, 3)), 1, 5)
            a[2] = 6 - a[2]  # answered on a reverse-keyed item
            b = np.clip(np.rint(level_b + rng.normal(0, spread, 3)), 1, 5)
            values = np.concatenate([a, b])
            values[rng.random(6) < 0.08] = np.nan
            rows.append([label, *values.tolist()])
    fixed: dict[str, list[list[float]]] = {
        "g02": [[4, 4, 2, 4, 4, 4]] * 3,
        "g03": [[1, 1, 5, 5, 5, 1], [5, 5, 1, 1, 1, 5]] * 2,
    }
    fixed["g04"] = [[3, 4, 3, 2, np.nan, 3], [3, 3, 3, 4, 4, 4], [4, 4, 2, np.nan, 3, 3]]
    rows = [row for row in rows if row[0] not in fixed]
    for label, answers in fixed.items():
        rows += [[label, *map(float, values)] for values in answers]
    order = rng.permutation(len(rows))
    body = [
        [f"r{i + 1:03d}", rows[j][0], *("" if np.isnan(v) else str(int(v)) for v in rows[j][1:])]
        for i, j in enumerate(order)
    ]
    return [header, *body]


def targets(rng: np.random.Generator) -> list[list[str]]:
    n, k = 30, 5
    truth = rng.normal(4, 1.1, size=(n, 1))
    lenient = np.array([0, 0.6, -0.3, 0.2, 1.0])
    ratings = np.clip(np.rint(truth + lenient + rng.normal(0, 0.8, size=(n, k))), 1, 7)
    header = ["target", *(f"rater{j + 1}" for j in range(k))]
    return [header] + [
        [f"t{i + 1:02d}", *(str(int(v)) for v in row)] for i, row in enumerate(ratings)
    ]


def write(name: str, rows: list[list[str]]) -> None:
    with (HERE / name).open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def main() -> None:
    rng = np.random.default_rng(SEED)
    HERE.mkdir(exist_ok=True)
    write("agreement_raters.csv", raters(rng))
    write("agreement_targets.csv", targets(rng))


if __name__ == "__main__":
    main()
