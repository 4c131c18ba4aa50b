"""Alpha, lambda 6, item statistics and Feldt intervals: against R's psych, pingouin,
the textbook formula, a hand-computed case and invariants."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pingouin
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from twofold.core.errors import ResponsesError, TwofoldError
from twofold.core.instrument import Instrument, instrument_from_keys
from twofold.core.responses import read_responses_csv
from twofold.core.stats.reliability import (
    ScaleReliability,
    analyze_reliability,
    feldt_interval,
    scale_reliability,
)

REFERENCE = Path(__file__).parents[2] / "reference"
RTOL = 1e-9  # closed forms; R writes 15 significant digits and both sides agree to ~1e-15
ANY_ANSWER = 0.01  # a fraction below 1/k: every respondent with an answer gets a score, as psych
DATASETS = {
    # name: (keys with reverse-keyed items, min, max, file)
    "complete": ("A=a1,a2,a3,-a4,a5,a6", 1, 6, "reliability_complete.csv"),
    "missing": ("B=b1,-b2,b3,b4,b5", 1, 5, "reliability_missing.csv"),
    "small": ("C=c1,c2,c3", 1, 5, "reliability_small.csv"),
}
MODES = {"pairwise": {}, "listwise": {"missing": "listwise"}, "median": {"impute": "median"}}
CASES = [(name, mode) for name in DATASETS for mode in MODES]


@cache
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / "reliability_expected.json").read_text())
    return data


@cache
def dataset(name: str) -> tuple[Instrument, np.ndarray]:
    keys, low, high, file = DATASETS[name]
    inst = instrument_from_keys(keys, low, high)
    table = read_responses_csv(REFERENCE / "data" / file, inst.item_ids, low, high)
    return inst, table.matrix


def analysed(name: str, mode: str, min_answered: float = ANY_ANSWER) -> ScaleReliability:
    inst, matrix = dataset(name)
    result = analyze_reliability(inst, matrix, min_answered=min_answered, **MODES[mode])
    return next(iter(result.scales.values()))


def keyed(name: str) -> np.ndarray:
    inst, matrix = dataset(name)
    reverse = np.array([item.key == -1 for item in inst.items])
    low, high = inst.response_scale.min, inst.response_scale.max
    return np.where(reverse, low + high - matrix, matrix)


# -- against R: psych::alpha(x) (pairwise), alpha(x, use = "complete.obs") (listwise),
# -- alpha(x, impute = "median"); see tests/reference/reliability.R


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_raw_alpha(name: str, mode: str) -> None:
    # R: psych::alpha(x, ...)$total$raw_alpha
    assert_allclose(analysed(name, mode).alpha, expected()[name][mode]["alpha"], rtol=RTOL)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_standardised_alpha(name: str, mode: str) -> None:
    # R: psych::alpha(x, ...)$total$std.alpha
    want = expected()[name][mode]["alpha_std"]
    assert_allclose(analysed(name, mode).alpha_std, want, rtol=RTOL)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_lambda6(name: str, mode: str) -> None:
    # R: psych::alpha(x, ...)$total[["G6(smc)"]]
    assert_allclose(analysed(name, mode).lambda6, expected()[name][mode]["lambda6"], rtol=RTOL)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_average_r(name: str, mode: str) -> None:
    # R: psych::alpha(x, ...)$total$average_r
    want = expected()[name][mode]["average_r"]
    assert_allclose(analysed(name, mode).average_r, want, rtol=RTOL)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_feldt_interval(name: str, mode: str) -> None:
    # R: psych::alpha(x, ...)$feldt: alpha.ci(raw_alpha, n.obs = nrow(x), n.var = ncol(x))
    ci = analysed(name, mode).alpha_ci95
    want = expected()[name][mode]["alpha_ci95"]
    assert_allclose([ci.lower, ci.upper], [want["lower"], want["upper"]], rtol=RTOL)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_person_score_mean_and_sd_when_any_answer_counts(
    name: str, mode: str
) -> None:
    # R: psych::alpha(x, ...)$total$mean and $sd, of rowMeans(x, na.rm = TRUE)
    result, want = analysed(name, mode), expected()[name][mode]
    got = [result.n, result.mean, result.sd]
    assert_allclose(got, [want["n"], want["mean"], want["sd"]], rtol=RTOL)


@pytest.mark.parametrize("name", DATASETS)
def test_it_scores_persons_who_answered_half_the_items_as_scoring_does(name: str) -> None:
    # R: s <- rowMeans(x, na.rm = TRUE); s[rowSums(!is.na(x)) < ncol(x) / 2] <- NA;
    #    c(sum(!is.na(s)), mean(s, na.rm = TRUE), sd(s, na.rm = TRUE))
    result, want = analysed(name, "pairwise", min_answered=0.5), expected()[name]["half"]
    got = [result.n, result.mean, result.sd]
    assert_allclose(got, [want["n"], want["mean"], want["sd"]], rtol=RTOL)


@pytest.mark.parametrize("name", DATASETS)
def test_it_gives_sem_as_sd_times_the_root_of_one_minus_alpha(name: str) -> None:
    # R: sd(s, na.rm = TRUE) * sqrt(1 - psych::alpha(x)$total$raw_alpha)
    result = analysed(name, "pairwise", min_answered=0.5)
    assert_allclose(result.sem, expected()[name]["half"]["sem"], rtol=RTOL)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_item_n_mean_and_sd(name: str, mode: str) -> None:
    # R: psych::alpha(x, ...)$item.stats[, c("n", "mean", "sd")]
    result, want = analysed(name, mode), expected()[name][mode]["items"]
    got = [[result.items[i].n, result.items[i].mean, result.items[i].sd] for i in want]
    assert_allclose(got, [[w["n"], w["mean"], w["sd"]] for w in want.values()], rtol=RTOL)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_r_drop(name: str, mode: str) -> None:
    # R: psych::alpha(x, ...)$item.stats$r.drop
    result, want = analysed(name, mode), expected()[name][mode]["items"]
    got = [result.items[i].r_drop for i in want]
    assert_allclose(got, [w["r_drop"] for w in want.values()], rtol=RTOL)


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_it_matches_psych_alpha_if_item_deleted(name: str, mode: str) -> None:
    # R: psych::alpha(x, ...)$alpha.drop$raw_alpha
    result, want = analysed(name, mode), expected()[name][mode]["items"]
    got = [result.items[i].alpha_if_deleted for i in want]
    assert_allclose(got, [w["alpha_if_deleted"] for w in want.values()], rtol=RTOL)


def test_it_matches_psych_alpha_ci() -> None:
    # R: psych::alpha.ci(.8, n.obs = 100, n.var = 6)[c("lower.ci", "upper.ci")]
    ci = feldt_interval(0.8, n=100, k=6)
    assert_allclose([ci.lower, ci.upper], expected()["matrices"]["feldt_80_100_6"], rtol=RTOL)


# -- against independent implementations


@pytest.mark.parametrize("name", ["complete", "small"])
def test_it_equals_pingouin_listwise_alpha_without_missing_answers(name: str) -> None:
    frame = pd.DataFrame(keyed(name))
    want, _ = pingouin.cronbach_alpha(data=frame, nan_policy="listwise")
    assert_allclose(analysed(name, "listwise").alpha, want, rtol=1e-9)


def test_it_equals_pingouin_pairwise_alpha_with_missing_answers() -> None:
    frame = pd.DataFrame(keyed("missing"))
    want, _ = pingouin.cronbach_alpha(data=frame, nan_policy="pairwise")
    assert_allclose(analysed("missing", "pairwise").alpha, want, rtol=1e-9)


def test_it_equals_the_textbook_formula() -> None:
    # alpha = k / (k - 1) * (1 - sum of item variances / variance of the total score)
    x = keyed("complete")
    k = x.shape[1]
    want = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert_allclose(scale_reliability(x).alpha, want, rtol=1e-12)


def test_it_gives_the_hand_computed_alpha_of_three_items_and_four_respondents() -> None:
    # Items a = 1 2 3 4, b = 2 2 4 4, c = 2 3 3 5. Variances (n - 1 = 3): a 5/3, b 4/3,
    # c 4.75/3, sum 13.75/3. Totals 5 7 10 13, mean 8.75, squared deviations
    # 14.0625 + 3.0625 + 1.5625 + 18.0625 = 36.75, variance 36.75/3.
    # alpha = 3/2 * (1 - 13.75/36.75) = 3/2 * 23/36.75 = 46/49.
    x = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5]], dtype=float)
    assert_allclose(scale_reliability(x).alpha, 46 / 49, rtol=1e-14)


def test_it_gives_the_hand_computed_r_drop() -> None:
    # Item a = 1 2 3 4 (mean 2.5) against b + c = 4 5 7 9 (mean 6.25):
    # cov = (3.375 + 0.625 + 0.375 + 4.125) / 3 = 8.5 / 3, var(a) = 5 / 3,
    # var(b + c) = (5.0625 + 1.5625 + 0.5625 + 7.5625) / 3 = 14.75 / 3,
    # r = 8.5 / sqrt(5 * 14.75).
    x = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5]], dtype=float)
    r_drop = scale_reliability(x, ["a", "b", "c"]).items["a"].r_drop
    assert_allclose(r_drop, 8.5 / np.sqrt(5 * 14.75), rtol=1e-14)


def test_it_reverses_reverse_keyed_items_before_the_analysis() -> None:
    inst, matrix = dataset("complete")
    unkeyed = instrument_from_keys("A=a1,a2,a3,a4,a5,a6", 1, 6)
    flipped = matrix.copy()
    flipped[:, 3] = 7 - flipped[:, 3]
    want = analyze_reliability(unkeyed, flipped).scales["A"]
    assert analyze_reliability(inst, matrix).scales["A"] == want


def test_it_imputes_the_mean_of_each_keyed_item() -> None:
    inst, matrix = dataset("missing")
    x = keyed("missing")
    filled = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
    result = analyze_reliability(inst, matrix, impute="mean").scales["B"]
    assert_allclose(result.alpha, scale_reliability(filled).alpha, rtol=1e-12)


# -- invariants

answers = st.integers(3, 12).flatmap(
    lambda n: arrays(
        np.float64,
        (n, 4),
        elements=st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0]), st.just(np.nan)),
    )
)
complete_answers = st.integers(3, 12).flatmap(
    lambda n: arrays(np.float64, (n, 4), elements=st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0]))
)


def same(a: float, b: float) -> bool:
    return bool((np.isnan(a) and np.isnan(b)) or np.isclose(a, b, rtol=1e-12, atol=1e-12))


@given(answers, st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_it_keeps_alpha_when_respondents_are_reordered(x: np.ndarray, rnd: Any) -> None:
    order = list(range(x.shape[0]))
    rnd.shuffle(order)
    assert same(scale_reliability(x[order]).alpha, scale_reliability(x).alpha)


@given(complete_answers)
@settings(max_examples=60, deadline=None)
def test_it_gives_the_same_alpha_listwise_and_pairwise_when_nothing_is_missing(
    x: np.ndarray,
) -> None:
    pairwise = scale_reliability(x, missing="pairwise")
    listwise = scale_reliability(x, missing="listwise")
    assert same(pairwise.alpha, listwise.alpha)


@given(answers)
@settings(max_examples=100, deadline=None)
def test_it_never_gives_an_alpha_above_one(x: np.ndarray) -> None:
    alpha = scale_reliability(x).alpha
    assert np.isnan(alpha) or alpha <= 1 + 1e-12


@given(answers)
@settings(max_examples=100, deadline=None)
def test_it_gives_a_reason_for_every_undefined_scale_value(x: np.ndarray) -> None:
    result = scale_reliability(x)
    values = {
        "mean": result.mean,
        "sd": result.sd,
        "alpha": result.alpha,
        "alpha_std": result.alpha_std,
        "lambda6": result.lambda6,
        "average_r": result.average_r,
        "omega_total": result.omega_total,
        "sem": result.sem,
        "alpha_ci95": result.alpha_ci95.lower,
    }
    assert {name for name, value in values.items() if np.isnan(value)} == set(result.reasons)


# -- undefined values: NaN with a reason, never a crash


def test_it_gives_no_alpha_for_a_scale_of_one_item() -> None:
    result = scale_reliability(np.array([[1.0], [2.0], [4.0]]))
    assert np.isnan(result.alpha)
    assert result.reasons["alpha"] == "scale has one item"


def test_it_still_describes_the_item_of_a_one_item_scale() -> None:
    item = scale_reliability(np.array([[1.0], [2.0], [4.0]]), ["q"]).items["q"]
    assert (item.n, item.reasons["r_drop"]) == (3, "scale has one item")


def test_it_gives_no_correlations_when_an_item_is_constant() -> None:
    x = np.array([[1, 2, 3], [2, 2, 4], [3, 2, 4], [4, 2, 5]], dtype=float)
    result = scale_reliability(x, ["a", "b", "c"])
    assert np.isnan(result.alpha_std)
    assert result.reasons["alpha_std"] == "item b is constant, so its correlations are undefined"


def test_it_gives_no_r_drop_for_a_constant_item() -> None:
    x = np.array([[1, 2, 3], [2, 2, 4], [3, 2, 4], [4, 2, 5]], dtype=float)
    item = scale_reliability(x, ["a", "b", "c"]).items["b"]
    assert (np.isnan(item.r_drop), item.reasons["r_drop"]) == (True, "item is constant")


def test_it_keeps_the_textbook_raw_alpha_with_a_constant_item() -> None:
    # psych drops a constant item; the formula with its zero variance is what pingouin gives
    x = np.array([[1, 2, 3], [2, 2, 4], [3, 2, 4], [4, 2, 5]], dtype=float)
    want, _ = pingouin.cronbach_alpha(data=pd.DataFrame(x))
    assert_allclose(scale_reliability(x).alpha, want, rtol=1e-12)


def test_it_gives_nothing_from_fewer_than_three_respondents() -> None:
    result = scale_reliability(np.array([[1.0, 2.0, 3.0], [2.0, 3.0, 5.0]]))
    assert np.isnan(result.alpha)
    assert result.reasons["alpha"] == "fewer than 3 respondents"


def test_it_needs_three_complete_respondents_for_listwise_alpha() -> None:
    x = np.array([[1, 2, 3], [2, np.nan, 5], [4, 4, 4], [5, 4, np.nan]], dtype=float)
    result = scale_reliability(x, missing="listwise")
    assert result.reasons["alpha"] == "fewer than 3 respondents answered every item"


def test_it_says_which_items_were_never_answered_together() -> None:
    x = np.array([[1, np.nan, 3], [2, np.nan, 5], [np.nan, 4, 4], [np.nan, 3, 2]])
    result = scale_reliability(x, ["a", "b", "c"])
    assert result.reasons["alpha"] == (
        "items a and b were answered together by fewer than 2 respondents"
    )


def test_it_gives_no_alpha_if_deleted_for_two_items() -> None:
    x = np.array([[1, 2], [2, 2], [3, 4], [4, 5]], dtype=float)
    item = scale_reliability(x, ["a", "b"]).items["a"]
    assert item.reasons["alpha_if_deleted"] == "one item would remain"


def test_it_survives_a_matrix_with_no_answers() -> None:
    result = scale_reliability(np.full((4, 3), np.nan))
    assert (result.n, result.reasons["mean"]) == (0, "no respondent has a score")


# -- bad input


def test_it_refuses_an_unknown_missing_policy() -> None:
    with pytest.raises(TwofoldError, match="missing: expected one of pairwise, listwise"):
        scale_reliability(np.ones((4, 3)), missing="available")


def test_it_refuses_a_min_answered_outside_zero_to_one() -> None:
    with pytest.raises(TwofoldError, match="min_answered"):
        scale_reliability(np.ones((4, 3)), min_answered=0)


def test_it_refuses_item_ids_that_do_not_match_the_columns() -> None:
    with pytest.raises(TwofoldError, match="item_ids: expected 3 ids, got 2"):
        scale_reliability(np.ones((4, 3)), ["a", "b"])


def test_it_names_the_answer_outside_the_response_scale() -> None:
    inst = instrument_from_keys("A=a1,a2,a3", 1, 5)
    x = np.array([[1, 2, 3], [2, 6, 3], [3, 3, 3]], dtype=float)
    with pytest.raises(ResponsesError, match="row 1, item a2: 6 is not a whole number from 1 to 5"):
        analyze_reliability(inst, x)


def test_it_refuses_an_answer_between_two_points() -> None:
    inst = instrument_from_keys("A=a1,a2,a3", 1, 5)
    x = np.array([[1, 2, 3], [2, 2.5, 3], [3, 3, 3]])
    with pytest.raises(ResponsesError, match=r"row 1, item a2: 2\.5"):
        analyze_reliability(inst, x)


def test_it_refuses_an_infinite_answer() -> None:
    inst = instrument_from_keys("A=a1,a2,a3", 1, 5)
    x = np.array([[1, 2, 3], [2, np.inf, 3], [3, 3, 3]])
    with pytest.raises(ResponsesError, match="row 1, item a2: inf"):
        analyze_reliability(inst, x)


def test_it_refuses_a_matrix_of_the_wrong_width() -> None:
    inst = instrument_from_keys("A=a1,a2,a3", 1, 5)
    with pytest.raises(ResponsesError, match="with 3 columns"):
        analyze_reliability(inst, np.ones((4, 2)))


def test_it_refuses_a_feldt_interval_for_one_item() -> None:
    with pytest.raises(TwofoldError, match="expected n >= 2 and k >= 2"):
        feldt_interval(0.8, n=100, k=1)


# -- response scales that do not start at 1: a reverse-keyed answer is min + max - answer


@cache
def omega_expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / "omega_expected.json").read_text())
    return data


# The same answers as tests/reference/omega.R, item 2 reverse-keyed there as min + max - x.
ZERO_BASED = [[0, 4, 1], [1, 3, 1], [2, 1, 3], [4, 0, 4], [3, None, 2], [1, 2, 0], [2, 2, 2]]
TWO_TO_SIX = [[2, 6, 3], [3, 5, 2], [4, 3, 5], [6, 2, 6], [5, 4, None], [3, 4, 4]]
OFF_ONE_BYTE = 150  # a scale this far up is analysed in floating point, not in bytes


@pytest.mark.parametrize(
    ("name", "answers", "low", "high", "offset"),
    [
        ("zero_based", ZERO_BASED, 0, 4, 0),
        ("zero_based", ZERO_BASED, OFF_ONE_BYTE, OFF_ONE_BYTE + 4, OFF_ONE_BYTE),
        ("two_to_six", TWO_TO_SIX, 2, 6, 0),
        ("two_to_six", TWO_TO_SIX, OFF_ONE_BYTE + 2, OFF_ONE_BYTE + 6, OFF_ONE_BYTE),
    ],
)
def test_it_reverses_keyed_items_with_the_response_scales_own_min_and_max(
    name: str, answers: list[list[int | None]], low: int, high: int, offset: int
) -> None:
    # R: x[, 2] <- min + max - x[, 2]; psych::alpha(x); see tests/reference/omega.R.
    # Reading a reversed answer as max + 1 - x would move item 2's mean (and the scale's)
    # by 1 - min; on a scale moved up by ``offset`` every mean moves with it.
    x = np.array([[np.nan if a is None else a + offset for a in row] for row in answers])
    inst = instrument_from_keys("S=s1,-s2,s3", low, high)
    got = analyze_reliability(inst, x, min_answered=ANY_ANSWER).scales["S"]
    want = omega_expected()[name]
    means = [item.mean - offset for item in got.items.values()]
    assert_allclose(means, want["item_means"], rtol=RTOL)
    assert_allclose(got.mean - offset, want["mean"], rtol=RTOL)
    assert_allclose([got.alpha, got.sd], [want["alpha"], want["sd"]], rtol=RTOL)
    assert_allclose(got.omega_total, want["omega_total"], rtol=1e-6)  # psych's tolerance


def test_it_equals_pingouin_on_a_scale_with_too_many_answer_patterns_to_count() -> None:
    # 12 items on 0..6: 8**12 possible patterns, so the sums run over the respondents.
    rng = np.random.default_rng(7)
    x = rng.integers(0, 7, size=(300, 12)).astype(float)
    x[:, :6] = np.clip(x[:, :6] + rng.integers(-1, 2, size=(300, 1)), 0, 6)
    x[rng.random(x.shape) < 0.05] = np.nan
    keys = "S=" + ",".join(f"{'-' if i == 3 else ''}s{i}" for i in range(12))
    got = analyze_reliability(instrument_from_keys(keys, 0, 6), x).scales["S"]
    keyed = x.copy()
    keyed[:, 3] = 0 + 6 - keyed[:, 3]
    want, _ = pingouin.cronbach_alpha(data=pd.DataFrame(keyed), nan_policy="pairwise")
    assert_allclose(got.alpha, want, rtol=1e-9)
    assert_allclose(got.items["s3"].mean, np.nanmean(keyed[:, 3]), rtol=1e-12)


def test_it_gives_a_zero_sem_when_alpha_rounds_to_just_above_one() -> None:
    # Two items that move in lockstep: alpha is 1, which floating point can
    # make 1.0000000000000004 on some machines; the SEM is 0, never undefined.
    result = scale_reliability(np.array([[4.0, 5.0], [2.0, 3.0], [4.0, 5.0]]))
    assert result.alpha == pytest.approx(1.0, abs=1e-12)
    assert result.sem == pytest.approx(0.0, abs=1e-6)
    assert "sem" not in result.reasons
