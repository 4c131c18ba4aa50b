"""Pairwise and listwise covariances and correlations: against R and a per-pair loop."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal

from twofold.core.errors import TwofoldError
from twofold.core.instrument import instrument_from_keys
from twofold.core.responses import read_responses_csv
from twofold.core.stats.covariance import (
    AnswerRange,
    PairMoments,
    block_moments,
    cov2cor,
    covariance,
    pairwise_correlation,
    undefined_pair,
)

REFERENCE = Path(__file__).parents[2] / "reference"
RTOL = 1e-12  # R writes 15 significant digits


@cache
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / "reliability_expected.json").read_text())
    return data


@cache
def keyed_missing() -> np.ndarray:
    inst = instrument_from_keys("B=b1,-b2,b3,b4,b5", 1, 5)
    path = REFERENCE / "data" / "reliability_missing.csv"
    x = read_responses_csv(path, inst.item_ids, 1, 5).matrix
    x[:, 1] = 6 - x[:, 1]  # b2 is reverse-keyed
    return x


def pairwise_loop(x: np.ndarray) -> np.ndarray:
    """The slow, obvious way: one pair at a time, from the rows where both are present."""
    k = x.shape[1]
    out = np.full((k, k), np.nan)
    for i in range(k):
        for j in range(k):
            both = ~np.isnan(x[:, i]) & ~np.isnan(x[:, j])
            if both.sum() >= 2:
                out[i, j] = np.cov(x[both, i], x[both, j])[0, 1]
    return out


def test_it_matches_r_pairwise_covariance() -> None:
    # R: cov(x, use = "pairwise")
    want = expected()["matrices"]["cov_pairwise"]
    assert_allclose(covariance(keyed_missing()), want, rtol=RTOL)


def test_it_matches_r_listwise_covariance() -> None:
    # R: cov(x, use = "complete.obs")
    want = expected()["matrices"]["cov_listwise"]
    assert_allclose(covariance(keyed_missing(), "listwise"), want, rtol=RTOL)


def test_it_matches_r_pairwise_correlation() -> None:
    # R: cor(x, use = "pairwise")
    want = expected()["matrices"]["cor_pairwise"]
    assert_allclose(pairwise_correlation(keyed_missing()), want, rtol=RTOL)


def test_it_matches_r_cov2cor() -> None:
    # R: cov2cor(cov(x, use = "pairwise")), the correlations psych::alpha uses
    want = expected()["matrices"]["cov2cor_pairwise"]
    assert_allclose(cov2cor(covariance(keyed_missing())), want, rtol=RTOL)


answers = st.integers(1, 15).flatmap(
    lambda n: arrays(
        np.float64,
        (n, 4),
        elements=st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]), st.just(np.nan)),
    )
)


@given(answers)
@settings(max_examples=80, deadline=None)
def test_it_equals_a_pair_by_pair_loop(x: np.ndarray) -> None:
    assert_allclose(covariance(x), pairwise_loop(x), rtol=1e-10, atol=1e-12)


@given(answers, st.integers(1, 6))
@settings(max_examples=60, deadline=None)
def test_it_gives_the_same_moments_in_any_chunk_size(x: np.ndarray, rows: int) -> None:
    one, _, _ = block_moments(x, [slice(0, 4)])
    chunked, _, _ = block_moments(x, [slice(0, 4)], rows=rows)
    assert_allclose(chunked[0].cross, one[0].cross, rtol=1e-12, atol=1e-12)


def test_it_gives_each_block_the_moments_it_would_have_alone() -> None:
    x = keyed_missing()
    together, _, _ = block_moments(x, [slice(0, 2), slice(2, 5)], 0.0)
    alone, _, _ = block_moments(x[:, 2:5], [slice(0, 3)], 0.0)
    assert_allclose(together[1].covariance(), alone[0].covariance(), rtol=1e-14)


def test_it_reads_a_reversed_item_as_min_plus_max_minus_the_answer() -> None:
    x = keyed_missing()
    flip = np.array([False, True, False, False, False])
    reversed_, _, _ = block_moments(x, [slice(0, 5)], 0.0, (flip, 6.0))
    manual, _, _ = block_moments(np.where(flip, 6 - x, x), [slice(0, 5)], 0.0)
    assert_allclose(reversed_[0].covariance(), manual[0].covariance(), rtol=1e-14)


def test_it_gives_exact_sums_in_float32_for_whole_answers() -> None:
    x = keyed_missing()
    single, _, _ = block_moments(x, [slice(0, 5)], 0.0, dtype=np.float32)
    double, _, _ = block_moments(x, [slice(0, 5)], 0.0)
    assert_array_equal(single[0].squares, double[0].squares)


def test_it_sums_blocks_of_unequal_size_one_by_one() -> None:
    x = keyed_missing()
    uneven, _, _ = block_moments(x, [slice(0, 3), slice(3, 5)], 0.0)
    alone, _, _ = block_moments(x[:, 3:5], [slice(0, 2)], 0.0)
    assert_allclose(uneven[1].covariance(), alone[0].covariance(), rtol=1e-14)


def test_it_counts_the_respondents_behind_each_pair() -> None:
    x = np.array([[1.0, 2.0], [2.0, np.nan], [np.nan, 5.0], [3.0, 1.0]])
    moments, _, _ = block_moments(x, [slice(0, 2)])
    assert_array_equal(moments[0].counts, [[3, 2], [2, 3]])


def test_it_reports_the_range_of_the_answers() -> None:
    x = np.array([[1.0, 2.0], [2.0, np.nan], [4.5, 5.0]])
    _, _, answers = block_moments(x, [slice(0, 2)])
    assert answers == AnswerRange(low=1.0, high=5.0, whole=False)


def test_it_refuses_an_infinite_answer() -> None:
    with pytest.raises(TwofoldError, match="found infinity"):
        covariance(np.array([[1.0, 2.0], [np.inf, 1.0], [2.0, 2.0]]))


def test_it_refuses_an_unknown_missing_policy() -> None:
    with pytest.raises(TwofoldError, match="missing: expected one of pairwise, listwise"):
        covariance(np.ones((3, 2)), "everything")


def test_it_leaves_a_pair_seen_together_once_undefined() -> None:
    x = np.array([[1.0, 2.0], [2.0, np.nan], [np.nan, 5.0], [3.0, np.nan]])
    assert undefined_pair(covariance(x)) == (0, 1)


def test_it_sets_the_cov2cor_diagonal_to_one_and_a_constant_item_undefined() -> None:
    r = cov2cor(np.array([[2.0, 0.0], [0.0, 0.0]]))
    assert_array_equal(np.isnan(r), [[False, True], [True, False]])


def direct_person_scores(x: np.ndarray, least: float) -> tuple[int, float, float]:
    """Each respondent's mean of answered items, kept from ``least`` answers; then n, mean, SD."""
    answered = (~np.isnan(x)).sum(axis=1)
    keep = (answered >= least) & (answered > 0)
    scores = np.nansum(x[keep], axis=1) / answered[keep]
    n = scores.size
    mean = float(scores.mean()) if n else np.nan
    return n, mean, float(scores.std(ddof=1)) if n >= 2 else np.nan


