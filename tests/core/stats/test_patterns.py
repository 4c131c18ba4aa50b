"""Moments from compact answers and response patterns: against per-pair and per-row loops."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal

from twofold.core.stats.patterns import (
    MAX_PATTERNS,
    compact_answers,
    fits_one_byte,
    pattern_moments,
)

N = np.nan


def test_it_shifts_answers_to_one_byte_from_one_with_missing_as_zero() -> None:
    x = np.array([[2.0, 6.0, N], [3.0, N, 4.0]])
    assert_array_equal(compact_answers(x, 2, 6), [[1, 5, 0], [2, 0, 3]])


@pytest.mark.parametrize("bad", [1.0, 7.0, 2.5, np.inf, -np.inf, 1e300, -129.0, 300.0])
def test_it_refuses_an_answer_off_the_scale_or_between_its_points(bad: float) -> None:
    assert compact_answers(np.array([[2.0, 3.0], [bad, 6.0]]), 2, 6) is None


def test_it_accepts_the_ends_of_the_widest_scale_in_a_byte() -> None:
    x = np.array([[-128.0, 126.0], [N, 0.0]])
    assert fits_one_byte(-128, 126)
    assert_array_equal(compact_answers(x, -128, 126), [[1, 255], [0, 129]])


def test_it_leaves_a_scale_of_more_points_than_a_byte_holds_to_floating_point() -> None:
    assert not fits_one_byte(0, 255)
    assert not fits_one_byte(-200, -100)


def pair_loop(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Counts and covariances one pair at a time, over the rows where both are present."""
    k = z.shape[1]
    counts, cov = np.zeros((k, k)), np.full((k, k), N)
    for i in range(k):
        for j in range(k):
            both = (z[:, i] > 0) & (z[:, j] > 0)
            counts[i, j] = both.sum()
            if both.sum() >= 2:
                cov[i, j] = np.cov(z[both, i], z[both, j])[0, 1]
    return counts, cov


compact = st.integers(0, 12).flatmap(
    lambda n: arrays(np.uint8, (n, 5), elements=st.integers(0, 4))  # 4 points, 0 missing
)


@pytest.mark.parametrize("most_patterns", [MAX_PATTERNS, 1])
@given(z=compact, flip=st.lists(st.booleans(), min_size=5, max_size=5))
@settings(max_examples=60, deadline=None)
def test_it_gives_the_moments_of_a_pair_by_pair_loop(
    z: np.ndarray, flip: list[bool], most_patterns: int
) -> None:
    # most_patterns = 1: no block is counted by patterns; the sums run over the rows.
    reverse = np.array(flip)
    pairwise, _ = pattern_moments(
        z, [slice(0, 2), slice(2, 5)], 0.0, 4, reverse, most_patterns=most_patterns
    )
    keyed = np.where(reverse & (z > 0), 5 - z.astype(float), z.astype(float))
    for m, block in zip(pairwise, [slice(0, 2), slice(2, 5)], strict=True):
        counts, cov = pair_loop(keyed[:, block])
        assert_array_equal(m.counts, counts)
        assert_allclose(m.covariance(), cov, rtol=1e-12, atol=1e-12, equal_nan=True)


@pytest.mark.parametrize("most_patterns", [MAX_PATTERNS, 1])
@given(z=compact)
@settings(max_examples=40, deadline=None)
def test_it_groups_respondents_by_items_answered_and_their_sum(
    z: np.ndarray, most_patterns: int
) -> None:
    pairwise, _ = pattern_moments(z, [slice(0, 5)], 0.0, 4, most_patterns=most_patterns)
    m = pairwise[0]
    rows: dict[tuple[int, int], int] = {}
    for a, t in zip((z > 0).sum(axis=1).tolist(), z.sum(axis=1).tolist(), strict=True):
        rows[(a, t)] = rows.get((a, t), 0) + 1
    got = dict(zip(zip(m.answered, m.totals, strict=True), m.respondents, strict=True))
    assert got == rows
    # In order of the sum, then the items answered, as the histogram of the float path.
    assert list(zip(m.totals, m.answered, strict=True)) == sorted((t, a) for a, t in rows)


@pytest.mark.parametrize("most_patterns", [MAX_PATTERNS, 1])
def test_it_takes_listwise_moments_from_the_complete_rows_only(
    most_patterns: int,
) -> None:
    z = np.array([[1, 2, 3], [2, 0, 4], [3, 3, 3], [4, 4, 1], [0, 0, 0], [2, 1, 2]], np.uint8)
    _, complete = pattern_moments(
        z, [slice(0, 3)], 0.0, 4, listwise=True, most_patterns=most_patterns
    )
    full = z[(z > 0).all(axis=1)].astype(float)
    assert_allclose(complete[0].covariance(), np.cov(full.T), rtol=1e-12)
    assert_array_equal(complete[0].counts, np.full((3, 3), 4.0))
    _, none = pattern_moments(z, [slice(0, 3)], 0.0, 4, most_patterns=most_patterns)
    assert_array_equal(none[0].counts, np.zeros((3, 3)))


answer_or_not = st.one_of(
    st.integers(-3, 9).map(float), st.just(N), st.floats(allow_nan=False), st.just(np.inf)
)


@given(arrays(np.float64, st.tuples(st.integers(0, 6), st.integers(1, 4)), elements=answer_or_not))
@settings(max_examples=150, deadline=None)
def test_it_keeps_exactly_the_whole_answers_on_the_scale(x: np.ndarray) -> None:
    # The response scale is 0..6: NaN or a whole number from 0 to 6 is an answer.
    present = ~np.isnan(x)
    valid = bool(np.all(~present | ((x == np.round(x)) & (x >= 0) & (x <= 6))))
    got = compact_answers(x, 0, 6)
    assert (got is not None) == valid
    if got is not None:
        assert_array_equal(got, np.where(present, np.nan_to_num(x) + 1, 0))


def test_it_sums_more_rows_than_one_chunk_of_a_long_scale() -> None:
    rng = np.random.default_rng(3)
    z = rng.integers(0, 5, size=(70_000, 3)).astype(np.uint8)  # past 65,536 rows
    pairwise, complete = pattern_moments(z, [slice(0, 3)], 0.0, 4, listwise=True, most_patterns=1)
    counts, cov = pair_loop(z.astype(float))
    assert_array_equal(pairwise[0].counts, counts)
    assert_allclose(pairwise[0].covariance(), cov, rtol=1e-12)
    assert pairwise[0].respondents.sum() == 70_000
    full = z[(z > 0).all(axis=1)].astype(float)
    assert_allclose(complete[0].covariance(), np.cov(full.T), rtol=1e-12)
