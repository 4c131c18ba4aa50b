"""Omega total and the one-factor minres model: against R's psych and exact cases."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from twofold.core.errors import TwofoldError
from twofold.core.instrument import instrument_from_keys
from twofold.core.responses import read_responses_csv
from twofold.core.stats.covariance import cov2cor, covariance, pairwise_correlation
from twofold.core.stats.omega import (
    omega_total,
    one_factor_minres,
    scale_omega,
    scale_omegas,
    smc,
)
from twofold.core.stats.reliability import analyze_reliability, scale_reliability

REFERENCE = Path(__file__).parents[2] / "reference"
# psych's L-BFGS-B stops at its default tolerance: its omega total is within ~5e-8 of the
# exact minres optimum found here, its loadings within ~2e-5.
RTOL_OMEGA = 1e-6
RTOL_LOADINGS = 1e-4
R3 = np.array([[1.0, 0.42, 0.35], [0.42, 1.0, 0.30], [0.35, 0.30, 1.0]])  # loadings .7 .6 .5
FLIP = np.diag([1.0, -1.0, 1.0])
R5 = np.array(
    [
        [1.00, 0.52, 0.41, 0.30, 0.22],
        [0.52, 1.00, 0.47, 0.35, 0.18],
        [0.41, 0.47, 1.00, 0.28, 0.31],
        [0.30, 0.35, 0.28, 1.00, 0.12],
        [0.22, 0.18, 0.31, 0.12, 1.00],
    ]
)
N = np.nan
PAIRWISE_X = np.array(
    [
        [4, 1, 4, 1], [2, N, 3, N], [3, 4, 3, 3], [N, 3, 3, 3], [3, 3, 4, N], [2, N, 2, 3],
        [4, 2, 3, 3], [4, 5, N, 2], [1, N, 3, N], [4, N, N, 3], [2, 4, 4, 2], [N, 3, N, N],
    ]
)  # fmt: skip


@cache
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / "reliability_expected.json").read_text())
    return data


@cache
def psych() -> dict[str, Any]:
    """psych::omega and psych::fa of small matrices, from tests/reference/omega.R."""
    data: dict[str, Any] = json.loads((REFERENCE / "omega_expected.json").read_text())
    return data


def omega_of(keys: str, low: int, high: int, file: str, **options: str) -> float:
    inst = instrument_from_keys(keys, low, high)
    matrix = read_responses_csv(REFERENCE / "data" / file, inst.item_ids, low, high).matrix
    return next(iter(analyze_reliability(inst, matrix, **options).scales.values())).omega_total


def test_it_matches_psych_omega_total_without_missing_answers() -> None:
    # R: psych::omega(x, nfactors = 1, fm = "minres")$omega.tot, a4 reversed
    got = omega_of("A=a1,a2,a3,-a4,a5,a6", 1, 6, "reliability_complete.csv")
    assert_allclose(got, expected()["complete"]["pairwise"]["omega_total"], rtol=RTOL_OMEGA)


def test_it_matches_psych_omega_total_of_pairwise_correlations() -> None:
    # R: psych::omega(x, nfactors = 1, fm = "minres")$omega.tot; omega uses cor(x, "pairwise")
    got = omega_of("B=b1,-b2,b3,b4,b5", 1, 5, "reliability_missing.csv")
    assert_allclose(got, expected()["missing"]["pairwise"]["omega_total"], rtol=RTOL_OMEGA)


def test_it_matches_psych_omega_total_of_complete_rows_listwise() -> None:
    # R: psych::omega(na.omit(x), nfactors = 1, fm = "minres")$omega.tot
    got = omega_of("B=b1,-b2,b3,b4,b5", 1, 5, "reliability_missing.csv", missing="listwise")
    assert_allclose(got, expected()["missing"]["listwise"]["omega_total"], rtol=RTOL_OMEGA)


def test_it_matches_psych_omega_total_after_median_imputation() -> None:
    # R: psych::omega(x with each NA set to its item's median, 1, fm = "minres")$omega.tot
    got = omega_of("B=b1,-b2,b3,b4,b5", 1, 5, "reliability_missing.csv", impute="median")
    assert_allclose(got, expected()["missing"]["median"]["omega_total"], rtol=RTOL_OMEGA)


def test_it_matches_psych_omega_total_of_a_correlation_matrix() -> None:
    # R: psych::omega(r3, nfactors = 1, fm = "minres")$omega.tot
    assert_allclose(omega_total(R3), expected()["matrices"]["omega_r3"], rtol=RTOL_OMEGA)


def test_it_matches_psych_minres_loadings() -> None:
    # R: psych::fa(r3, nfactors = 1, fm = "minres")$loadings[, 1]
    loadings = one_factor_minres(R3).loadings
    assert_allclose(loadings, expected()["matrices"]["loadings_r3"], rtol=RTOL_LOADINGS)


def test_it_recovers_exact_one_factor_loadings() -> None:
    # r_ij = l_i l_j with l = (.7, .6, .5): the off-diagonal residuals can all be zero
    assert_allclose(one_factor_minres(R3).loadings, [0.7, 0.6, 0.5], rtol=1e-10)


def test_it_gives_the_hand_computed_omega_of_an_exact_one_factor_matrix() -> None:
    # (sum of loadings)^2 / sum(R) = 1.8^2 / (3 + 2 * (.42 + .35 + .30)) = 3.24 / 5.14
    assert_allclose(omega_total(R3), 3.24 / 5.14, rtol=1e-10)


def test_it_holds_a_heywood_item_at_the_smallest_uniqueness_as_psych() -> None:
    # Three items whose correlations ask for a loading above 1 (an ultra-Heywood case).
    x = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5]], dtype=float)
    assert one_factor_minres(cov2cor(covariance(x))).heywood


def test_it_lands_near_psych_in_a_heywood_case() -> None:
    # R: psych::fa(cor(small), 1, fm = "minres")$loadings[, 1]; psych stops before the
    # fixed point (uniqueness .005 held, the others with communality = 1 - uniqueness),
    # so only the first two or three digits agree.
    x = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5]], dtype=float)
    loadings = one_factor_minres(cov2cor(covariance(x))).loadings
    assert_allclose(loadings, expected()["heywood"]["loadings"], rtol=5e-3)


def test_it_reverses_items_that_load_negatively_as_psych_flip() -> None:
    # R: psych::omega(r3_flipped, 1, fm = "minres")$omega.tot, item 2 of r3 reversed
    want = psych()["r3_flipped"]
    assert_allclose(omega_total(FLIP @ R3 @ FLIP), want["omega_total"], rtol=RTOL_OMEGA)
    loadings = one_factor_minres(FLIP @ R3 @ FLIP).loadings
    assert_allclose(loadings, want["loadings"], rtol=RTOL_LOADINGS)


def test_it_matches_psych_on_five_items_without_an_exact_one_factor_structure() -> None:
    # R: psych::omega(r5, 1, fm = "minres")$omega.tot; psych::fa(r5, 1, fm = "minres")
    want = psych()["r5"]
    assert_allclose(omega_total(R5), want["omega_total"], rtol=RTOL_OMEGA)
    assert_allclose(one_factor_minres(R5).loadings, want["loadings"], rtol=RTOL_LOADINGS)


def test_it_matches_psych_smc() -> None:
    # R: psych::smc(r3)
    assert_allclose(smc(R3), expected()["matrices"]["smc_r3"], rtol=1e-12)


def test_it_matches_psych_smc_of_pairwise_correlations() -> None:
    # R: psych::smc(cov2cor(cov(x, use = "pairwise"))), x the keyed missing data
    r = np.array(expected()["matrices"]["cov2cor_pairwise"])
    assert_allclose(smc(r), expected()["matrices"]["smc_pairwise"], rtol=1e-12)


def test_it_refuses_a_model_of_two_items() -> None:
    with pytest.raises(TwofoldError, match="at least 3 items, got 2"):
        omega_total(np.array([[1.0, 0.5], [0.5, 1.0]]))


def test_it_refuses_a_correlation_matrix_with_undefined_entries() -> None:
    with pytest.raises(TwofoldError, match="NaN"):
        one_factor_minres(np.array([[1.0, np.nan, 0.2], [np.nan, 1.0, 0.3], [0.2, 0.3, 1.0]]))


def test_it_explains_an_undefined_omega_for_a_scale() -> None:
    r = np.array([[1.0, np.nan, 0.2], [np.nan, 1.0, 0.3], [0.2, 0.3, 1.0]])
    omega, why = scale_omega(r, ["a", "b", "c"])
    assert (np.isnan(omega), why) == (True, "correlation of a and b is undefined")


@given(st.lists(st.floats(0.1, 0.95), min_size=3, max_size=8))
@settings(max_examples=50, deadline=None)
def test_it_recovers_any_exact_one_factor_structure(loadings: list[float]) -> None:
    lam = np.array(loadings)
    r = np.outer(lam, lam)
    np.fill_diagonal(r, 1.0)
    assert_allclose(one_factor_minres(r).loadings, lam, rtol=1e-6, atol=1e-8)


def test_it_factors_pairwise_correlations_as_psych_omega() -> None:
    # R: psych::omega(x, 1, fm = "minres")$omega.tot, which factors cor(x, use = "pairwise");
    # omega of cov2cor(cov(x, use = "pairwise")) differs here by more than .05.
    want = psych()["pairwise_x"]
    assert_allclose(scale_reliability(PAIRWISE_X).omega_total, want["omega_total"], rtol=RTOL_OMEGA)
    loadings = one_factor_minres(pairwise_correlation(PAIRWISE_X)).loadings
    assert_allclose(loadings, want["loadings"], rtol=RTOL_LOADINGS)
    assert abs(omega_total(cov2cor(covariance(PAIRWISE_X))) - want["omega_total"]) > 0.05


def test_it_fits_a_stack_of_scales_as_each_alone() -> None:
    x = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5]], dtype=float)
    heywood = cov2cor(covariance(x))
    flipped = FLIP @ R3 @ FLIP
    two = np.array([[1.0, 0.5], [0.5, 1.0]])
    undefined = R3.copy()
    undefined[0, 1] = undefined[1, 0] = np.nan
    scales = [R3, heywood, two, flipped, undefined]
    ids = [["a", "b", "c"], ["d", "e", "f"], ["g", "h"], ["i", "j", "k"], ["l", "m", "n"]]
    together = scale_omegas(scales, ids)
    alone = [scale_omega(r, names) for r, names in zip(scales, ids, strict=True)]
    assert [why for _, why in together] == [why for _, why in alone]
    assert_allclose([v for v, _ in together], [v for v, _ in alone], rtol=1e-13)
    # R: psych::omega(r3, ...) and psych::omega(r3_flipped, ...)$omega.tot
    omega_r3, omega_flipped = expected()["matrices"]["omega_r3"], psych()["r3_flipped"]
    assert_allclose(together[0][0], omega_r3, rtol=RTOL_OMEGA)
    assert_allclose(together[3][0], omega_flipped["omega_total"], rtol=RTOL_OMEGA)
    assert together[2] == (
        pytest.approx(np.nan, nan_ok=True),
        "a one-factor model needs at least 3 items",
    )
    assert together[4][1] == "correlation of l and m is undefined"


@given(st.lists(st.lists(st.floats(0.3, 0.9), min_size=4, max_size=4), min_size=1, max_size=5))
@settings(max_examples=40, deadline=None)
def test_it_gives_every_scale_of_a_stack_its_own_loadings(loadings: list[list[float]]) -> None:
    matrices = []
    for lam in map(np.array, loadings):
        r = np.outer(lam, lam)
        np.fill_diagonal(r, 1.0)
        matrices.append(r)
    together = scale_omegas(matrices, [["a", "b", "c", "d"]] * len(matrices))
    for r, (value, _) in zip(matrices, together, strict=True):
        assert_allclose(value, omega_total(r), rtol=1e-12)
