"""ICC(1), ICC(2) of group means and the six Shrout–Fleiss ICCs, against R and pingouin."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pingouin as pg  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from twofold.core.errors import TwofoldError
from twofold.core.stats.agreement import Groups
from twofold.core.stats.icc import (
    ICC_TYPES,
    group_means_icc,
    group_means_icc_columns,
    shrout_fleiss,
)

REFERENCE = Path(__file__).parents[2] / "reference"
RTOL = 1e-12  # R writes 15 significant digits
RTOL_P = 1e-10  # p values sit in the far tail of F, where both libraries lose a few digits
SHROUT_FLEISS_1979 = np.array(
    [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]],
    dtype=float,
)


def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / "agreement_expected.json").read_text())
    return data


def read_csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / "data" / name).open() as handle:
        return list(csv.DictReader(handle))


def rater_scale_scores() -> tuple[np.ndarray, Groups]:
    """Scale scores as agreement.R computes them: mean of ≥ 2 of 3 answered keyed items."""
    rows = read_csv("agreement_raters.csv")
    items = ("a1", "a2", "a3", "b1", "b2", "b3")
    x = np.array([[float(r[i]) if r[i] else np.nan for i in items] for r in rows])
    x[:, 2] = 6 - x[:, 2]  # a3 is reverse-keyed
    scores = []
    for block in (x[:, :3], x[:, 3:]):
        answered = (~np.isnan(block)).sum(axis=1)
        with np.errstate(invalid="ignore"):
            scores.append(np.where(answered >= 2, np.nanmean(block, axis=1), np.nan))
    return np.column_stack(scores), Groups.from_labels([r["group"] for r in rows])


def targets() -> np.ndarray:
    rows = read_csv("agreement_targets.csv")
    return np.array([[float(v) for k, v in r.items() if k != "target"] for r in rows])


def test_it_matches_multilevel_icc1_and_icc2_of_scale_scores() -> None:
    # R: m <- aov(y ~ group); multilevel::ICC1(m); multilevel::ICC2(m)
    y, groups = rater_scale_scores()
    for result, scale in zip(group_means_icc_columns(y, groups), "ab", strict=True):
        want = expected()["icc_group_means"][scale]
        assert_allclose([result.icc1, result.icc2], [want["icc1"], want["icc2"]], rtol=RTOL)
        assert result.reasons == {}


def test_it_uses_the_mean_group_size_and_drops_groups_without_values_as_r_does() -> None:
    # R: ICC1(aov(y ~ g)) with a group of one (c) and a group with only NA (d):
    # aov keeps 9 rows in 4 groups, so the group size used is 9 / 4 = 2.25.
    y = [1, 2, 3, 2, 2, 5, np.nan, np.nan, 4, 5, 4]
    groups = Groups.from_labels(list("aaabbcddeee"))
    result = group_means_icc(y, groups)
    want = expected()["icc_group_means_small"]
    assert_allclose([result.icc1, result.icc2], [want["icc1"], want["icc2"]], rtol=RTOL)
    assert (result.df_between, result.df_within, result.mean_group_size) == (3, 5, 2.25)


def test_it_computes_icc1_and_icc2_by_hand() -> None:
    # Groups (1, 2) and (4, 5): grand mean 3, MSB = 2 × (1.5² + 1.5²) / 1 = 9,
    # MSW = (.5 + .5) / 2 = .5; ICC(1) = 8.5 / (9 + .5) = .8947, ICC(2) = 8.5 / 9 = .9444.
    result = group_means_icc([1.0, 2.0, 4.0, 5.0], Groups.from_labels(["a", "a", "b", "b"]))
    assert_allclose([result.icc1, result.icc2], [8.5 / 9.5, 8.5 / 9], rtol=1e-15)


def test_it_gives_no_icc2_when_group_means_do_not_differ() -> None:
    # Both group means are 2: MSB = 0, MSW = 2; ICC(1) = -2 / (0 + 1 × 2) = -1; ICC(2) = -2/0.
    result = group_means_icc([1.0, 3.0, 1.0, 3.0], Groups.from_labels(["a", "a", "b", "b"]))
    assert result.icc1 == pytest.approx(-1.0, rel=1e-12)
    assert np.isnan(result.icc2)
    assert result.reasons == {"icc2": "no variance between groups"}


@pytest.mark.parametrize(
    ("y", "labels", "reason"),
    [
        ([1.0, 2.0, 3.0], ["a", "b", "c"], "every group has one rater"),
        ([2.0, 2.0, 2.0, 2.0], ["a", "a", "b", "b"], "no variance in the values"),
        ([1.0, 2.0, np.nan], ["a", "a", "b"], "fewer than two groups have a value"),
    ],
)
def test_it_says_why_the_iccs_are_undefined(y: list[float], labels: list[str], reason: str) -> None:
    result = group_means_icc(y, Groups.from_labels(labels))
    assert np.isnan(result.icc1)
    assert np.isnan(result.icc2)
    assert result.reasons == {"icc1": reason, "icc2": reason}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.floats(1, 5)), min_size=4, max_size=40),
    st.permutations(list("uvwxyz")),
    st.randoms(use_true_random=False),
)
def test_it_gives_the_same_iccs_when_groups_are_renamed_or_rows_reordered(
    rows: list[tuple[int, float]], names: list[str], random: Any
) -> None:
    before = group_means_icc([v for _, v in rows], Groups.from_labels([str(g) for g, _ in rows]))
    shuffled = random.sample(rows, len(rows))
    after = group_means_icc(
        [v for _, v in shuffled], Groups.from_labels([names[g] for g, _ in shuffled])
    )
    assert_allclose([after.icc1, after.icc2], [before.icc1, before.icc2], rtol=1e-9, atol=1e-12)
    assert after.reasons == before.reasons


def check_against_r(result: Any, want: dict[str, dict[str, float]]) -> None:
    for estimate in result.estimates:
        w = want[estimate.type]
        got = [estimate.icc, estimate.f, estimate.lower, estimate.upper]
        assert_allclose(got, [w["icc"], w["f"], w["lower"], w["upper"]], rtol=RTOL)
        assert (estimate.df1, estimate.df2) == (w["df1"], w["df2"])
        assert_allclose(estimate.p, w["p"], rtol=RTOL_P)


def test_it_matches_psych_icc_on_a_complete_targets_by_raters_matrix() -> None:
    # R: psych::ICC(as.matrix(targets[, -1]), lmer = FALSE)$results
    check_against_r(shrout_fleiss(targets()), expected()["shrout_fleiss_targets"])


def test_it_matches_psych_icc_on_the_shrout_fleiss_example() -> None:
    # R: psych::ICC(published, lmer = FALSE)$results
    check_against_r(shrout_fleiss(SHROUT_FLEISS_1979), expected()["shrout_fleiss_1979"])


def test_it_reproduces_the_published_table_of_shrout_and_fleiss() -> None:
    # Shrout & Fleiss (1979), Table 4: .17, .29, .71, .44, .62, .91 (two decimals)
    result = shrout_fleiss(SHROUT_FLEISS_1979)
    published = [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
    assert_allclose([result[t].icc for t in ICC_TYPES], published, atol=0.005)


@pytest.mark.filterwarnings("ignore::Warning:pingouin")  # pingouin's own pandas deprecations
def test_it_agrees_with_pingouin_intraclass_corr() -> None:
    # pingouin names: ICC(1,1), ICC(A,1), ICC(C,1), ICC(1,k), ICC(A,k), ICC(C,k);
    # it rounds its confidence bounds to two decimals, hence atol .005 there.
    x = targets()
    n, k = x.shape
    long = pd.DataFrame(
        {"target": np.repeat(np.arange(n), k), "rater": np.tile(np.arange(k), n), "y": x.ravel()}
    )
    theirs = pg.intraclass_corr(long, targets="target", raters="rater", ratings="y")
    ours = shrout_fleiss(x)
    assert_allclose([e.icc for e in ours.estimates], theirs["ICC"], rtol=1e-10)
    assert_allclose([e.f for e in ours.estimates], theirs["F"], rtol=1e-10)
    bounds = np.array([[e.lower, e.upper] for e in ours.estimates])
    assert_allclose(bounds, np.vstack(theirs["CI95"]), atol=0.005 + 1e-12)


def test_it_reports_undefined_values_when_raters_agree_exactly() -> None:
    # Every rater gives each target the same rating: MSW = MSE = 0, every F is infinite.
    x = np.repeat([[1.0], [3.0], [4.0], [2.0]], 3, axis=1)
    result = shrout_fleiss(x)
    assert result["ICC1"].icc == 1.0
    assert np.isnan(result["ICC1"].f)
    assert "agree exactly" in result["ICC1"].reasons["f"]


def test_it_refuses_missing_ratings() -> None:
    x = targets()
    x[3, 2] = np.nan
    with pytest.raises(TwofoldError, match="row 3, column 2 is missing"):
        shrout_fleiss(x)


def test_it_refuses_fewer_than_two_targets_or_raters() -> None:
    with pytest.raises(TwofoldError, match="at least 2 targets and 2 raters"):
        shrout_fleiss([[1.0, 2.0, 3.0]])
