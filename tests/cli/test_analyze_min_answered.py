"""``twofold analyze --min-answered``: psych's person scores, reproduced from the command line.

Expected values: tests/reference/min_answered.R (psych::alpha on
reliability_missing.csv, where some people answered one item of five).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from twofold.cli.main import cli

REFERENCE = Path(__file__).parents[1] / "reference"
EXPECTED = json.loads((REFERENCE / "min_answered_expected.json").read_text())
ARGS = [
    "analyze",
    *("--keys", "B=b1,-b2,b3,b4,b5", "--min", "1", "--max", "5"),
    *("--responses", str(REFERENCE / "data" / "reliability_missing.csv")),
    "--json",
]
TOLERANCE = 1e-12  # R's numbers are printed to 15 significant digits


def scale(runner: CliRunner, *extra: str) -> dict[str, float]:
    result = runner.invoke(cli, [*ARGS, *extra])
    assert result.exit_code == 0, result.output
    block: dict[str, float] = json.loads(result.stdout)["scales"]["B"]
    return block


@pytest.mark.parametrize(
    ("extra", "convention"),
    [
        # Any one answer of five counts, as psych::alpha's rowMeans(na.rm = TRUE).
        (("--min-answered", "0.01"), "any_answer"),
        ((), "half_answered"),
    ],
)
def test_it_counts_the_people_the_fraction_names(
    runner: CliRunner, extra: tuple[str, ...], convention: str
) -> None:
    got, want = scale(runner, *extra), EXPECTED[convention]
    assert got["n"] == want["n"]
    for field in ("mean", "sd", "sem"):
        assert got[field] == pytest.approx(want[field], abs=TOLERANCE), field


def test_it_leaves_alpha_alone_whatever_the_fraction(runner: CliRunner) -> None:
    # Alpha comes from the item covariances, not from the person scores.
    assert scale(runner, "--min-answered", "1")["alpha"] == pytest.approx(
        EXPECTED["any_answer"]["alpha"], abs=TOLERANCE
    )


def test_it_refuses_a_fraction_of_zero(runner: CliRunner) -> None:
    result = runner.invoke(cli, [*ARGS, "--min-answered", "0"])
    assert result.exit_code == 2
    assert "--min-answered" in result.output
