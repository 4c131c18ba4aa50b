"""The scoring rules at their edges, where a wrong constant or comparison would show.

Each test puts a value exactly where a rule changes its answer: a scale that
does not start at 1, a composite with exactly half of its scales, an interval
whose end lies exactly on 0 or on a cut.
"""

from __future__ import annotations

import numpy as np
import pytest
from tests.core.tiny import tiny_definition

from twofold.content import builtin_instrument
from twofold.core.instrument import instrument_from_keys, parse_instrument
from twofold.core.scoring import ScoringKey, score
from twofold.core.scoring.profile import Z95, classify

NAN = np.nan


@pytest.mark.parametrize(
    ("low", "high", "answer", "keyed"),
    [(0, 4, 1, 3), (0, 4, 0, 4), (2, 6, 2, 6), (2, 6, 5, 3), (-2, 2, -1, 1)],
)
def test_it_reverses_an_answer_within_any_range(
    low: int, high: int, answer: int, keyed: int
) -> None:
    inst = instrument_from_keys("A=-a1,a2", low, high)
    result = score(inst, np.array([[answer, high]], dtype=float))
    # The scale is the mean of the reversed answer and the top of the range.
    assert result.scale("A")[0] == (keyed + high) / 2


def test_it_maps_each_end_of_the_range_to_the_other() -> None:
    key = ScoringKey.from_instrument(instrument_from_keys("A=-a1", 0, 6))
    assert key.apply_keys(np.array([[0.0], [6.0], [3.0], [NAN]]))[:, 0].tolist()[:3] == [
        6.0,
        0.0,
        3.0,
    ]


def _without(scale_ids: list[str]) -> np.ndarray:
    """TLMI answers of 4, with every item of the named practices unanswered."""
    tlmi = builtin_instrument("tlmi")
    answers = dict.fromkeys(tlmi.item_ids, 4.0)
    for scale_id in scale_ids:
        for item in tlmi.scale(scale_id).items:
            answers[item.id] = NAN
    return np.array([list(answers.values())])


def test_it_scores_a_composite_with_exactly_half_of_its_scales() -> None:
    tlmi = builtin_instrument("tlmi")
    leadership = tlmi.composite("leadership").scales
    four_missing = score(tlmi, _without(list(leadership[:4])))
    assert four_missing.composite("leadership")[0] == 4.0
    five_missing = score(tlmi, _without(list(leadership[:5])))
    assert np.isnan(five_missing.composite("leadership")[0])


def _at_zero(sem: float) -> dict[str, object]:
    """The tiny instrument on a 0..4 scale with both cuts at 0 and the given SEMs."""
    definition = tiny_definition()
    definition["response_scale"] = {
        "min": 0,
        "max": 4,
        "labels": {str(p): f"point {p}" for p in range(5)},
    }
    for composite in definition["composites"]:
        composite["cut"], composite["sem"] = 0, sem
    return definition


def test_it_calls_a_lean_balanced_when_its_interval_ends_exactly_at_zero() -> None:
    inst = parse_instrument(_at_zero(0.2))
    assert inst.profile is not None
    half = Z95 * float(np.hypot(0.2, 0.2))
    key = ScoringKey.from_instrument(inst)
    # Leans of exactly +half and −half: the interval ends exactly on 0.
    placed = classify(inst, inst.profile, key, np.array([[half, 0.0], [0.0, half]]))
    assert placed.lean_lower[0] == 0.0
    assert placed.lean_upper[1] == 0.0
    assert placed.balanced.tolist() == [True, True]
    beyond = classify(inst, inst.profile, key, np.array([[np.nextafter(half, 1), 0.0]]))
    assert not beyond.balanced[0]


def test_it_calls_a_point_near_the_border_when_its_interval_ends_exactly_on_the_cut() -> None:
    inst = parse_instrument(_at_zero(0.2))
    assert inst.profile is not None
    reach = Z95 * 0.2
    key = ScoringKey.from_instrument(inst)
    # Both composites exactly one half-width above their cut of 0.
    placed = classify(inst, inst.profile, key, np.array([[reach, reach + 1], [reach + 1, reach]]))
    assert placed.near_border.tolist() == [True, True]
    further = np.nextafter(reach, 1)
    beyond = classify(inst, inst.profile, key, np.array([[further, further]]))
    assert not beyond.near_border[0]