@given(answers, st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.0]), st.sampled_from([0.0, 0.3, 0.5]))
@settings(max_examples=80, deadline=None)
def test_it_gives_the_person_scores_of_a_row_by_row_computation(
    x: np.ndarray, least: float, offset: float
) -> None:
    # Whole answers and halves take the histogram path; other values the weighted counts.
    shifted = x + offset
    moments, _, _ = block_moments(shifted, [slice(0, 4)], 0.0)
    n, mean, sd = moments[0].person_scores(least)
    want_n, want_mean, want_sd = direct_person_scores(shifted, least)
    assert n == want_n
    assert_allclose([mean, sd], [want_mean, want_sd], rtol=1e-12, atol=1e-14, equal_nan=True)


def test_it_groups_the_respondents_of_each_block_by_items_answered_and_their_sum() -> None:
    x = np.array([[1.0, 2.0, 4.0], [np.nan, 3.0, np.nan], [np.nan] * 3, [2.0, 1.0, 1.0]])
    moments, _, _ = block_moments(x, [slice(0, 2), slice(2, 3)], 0.0)

    def groups(m: PairMoments) -> set[tuple[float, float, float]]:
        return set(zip(m.answered, m.totals, m.respondents, strict=True))

    # Block 1: nobody answered; row 2 answered one item (3); rows 1 and 4 two (sum 3 each).
    assert groups(moments[0]) == {(0, 0, 1), (1, 3, 1), (2, 3, 2)}
    assert groups(moments[1]) == {(0, 0, 2), (1, 4, 1), (1, 1, 1)}
