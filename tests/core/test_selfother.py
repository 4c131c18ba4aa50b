"""Self–other gaps and agreement categories, against hand-computed values.

Margins: z = 1.959963984540054 (the 97.5% normal quantile), so
  SEM 0.30, 4 raters: 1.96 × 0.30 × √(1 + 1/4) = 0.657391905432436
  SEM 0.30, 2 raters: 1.96 × 0.30 × √(1 + 1/2) = 0.720136751453296
  SEM 0.16, 5 raters: 1.96 × 0.16 × √(1 + 1/5) = 0.343525275593694
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from twofold.core.errors import TwofoldError
from twofold.core.selfother import (
    BLIND_SPOT,
    HIDDEN_STRENGTH,
    IN_AGREEMENT_GOOD,
    IN_AGREEMENT_POOR,
    OVER_ESTIMATOR,
    UNDER_ESTIMATOR,
    agreement_category,
    gap_margin,
    self_other_gaps,
)

NAN = math.nan


def test_it_widens_the_margin_as_fewer_raters_make_the_mean() -> None:
    assert_allclose(gap_margin(0.30, 4), 0.657391905432436, rtol=1e-12)
    assert_allclose(gap_margin(0.30, 2), 0.720136751453296, rtol=1e-12)
    assert gap_margin(0.30, 100) < gap_margin(0.30, 4)


def test_it_marks_only_gaps_larger_than_their_margin() -> None:
    gaps = self_other_gaps(
        self_scores=[4.0, 3.0, 13 / 3, NAN, 4.0],
        others=[3.25, 4.0, 4.0, 3.5, NAN],
        raters=[4, 4, 2, 4, 0],
        sems=[0.3] * 5,
    )
    assert_allclose(gaps.gap[:3], [0.75, -1.0, 1 / 3], rtol=1e-15)
    assert np.isnan(gaps.gap[3:]).all()
    assert_allclose(
        gaps.margin[:4],
        [0.657391905432436, 0.657391905432436, 0.720136751453296, 0.657391905432436],
        rtol=1e-12,
    )
    assert np.isnan(gaps.margin[4])  # nobody counts: no margin
    # 0.75 > 0.657: blind spot; −1.0: hidden strength; 0.33 < 0.72 (two raters): no mark.
    assert gaps.kind == (BLIND_SPOT, HIDDEN_STRENGTH, "", "", "")


def test_it_marks_nothing_without_a_practice_sem() -> None:
    gaps = self_other_gaps([5.0], [1.0], [8], [NAN])
    assert gaps.gap.tolist() == [4.0]
    assert np.isnan(gaps.margin[0])
    assert gaps.kind == ("",)


def test_it_refuses_arrays_of_different_lengths() -> None:
    with pytest.raises(TwofoldError, match="four arrays"):
        self_other_gaps([4.0, 3.0], [3.0], [4], [0.3])
    with pytest.raises(TwofoldError, match="sem"):
        gap_margin(0.0, 4)
    with pytest.raises(TwofoldError, match="raters"):
        gap_margin(0.3, 0)


@pytest.mark.parametrize(
    ("own", "others", "expected"),
    [
        (4.2, 3.4, OVER_ESTIMATOR),  # +0.80 > 0.34
        (3.0, 3.9, UNDER_ESTIMATOR),  # −0.90 < −0.34
        (3.7, 3.5, IN_AGREEMENT_GOOD),  # +0.20, raters exactly on the cut: higher
        (3.3, 3.4, IN_AGREEMENT_POOR),  # −0.10, raters below the cut
        (3.8, 3.45, OVER_ESTIMATOR),  # +0.35 just beyond 0.3435
        (3.78, 3.45, IN_AGREEMENT_POOR),  # +0.33 just within
    ],
)
def test_it_places_the_person_in_one_of_four_categories(
    own: float, others: float, expected: str
) -> None:
    assert agreement_category(own, others, 5, 0.16, 3.5) == expected


def test_it_gives_no_category_without_both_views() -> None:
    assert agreement_category(NAN, 3.5, 5, 0.16, 3.5) is None
    assert agreement_category(3.5, NAN, 5, 0.16, 3.5) is None
    assert agreement_category(3.5, 3.5, 0, 0.16, 3.5) is None
