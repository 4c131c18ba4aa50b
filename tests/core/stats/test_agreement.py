"""rwg and rwg(j): against R's multilevel package, hand-computed cases and invariants."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from twofold.core.errors import TwofoldError
from twofold.core.stats import agreement
from twofold.core.stats.agreement import Groups, group_moments, rwg, rwg_j, uniform_null_variance

REFERENCE = Path(__file__).parents[2] / "reference"
ITEMS = ("a1", "a2", "a3", "b1", "b2", "b3")
SCALES = np.array([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1]], dtype=float)
RTOL = 1e-12  # R writes 15 significant digits; both sides are exact to ~1e-15


def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / "agreement_expected.json").read_text())
    return data


def raters() -> tuple[np.ndarray, Groups]:
    with (REFERENCE / "data" / "agreement_raters.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    matrix = np.array([[float(r[i]) if r[i] else np.nan for i in ITEMS] for r in rows])
    return matrix, Groups.from_labels([r["group"] for r in rows])


def by_label(groups: Groups, values: dict[str, float | None]) -> np.ndarray:
    return np.array([np.nan if values[g] is None else values[g] for g in groups.labels])


def test_it_matches_multilevel_rwg_for_every_item() -> None:
    # R: multilevel::rwg(raters[[item]], raters$group, ranvar = 2)
    x, groups = raters()
    result = rwg(x, groups, 2.0)
    for i, item in enumerate(ITEMS):
        want = by_label(groups, expected()["rwg_items"][item])
        assert_allclose(result.values[:, i], want, rtol=RTOL)


def test_it_counts_the_raters_who_answered_each_item_as_multilevel_does() -> None:
    # R: multilevel::rwg(...)$gsize; a group whose raters all skipped the item is absent there
    x, groups = raters()
    counts = expected()["rwg_items_n"]
    result = rwg(x, groups, 2.0)
    for i, item in enumerate(ITEMS):
        want = [counts[item].get(label, 0) for label in groups.labels]
        assert_array_equal(result.n[:, i], want)


def test_it_matches_multilevel_rwg_j_for_every_scale() -> None:
    # R: multilevel::rwg.j(raters[, c("a1", "a2", "a3")], raters$group, ranvar = 2)
    x, groups = raters()
    result = rwg_j(x, groups, 2.0, SCALES)
    for j, scale in enumerate("ab"):
        assert_allclose(
            result.values[:, j], by_label(groups, expected()["rwg_j"][scale]), rtol=RTOL
        )
        assert_array_equal(result.n[:, j], [expected()["rwg_j_n"][scale][g] for g in groups.labels])


def test_it_computes_rwg_by_hand() -> None:
    # var(1, 2, 3) = 1, so rwg = 1 - 1/2 = .5; var(4, 4) = 0, so rwg = 1.
    groups = Groups.from_labels(["a", "a", "a", "b", "b"])
    result = rwg([1.0, 2.0, 3.0, 4.0, 4.0], groups, 2.0)
    assert_allclose(result.values.ravel(), [0.5, 1.0], rtol=1e-15)


def test_it_truncates_rwg_at_zero_when_raters_disagree_more_than_chance() -> None:
    # var(1, 5, 1, 5) = 16/3 > 2, truncated to 2: rwg = 1 - 2/2 = 0 (R: multilevel::rwg)
    result = rwg([1.0, 5.0, 1.0, 5.0], Groups.from_labels(["a"] * 4), 2.0)
    assert result.values[0, 0] == 0.0


def test_it_computes_rwg_j_by_hand() -> None:
    # Items (1, 3) and (2, 2): variances 2 and 0, mean 1; q = 1/2;
    # rwg(j) = 2 × (1 - 1/2) / (2 × (1 - 1/2) + 1/2) = 1 / 1.5 = 2/3.
    result = rwg_j([[1.0, 2.0], [3.0, 2.0]], Groups.from_labels(["a", "a"]), 2.0)
    assert_allclose(result.values[0, 0], 2 / 3, rtol=1e-15)


def test_it_drops_a_rater_who_skipped_an_item_from_rwg_j_only() -> None:
    # Rater 3 skipped item 2: rwg(j) uses raters 1-2 (listwise), rwg of item 1 uses all three.
    x = [[1.0, 2.0], [3.0, 2.0], [5.0, np.nan]]
    groups = Groups.from_labels(["a"] * 3)
    assert rwg_j(x, groups, 2.0).n[0, 0] == 2
    assert_array_equal(rwg(x, groups, 2.0).n[0], [3, 2])
    assert_allclose(rwg_j(x, groups, 2.0).values[0, 0], 2 / 3, rtol=1e-15)


def test_it_says_why_a_group_has_no_value() -> None:
    x = [[1.0, 2.0], [4.0, 4.0], [3.0, np.nan], [np.nan, np.nan]]
    groups = Groups.from_labels(["alone", "pair", "pair", "skipper"])
    result = rwg_j(x, groups, 2.0)
    assert np.isnan(result.values).all()
    assert result.reason(0, 0) == "group has one rater"
    assert result.reason(1, 0) == "only one rater in the group answered every item of the scale"
    assert result.reason(2, 0) == "group has one rater"
    assert "fewer than two raters" in result.reasons["values"]


def test_it_says_when_no_rater_in_a_group_answered_an_item() -> None:
    groups = Groups.from_labels(["a", "a"])
    result = rwg([[np.nan, 1.0], [np.nan, 2.0]], groups, 2.0)
    assert result.reason(0, 0) == "no rater in the group answered"
    assert result.reason(0, 1) is None


def test_it_uses_the_uniform_null_variance_of_the_scale() -> None:
    # (A² - 1) / 12: 5 points → 2, 7 points → 4, 2 points → .25
    assert uniform_null_variance(1, 5) == 2.0
    assert uniform_null_variance(1, 7) == 4.0
    assert uniform_null_variance(0, 1) == 0.25


def test_it_keeps_groups_in_order_of_first_appearance() -> None:
    groups = Groups.from_labels(["t2", "t1", "t2", "t10"])
    assert groups.labels == ("t2", "t1", "t10")
    assert_array_equal(groups.sizes, [2, 1, 1])


@pytest.mark.parametrize("labels", [["a", ""], ["a", "  "], ["a", None]])
def test_it_refuses_a_row_without_a_group(labels: list[str | None]) -> None:
    with pytest.raises(TwofoldError, match="groups: row 1 has no group label"):
        Groups.from_labels(labels)


def test_it_refuses_labels_that_do_not_match_the_rows() -> None:
    with pytest.raises(TwofoldError, match="groups: 2 labels for 3 rows"):
        rwg([1.0, 2.0, 3.0], Groups.from_labels(["a", "b"]), 2.0)


def test_it_refuses_a_null_variance_that_is_not_positive() -> None:
    with pytest.raises(TwofoldError, match="null_variance"):
        rwg([1.0, 2.0], Groups.from_labels(["a", "a"]), 0.0)
    with pytest.raises(TwofoldError, match="low, high"):
        uniform_null_variance(3, 3)


answers = st.lists(
    st.tuples(
        st.sampled_from("abcd"),
        st.lists(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, np.nan]), min_size=3, max_size=3),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(answers)
def test_it_keeps_rwg_and_rwg_j_between_zero_and_one(rows: list[tuple[str, list[float]]]) -> None:
    groups = Groups.from_labels([label for label, _ in rows])
    x = np.array([values for _, values in rows])
    for result in (rwg(x, groups, 2.0), rwg_j(x, groups, 2.0)):
        defined = result.values[~np.isnan(result.values)]
        assert np.all((defined >= 0) & (defined <= 1))


@settings(max_examples=100, deadline=None)
@given(answers, st.randoms(use_true_random=False))
def test_it_gives_each_group_the_same_rwg_j_whatever_the_row_order(
    rows: list[tuple[str, list[float]]], random: Any
) -> None:
    shuffled = random.sample(rows, len(rows))
    before = rwg_j(np.array([v for _, v in rows]), Groups.from_labels([g for g, _ in rows]), 2.0)
    after_groups = Groups.from_labels([g for g, _ in shuffled])
    after = rwg_j(np.array([v for _, v in shuffled]), after_groups, 2.0)
    labels = Groups.from_labels([g for g, _ in rows]).labels
    order = [after_groups.labels.index(label) for label in labels]
    assert_allclose(after.values[order], before.values, rtol=1e-12, atol=1e-15)


@settings(max_examples=100, deadline=None)
@given(answers)
def test_it_gives_each_scale_the_rwg_j_it_has_alone(rows: list[tuple[str, list[float]]]) -> None:
    groups = Groups.from_labels([label for label, _ in rows])
    x = np.array([values for _, values in rows])
    together = rwg_j(x, groups, 2.0, [[1, 0], [1, 0], [0, 1]])
    assert_allclose(together.values[:, 0], rwg_j(x[:, :2], groups, 2.0).values[:, 0], rtol=1e-12)
    assert_allclose(together.values[:, 1], rwg_j(x[:, 2:], groups, 2.0).values[:, 0], rtol=1e-12)


@settings(max_examples=100, deadline=None)
@given(answers, st.integers(1, 8))
def test_it_gives_the_same_moments_whatever_the_run_of_rows_worked_at_once(
    rows: list[tuple[str, list[float]]], run_rows: int
) -> None:
    groups = Groups.from_labels([label for label, _ in rows])
    x = np.array([values for _, values in rows])
    whole = group_moments(x, ~np.isnan(x), groups)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(agreement, "RUN_ROWS", run_rows)
        in_runs = group_moments(x, ~np.isnan(x), groups)
    for got, want in zip(in_runs, whole, strict=True):
        assert_allclose(got, want, rtol=1e-13, atol=1e-15, equal_nan=True)


def test_it_works_whole_groups_in_each_run() -> None:
    groups = Groups.from_labels(["a", "b", "a", "c", "b", "a"])
    runs = [(which, rows.tolist()) for which, rows, _ in groups.runs(2)]
    # a (3 rows) exceeds a run of 2 but is never split; b fills the next run, c the last.
    assert runs == [(slice(0, 1), [0, 2, 5]), (slice(1, 2), [1, 4]), (slice(2, 3), [3])]
