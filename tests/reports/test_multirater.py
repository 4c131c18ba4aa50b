"""A 360 report built from raters' answers: what it shows, whose scores drive it, what it hides."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twofold.content import builtin_instrument
from twofold.core.anonymity import CHANGE, STRENGTH, AnonymityPolicy
from twofold.reports.model import Report
from twofold.reports.multirater import build_360_report

TLMI = builtin_instrument("tlmi")
K = len(TLMI.item_ids)
SCALES = [s.id for s in TLMI.scales]


def _by_practice(values: dict[str, float]) -> list[float]:
    """Answers giving each practice its own value (every item of the practice alike)."""
    return [values[scale.id] for scale in TLMI.scales for _ in scale.items]


def _floats(value: object) -> list[float]:
    """Every float anywhere in a report, however deep."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            f for field in dataclasses.fields(value) for f in _floats(getattr(value, field.name))
        ]
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, list | tuple):
        return [f for v in value for f in _floats(v)]
    if isinstance(value, float):
        return [value]
    return []


def _strings(value: object) -> list[str]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            s for field in dataclasses.fields(value) for s in _strings(getattr(value, field.name))
        ]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _report(rows: list[tuple[str, list[float], dict[str, str | None]]], **kwargs: Any) -> Report:
    answers = np.array([r for _, r, _ in rows], dtype=float)
    return build_360_report(
        TLMI, answers, [g for g, _, _ in rows], [c for _, _, c in rows], seed=5, **kwargs
    )


def _team() -> list[tuple[str, list[float], dict[str, str | None]]]:
    """Self 4, manager 5, peers 3, 4 and 5 (mean 4), and two direct reports at 1 and 2."""
    return [
        ("self", [4.0] * K, {}),
        ("manager", [5.0] * K, {STRENGTH: "Clear"}),
        ("peers", [3.0] * K, {STRENGTH: "Kind"}),
        ("peers", [4.0] * K, {CHANGE: "Listen"}),
        ("peers", [5.0] * K, {}),
        ("direct_reports", [1.0] * K, {STRENGTH: "HIDDEN-ONE"}),
        ("direct_reports", [2.0] * K, {CHANGE: "HIDDEN-TWO"}),
    ]


def test_it_gives_every_group_its_practice_and_composite_scores() -> None:
    report = _report(_team())
    groups = {g.group: g for g in report.rater_groups}
    assert [g.group for g in report.shown_groups] == ["self", "manager", "peers", "all"]
    assert set(groups["peers"].scales) == set(SCALES)
    assert set(groups["peers"].scales.values()) == {4.0}
    assert groups["peers"].composites == {"leadership": 4.0, "management": 4.0}
    # All raters: manager 5 and peers 3, 4, 5 (the two direct reports too few to pool).
    assert groups["all"].n == 4
    assert groups["all"].composites == {"leadership": 4.25, "management": 4.25}


def test_a_withheld_group_has_no_number_anywhere_in_the_report() -> None:
    report = _report(_team())
    reports = next(g for g in report.rater_groups if g.group == "direct_reports")
    assert reports.withheld
    assert reports.n is None
    assert "Fewer than 3 direct reports answered" in reports.withheld_text
    # Their scores (1.0, 2.0) and mean (1.5) are nowhere, nor is what they wrote.
    for number in _floats(report):
        assert all(not math.isclose(number, x, abs_tol=1e-9) for x in (1.0, 1.5, 2.0)), number
    assert not any("HIDDEN" in s for s in _strings(report))


def test_it_picks_strengths_and_development_areas_from_all_raters_where_shown() -> None:
    # The raters see Planning at its best and Envisioning at its worst; the
    # participant sees it the other way round.
    self_view = dict.fromkeys(SCALES, 3.0) | {"envisioning": 5.0, "planning": 1.0}
    raters = dict.fromkeys(SCALES, 3.0) | {"envisioning": 2.0, "planning": 5.0}
    rows = [("self", _by_practice(self_view), {})]
    rows += [(g, _by_practice(raters), {}) for g in ("manager", "peers", "peers", "peers")]
    report = _report(rows, n_strengths=1, n_development=1)
    assert report.basis == "all"
    assert [p.id for p in report.strengths] == ["planning"]
    assert [a.practice.id for a in report.development] == ["envisioning"]
    assert "raters" in report.summary[0]
    assert report.multirater is not None
    assert "all your raters" in report.multirater.basis_text


