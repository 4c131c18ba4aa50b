"""The reliable change index of Jacobson and Truax (1991)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from twofold.core.errors import TwofoldError
from twofold.core.stats.change import reliable_change


def test_it_computes_the_index_by_hand() -> None:
    # SD .5, r .84: SE = .5 × √.16 = .2, S_diff = √2 × .2 = .28284;
    # RCI = .4 / .28284 = 1.4142 (not reliable), -.8 / .28284 = -2.8284 (reliable decrease).
    result = reliable_change([3.0, 3.8], [3.4, 3.0], 0.5, 0.84)
    assert_allclose(result.se, 0.2, rtol=1e-12)
    assert_allclose(result.s_diff, math.sqrt(2) * 0.2, rtol=1e-12)
    assert_allclose(result.rci, [0.4 / 0.28284271247461906, -0.8 / 0.28284271247461906], rtol=1e-12)
    assert_array_equal(result.reliable, [False, True])
    assert_array_equal(result.direction, [0, -1])


def test_it_reproduces_jacobson_and_truax_criterion_of_1_96() -> None:
    # With S_diff = 1 the index is the raw change; 1.96 is not beyond the criterion, 1.97 is.
    sd = 1 / math.sqrt(2)  # SE = sd × √(1 - 0) = .7071, S_diff = 1
    result = reliable_change([0.0, 0.0], [1.96, 1.97], sd, 0.0)
    assert_array_equal(result.reliable, [False, True])


def test_it_broadcasts_over_people_and_scales() -> None:
    # Two people × two scales, each scale with its own SD and reliability.
    before = np.array([[3.0, 3.0], [2.0, 4.0]])
    after = np.array([[4.0, 3.5], [2.0, 3.0]])
    result = reliable_change(before, after, [0.5, 1.0], [0.84, 0.75])
    # scale 1: S_diff = .28284; scale 2: SE = 1 × √.25 = .5, S_diff = .70711
    want = [[1 / 0.28284271247461906, 0.5 / 0.7071067811865476], [0.0, -1 / 0.7071067811865476]]
    assert_allclose(result.rci, want, rtol=1e-12)
    assert_array_equal(result.direction, [[1, 0], [0, 0]])


def test_it_gives_no_index_for_a_missing_score() -> None:
    result = reliable_change([np.nan, 3.0], [3.0, 3.0], 0.5, 0.8)
    assert np.isnan(result.rci[0])
    assert not result.reliable[0]
    assert result.direction[0] == 0
    assert "missing" in result.reasons["rci"]


@pytest.mark.parametrize(
    ("sd", "r", "match"),
    [(0.0, 0.8, "sd"), (-1.0, 0.8, "sd"), (1.0, 1.0, "reliability"), (1.0, -0.1, "reliability")],
)
def test_it_refuses_an_sd_or_reliability_that_makes_no_sense(
    sd: float, r: float, match: str
) -> None:
    with pytest.raises(TwofoldError, match=match):
        reliable_change([1.0], [2.0], sd, r)


def test_it_refuses_shapes_that_do_not_fit_together() -> None:
    with pytest.raises(TwofoldError, match="do not broadcast"):
        reliable_change([1.0, 2.0], [1.0, 2.0, 3.0], 1.0, 0.5)


scores = st.lists(st.floats(1, 5), min_size=1, max_size=20)


@given(scores, scores, st.floats(0.05, 3), st.floats(0, 0.99))
def test_it_is_antisymmetric(x1: list[float], x2: list[float], sd: float, r: float) -> None:
    n = min(len(x1), len(x2))
    forward = reliable_change(x1[:n], x2[:n], sd, r)
    backward = reliable_change(x2[:n], x1[:n], sd, r)
    assert_array_equal(backward.rci, -forward.rci)
    assert_array_equal(backward.reliable, forward.reliable)
    assert_array_equal(backward.direction, -forward.direction)
