"""Scale scores against R's ``psych::scoreItems``, and exactly where the two differ.

``tests/reference/scoring.R`` wrote the expected values from the same CSV.
psych scores anyone who answered at least one item of a scale; Twofold by
default needs half of them (``min_answered = 0.5``), and matches psych when the
threshold lets one answer count.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from twofold.core.instrument import instrument_from_keys
from twofold.core.responses import read_responses_csv
from twofold.core.scoring import score

REFERENCE = Path(__file__).parents[1] / "reference"
EXPECTED = json.loads((REFERENCE / "scoring_expected.json").read_text())
INSTRUMENT = instrument_from_keys("B1=b1,-b2,b3;B2=b4,b5", 1, 5)
TABLE = read_responses_csv(
    REFERENCE / "data" / "reliability_missing.csv", INSTRUMENT.item_ids, 1, 5
)


def _expected(impute: str, scale: str) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in EXPECTED[impute][scale]])


@pytest.mark.parametrize("impute", ["none", "median", "mean"])
def test_it_matches_psych_when_one_answer_is_enough(impute: str) -> None:
    # In R: scoreItems(keys, x, impute = impute, totals = FALSE, min = 1, max = 5)
    result = score(INSTRUMENT, TABLE.matrix, min_answered=1 / 3, impute=impute)
    for scale in ("B1", "B2"):
        assert_allclose(result.scale(scale), _expected(impute, scale), rtol=1e-12)


def test_it_leaves_out_by_default_those_psych_scores_from_one_answer_of_three() -> None:
    result = score(INSTRUMENT, TABLE.matrix)
    expected = _expected("none", "B1")
    one_of_three = result.answered[:, 0] == 1
    assert one_of_three.sum() > 0  # the data has such people, or the test proves nothing
    assert not np.isnan(expected[one_of_three]).any()  # psych scores them
    assert np.isnan(result.scale("B1")[one_of_three]).all()  # Twofold does not, by default
    assert_allclose(result.scale("B1")[~one_of_three], expected[~one_of_three], rtol=1e-12)