def test_it_falls_back_on_the_participants_own_scores_without_all_raters() -> None:
    self_view = dict.fromkeys(SCALES, 3.0) | {"envisioning": 5.0, "planning": 1.0}
    rows = [("self", _by_practice(self_view), {}), ("peers", [4.0] * K, {})]
    report = _report(rows, n_strengths=1, n_development=1)
    assert report.basis == "self"
    assert [p.id for p in report.strengths] == ["envisioning"]
    assert [a.practice.id for a in report.development] == ["planning"]
    assert report.multirater is not None
    assert report.multirater.categories == ()
    assert "own ratings" in report.multirater.basis_text


def test_it_marks_gaps_larger_than_their_margin_only() -> None:
    # Self 4.0 everywhere; raters 5.0 on Planning (hidden strength), 3.0 on
    # Envisioning (blind spot), 3 and 4 on Aligning (3.5: within the 0.66 margin).
    raters = dict.fromkeys(SCALES, 4.0) | {"planning": 5.0, "envisioning": 3.0}
    rows = [("self", [4.0] * K, {})]
    rows += [
        (g, _by_practice(raters | {"aligning": a}), {})
        for g, a in (("manager", 3.0), ("peers", 3.0), ("peers", 4.0), ("peers", 4.0))
    ]
    report = _report(rows)
    assert report.multirater is not None
    gaps = {g.practice_id: g for g in report.multirater.gaps}
    assert gaps["envisioning"].kind == "blind_spot"
    assert gaps["planning"].kind == "hidden_strength"
    assert gaps["aligning"].kind == ""
    assert gaps["envisioning"].margin == pytest.approx(1.959963984540054 * 0.3 * math.sqrt(1.25))
    assert "+1.0" in gaps["envisioning"].text
    assert "0.7" in gaps["envisioning"].text
    assert [g.practice_id for g in report.multirater.marked_gaps] == ["envisioning", "planning"]


def test_it_never_calls_a_gap_larger_than_a_margin_it_shows_as_equal() -> None:
    # Raters at 10/3 (shown 3.3) against self 4.0: a gap of 2/3 is beyond the
    # margin of 0.657, but both are shown as 0.7, so the report does not say "more".
    raters = [3.0 if i % 3 else 4.0 for i in range(K)]
    rows = [("self", [4.0] * K, {})]
    rows += [(g, raters, {}) for g in ("manager", "peers", "peers", "peers")]
    report = _report(rows)
    assert report.multirater is not None
    assert {g.kind for g in report.multirater.gaps} == {""}


def test_it_places_each_composite_in_a_self_other_category() -> None:
    report = _report(_team())
    assert report.multirater is not None
    categories = {c.composite_id: c for c in report.multirater.categories}
    # Self 4.0, raters 4.25: within 1.96 × 0.16 × √1.25 = 0.35, and at or above 3.5.
    assert categories["leadership"].category == "in_agreement_good"
    assert categories["leadership"].name == "In agreement: good"
    assert "4.0 and 4.3" in categories["leadership"].text


def test_it_notes_where_raters_disagree_widely() -> None:
    split = dict.fromkeys(SCALES, 3.0)
    rows = [("self", [3.0] * K, {}), ("manager", _by_practice(split), {})]
    low = split | {"planning": 1.0}
    high = split | {"planning": 5.0}
    rows += [("peers", _by_practice(low), {}), ("peers", _by_practice(high), {})]
    rows += [("peers", _by_practice(low), {})]
    report = _report(rows)
    assert report.multirater is not None
    wide = report.multirater.wide_disagreement
    assert [a.practice_id for a in wide] == ["planning"]
    assert "disagree widely about Planning" in wide[0].text


