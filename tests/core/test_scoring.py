"""Scale scores, composites and profiles, checked against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from twofold.core.errors import ResponsesError
from twofold.core.instrument import Instrument
from twofold.core.scoring import score

NAN = np.nan
# Respondent 0: lead 4, 5, 2 (reverse-keyed: 1 + 5 - 2 = 4) -> 13/3; man 2, 3, missing -> 2.5.
# Respondent 1: lead answered once (fewer than half of 3) -> no score; man all 4 -> 4.
# Respondent 2: lead 3, 3, 3 -> 3; man 3, 4, 3 -> 10/3.
ANSWERS = np.array(
    [
        [4, 5, 2, 2, 3, NAN],
        [3, NAN, NAN, 4, 4, 4],
        [3, 3, 3, 3, 4, 3],
    ]
)
HALF_WIDTH = 1.959963984540054 * np.sqrt(0.2**2 + 0.2**2)


def test_it_scores_the_mean_of_answered_keyed_items(tiny: Instrument) -> None:
    result = score(tiny, ANSWERS)
    assert_allclose(result.scale("lead"), [13 / 3, NAN, 3.0])
    assert_allclose(result.scale("man"), [2.5, 4.0, 10 / 3])
    assert result.answered.tolist() == [[3, 2], [1, 3], [3, 3]]


def test_it_gives_a_composite_the_mean_of_its_scales(tiny: Instrument) -> None:
    result = score(tiny, ANSWERS)
    assert_allclose(result.composite("L"), [13 / 3, NAN, 3.0])
    assert_allclose(result.composite("M"), [2.5, 4.0, 10 / 3])


def test_it_scores_a_scale_answered_exactly_at_the_threshold(tiny: Instrument) -> None:
    two_of_three = np.array([[4, 4, NAN, 4, NAN, NAN]])
    result = score(tiny, two_of_three, min_answered=2 / 3)
    assert result.scale("lead")[0] == 4.0
    assert np.isnan(result.scale("man")[0])


def test_it_can_require_every_item(tiny: Instrument) -> None:
    result = score(tiny, ANSWERS, min_answered=1.0)
    assert np.isnan(result.scale("man")[0])
    assert result.scale("lead")[0] == pytest.approx(13 / 3)


def test_it_computes_the_lean_and_its_interval(tiny: Instrument) -> None:
    profile = score(tiny, ANSWERS).profile
    assert profile is not None
    assert profile.lean[0] == pytest.approx(13 / 3 - 2.5)
    assert profile.lean_lower[0] == pytest.approx(13 / 3 - 2.5 - HALF_WIDTH)
    assert profile.lean_upper[0] == pytest.approx(13 / 3 - 2.5 + HALF_WIDTH)
    assert profile.direction(0) == "leadership"


def test_it_places_respondents_in_regions(tiny: Instrument) -> None:
    profile = score(tiny, ANSWERS).profile
    assert profile is not None
    assert profile.region.tolist() == ["visionary", "", "integrator"]
    assert profile.direction(1) is None


def test_it_calls_a_lean_inside_its_interval_balanced(tiny: Instrument) -> None:
    profile = score(tiny, ANSWERS).profile
    assert profile is not None
    assert profile.balanced[2]
    assert profile.direction(2) == "balanced"


def test_it_flags_a_point_whose_interval_crosses_a_cut(tiny: Instrument) -> None:
    # Respondent 2 sits exactly on the leadership cut (3); respondent 0 is
    # 1.33 and 0.5 points from the cuts, beyond 1.96 x 0.2 = 0.39.
    profile = score(tiny, ANSWERS).profile
    assert profile is not None
    assert profile.near_border.tolist()[0] is False
    assert profile.near_border[2]


def test_it_puts_a_lean_just_past_its_half_width_outside_balanced(tiny: Instrument) -> None:
    # L = 5, M = 4 gives a lean of 1 > 0.554; L = 4, M = 11/3 gives 1/3 < 0.554.
    answers = np.array([[5, 5, 1, 4, 4, 4], [4, 4, 2, 4, 4, 3]])
    profile = score(tiny, answers).profile
    assert profile is not None
    assert profile.balanced.tolist() == [False, True]


def test_it_counts_a_score_on_the_cut_as_higher(tiny: Instrument) -> None:
    answers = np.array([[3, 3, 3, 2, 2, 2], [2, 2, 4, 3, 3, 3]])
    profile = score(tiny, answers).profile
    assert profile is not None
    assert profile.region.tolist() == ["visionary", "steward"]


def test_it_refuses_values_off_the_scale(tiny: Instrument) -> None:
    answers = np.array([[4, 5, 6, 2, 3.5, 1]])
    with pytest.raises(ResponsesError) as caught:
        score(tiny, answers)
    assert caught.value.problems == [
        "row 0, item l3: 6 is not a whole number from 1 to 5",
        "row 0, item m2: 3.5 is not a whole number from 1 to 5",
    ]


def test_it_refuses_a_matrix_of_the_wrong_width(tiny: Instrument) -> None:
    with pytest.raises(ResponsesError, match="6 columns"):
        score(tiny, np.ones((2, 5)))


def test_it_refuses_a_threshold_outside_zero_to_one(tiny: Instrument) -> None:
    with pytest.raises(ResponsesError, match="min_answered"):
        score(tiny, ANSWERS, min_answered=0)


def test_it_reports_one_respondent_as_plain_values(tiny: Instrument) -> None:
    row = score(tiny, ANSWERS).respondent(1)
    assert row["scales"]["lead"] == {"score": None, "answered": 1}
    assert row["composites"] == {"L": None, "M": 4.0}
    assert row["profile"] == {"region": None, "lean": None, "direction": None}
