"""Invariants of scoring that must hold for any answers."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_array_equal
from tests.core.tiny import tiny_definition

from twofold.core.instrument import instrument_from_keys, parse_instrument
from twofold.core.scoring import ScoringKey, score

TINY = parse_instrument(tiny_definition())
KEY = ScoringKey.from_instrument(TINY)

answers = st.integers(1, 6).flatmap(
    lambda n: arrays(
        np.float64,
        (n, 6),
        elements=st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0]), st.just(np.nan)),
    )
)


@given(answers)
def test_it_keeps_every_score_on_the_response_scale(matrix: np.ndarray) -> None:
    result = score(TINY, matrix)
    for values in (result.scales, result.composites):
        present = values[~np.isnan(values)]
        assert ((present >= 1) & (present <= 5)).all()


@given(answers, st.randoms(use_true_random=False))
@settings(max_examples=50)
def test_it_permutes_scores_with_respondents(matrix: np.ndarray, rnd: object) -> None:
    order = np.arange(matrix.shape[0])
    rnd.shuffle(order)  # type: ignore[attr-defined]
    assert_array_equal(score(TINY, matrix[order]).scales, score(TINY, matrix).scales[order])


@given(
    st.integers(-3, 3)
    .flatmap(
        lambda low: st.tuples(
            st.just(low),
            st.integers(low + 1, low + 10),
        )
    )
    .flatmap(
        lambda bounds: st.tuples(
            st.just(bounds),
            st.lists(st.integers(*bounds), min_size=1, max_size=20),
        )
    )
)
def test_it_reverses_onto_the_same_range_swapping_its_ends(
    case: tuple[tuple[int, int], list[int]],
) -> None:
    (low, high), values = case
    key = ScoringKey.from_instrument(instrument_from_keys("A=-a1", low, high))
    column = np.array([[low], [high], *([v] for v in values)], dtype=float)
    keyed = key.apply_keys(column)[:, 0]
    assert keyed[:2].tolist() == [high, low]
    assert ((keyed >= low) & (keyed <= high)).all()
    # Reversing turns the order of the answers around, step for step.
    assert_array_equal(np.diff(keyed[2:]), -np.diff(column[2:, 0]))


@given(answers)
def test_it_gives_a_score_exactly_when_at_least_half_is_answered(matrix: np.ndarray) -> None:
    result = score(TINY, matrix)
    assert_array_equal(~np.isnan(result.scales), result.answered >= 1.5)