def test_it_gives_comments_by_group_in_topic_order() -> None:
    rows = _team()
    rows[2] = ("peers", [3.0] * K, {"direction": "Sees far", STRENGTH: "Kind"})
    report = _report(rows)
    assert report.multirater is not None
    comments = {c.group: c for c in report.multirater.comments}
    assert list(comments) == ["manager", "peers", "direct_reports", "others"]
    assert not comments["manager"].anonymous
    peers = comments["peers"]
    assert [t.title for t in peers.topics] == [
        "Direction",
        "Greatest strength",
        "The one change that would help most",
    ]
    assert comments["direct_reports"].withheld
    assert comments["direct_reports"].topics == ()
    assert comments["direct_reports"].withheld_text == (
        "Fewer than 3 direct reports answered, so their comments are not shown."
    )


def test_it_shows_a_pool_of_small_groups_comments_when_they_are_enough_together() -> None:
    rows = [*_team(), ("others", [3.0] * K, {STRENGTH: "Helpful"})]
    report = _report(rows)
    assert report.multirater is not None
    pool = next(c for c in report.multirater.comments if c.group == "all")
    said = sorted(c for t in pool.topics for c in t.comments)
    assert said == ["HIDDEN-ONE", "HIDDEN-TWO", "Helpful"]
    assert "too small to be shown on their own" in pool.text
    reports = next(c for c in report.multirater.comments if c.group == "direct_reports")
    assert reports.withheld_text.endswith(
        "not shown as a group: any they wrote are among the comments put together below."
    )


def test_a_stricter_policy_withholds_more_and_pools_what_it_safely_can() -> None:
    # Manager (1 of 2), peers (3 of 4) and direct reports (2 of 3) are all withheld;
    # together six, as many as the strictest (4) needs, so "all raters" keeps them.
    thresholds = {"manager": 2, "peers": 4, "direct_reports": 3, "others": 3, "all": 4}
    policy = AnonymityPolicy(scores=thresholds, comments=thresholds)
    report = _report(_team(), policy=policy)
    assert [g.group for g in report.shown_groups] == ["self", "all"]
    assert report.shown_groups[1].n == 6
    assert report.basis == "all"


@settings(max_examples=30, deadline=None)
@given(
    data=st.lists(
        st.tuples(
            st.sampled_from(["manager", "peers", "direct_reports", "others"]),
            st.integers(1, 5),
        ),
        max_size=9,
    ),
    own=st.integers(1, 5),
)
def test_a_withheld_group_shows_no_number_whatever_the_answers(
    data: list[tuple[str, int]], own: int
) -> None:
    rows = [("self", [float(own)] * K, {})] + [(g, [float(v)] * K, {}) for g, v in data]
    report = _report(rows)
    for group in report.withheld_groups:
        assert group.n is None
        assert set(group.scales.values()) <= {None}
        assert set(group.composites.values()) <= {None}


def test_it_leaves_out_a_group_nobody_was_asked_in_and_names_one_that_fell_short() -> None:
    rows = np.vstack([np.full(K, 4.0), np.full((5, K), 3.0)])
    groups = ["self", "manager", "peers", "peers", "peers", "direct_reports"]
    report = build_360_report(
        TLMI,
        rows,
        groups,
        [{}] * 6,
        seed=1,
        asked={"self", "manager", "peers", "direct_reports"},
    )
    named = [g.group for g in report.rater_groups]
    assert named == ["self", "manager", "peers", "direct_reports", "all"]
    assert [g.group for g in report.withheld_groups] == ["direct_reports"]
    assert report.multirater is not None
    assert "others" not in [c.group for c in report.multirater.comments]


@pytest.mark.parametrize(
    ("rows", "groups"),
    [
        (np.empty((0, K)), []),  # nobody answered, not even the participant
        (np.full((1, K), 4.0), ["self"]),  # only the participant
        (np.full((2, K), 3.0), ["peers", "peers"]),  # raters, all withheld
    ],
)
def test_a_report_with_no_rater_group_shown_is_built_and_says_so(
    rows: np.ndarray[Any, Any], groups: list[str]
) -> None:
    report = build_360_report(TLMI, rows, groups, [{}] * len(groups), seed=1)
    everyone = next(g for g in report.rater_groups if g.group == "all")
    assert everyone.withheld
    assert report.multirater is not None
    assert all(a.rwg is None for a in report.multirater.agreement)
