"""Build the demo norm ``tlmi-demo-simulated`` from simulated TLMI respondents.

Run from the repository root: ``python tests/reference/make_demo_norm.py``. It
writes ``src/twofold/content/norms/tlmi-demo-simulated.json``. The seed and the
creation date are fixed and nothing in the simulation runs in the machine's BLAS,
so the file holds the same numbers on every run and every CPU (a test checks, to
the 12 significant digits a norm file keeps).

No real person answered: 2,400 answer sets are drawn from a simple model in
which each respondent has a leadership and a management level (correlated .45),
each of the 16 practices follows its capability with its own deviation, and
each answer is a practice level plus item noise, rounded to the 1–5 scale, with
1% of answers left empty. The norm exists so that demos and tests have
percentiles and T-scores to show; it describes no population.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from twofold.content import builtin_instrument
from twofold.core.stats.norms import NormTable, build_norm

NAME = "tlmi-demo-simulated"
RESPONDENTS = 2_400
SEED = 20261124
CREATED = datetime(2026, 11, 24, tzinfo=UTC)
TARGET = Path(__file__).parents[2] / "src" / "twofold" / "content" / "norms" / f"{NAME}.json"
DESCRIPTION = (
    "Simulated respondents, not real people: 2,400 TLMI answer sets drawn from a "
    "two-factor model (leadership and management, correlated .45) with a fixed seed. "
    "For demonstrations and tests only; do not use it to interpret real scores."
)


def simulate(rng: np.random.Generator) -> np.ndarray:
    """Answers of simulated respondents to the TLMI, items in the instrument's order."""
    tlmi = builtin_instrument("tlmi")
    # Correlated by hand rather than with multivariate_normal, whose matrix
    # factorisation runs in the machine's BLAS and differs in the last bits.
    z = rng.standard_normal((RESPONDENTS, 2))
    capabilities = np.column_stack([z[:, 0], 0.45 * z[:, 0] + np.sqrt(1 - 0.45**2) * z[:, 1]])
    answers = []
    for scale in tlmi.scales:
        axis = 0 if scale.capability == "leadership" else 1
        practice = 0.75 * capabilities[:, axis] + 0.55 * rng.standard_normal(RESPONDENTS)
        for _ in scale.items:
            answer = 3.4 + 0.7 * practice + 0.6 * rng.standard_normal(RESPONDENTS)
            answers.append(np.clip(np.rint(answer), 1, 5))
    matrix = np.column_stack(answers)
    matrix[rng.random(matrix.shape) < 0.01] = np.nan
    return matrix


def demo_norm() -> NormTable:
    """The demo norm, built exactly as shipped."""
    return build_norm(
        builtin_instrument("tlmi"),
        simulate(np.random.default_rng(SEED)),
        NAME,
        DESCRIPTION,
        f"tests/reference/make_demo_norm.py (seed {SEED})",
        simulated=True,
        created=CREATED,
    )


def main() -> None:
    TARGET.write_text(demo_norm().to_json(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
