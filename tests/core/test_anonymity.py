"""Rater groups in a 360: small groups withheld, and nothing shown reveals them.

The property test plays the attacker: it writes every number a report shows as
a linear equation in the raters' unknown scores (it even assumes the attacker
knows which rater is in which group), and checks by rank that no withheld
group's mean and no anonymous rater's score follows from them.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.core.tiny import three_practices_definition

from twofold.core.anonymity import (
    ALL,
    OBSERVERS,
    SELF,
    AnonymityPolicy,
    RaterRelease,
    release_rater_groups,
)
from twofold.core.errors import TwofoldError
from twofold.core.instrument import instrument_from_keys, parse_instrument

NAN = np.nan


THREE = parse_instrument(three_practices_definition())


def _rows(*groups: tuple[str, list[list[float]]]) -> tuple[np.ndarray, list[str]]:
    answers: list[list[float]] = []
    labels: list[str] = []
    for group, rows in groups:
        answers += rows
        labels += [group] * len(rows)
    return np.array(answers, dtype=float), labels


def test_it_withholds_a_group_below_its_threshold_whole() -> None:
    answers, labels = _rows(
        ("self", [[4, 4, 4, 4, 4, 4]]),
        ("peers", [[2, 2, 3, 3, 4, 4], [3, 3, 4, 4, 5, 5]]),
        ("direct_reports", [[1, 1, 2, 2, 3, 3]] * 3),
    )
    release = release_rater_groups(THREE, answers, labels)
    peers = release.group("peers")
    assert peers.withheld
    assert peers.n is None
    assert peers.threshold == 3
    assert np.isnan(peers.scales).all()
    assert np.isnan(peers.composites).all()
    assert peers.counts.tolist() == [0, 0, 0]
    reports = release.group("direct_reports")
    assert not reports.withheld
    assert reports.n == 3
    assert reports.scales.tolist() == [1.0, 2.0, 3.0]
    assert reports.composites.tolist() == [2.0]


def test_it_shows_the_manager_alone_as_not_anonymous() -> None:
    answers, labels = _rows(("self", [[4] * 6]), ("manager", [[5, 5, 3, 3, 1, 1]]))
    manager = release_rater_groups(THREE, answers, labels).group("manager")
    assert not manager.withheld
    assert not manager.anonymous
    assert manager.scales.tolist() == [5.0, 3.0, 1.0]


def test_it_leaves_a_lone_withheld_rater_out_of_all_raters() -> None:
    # Manager 5, three peers averaging 3, one other at 1: with the other in "all
    # raters", (all × 5 − manager − 3 × peers) would be the other's own score.
    answers, labels = _rows(
        ("manager", [[5] * 6]),
        ("peers", [[2] * 6, [3] * 6, [4] * 6]),
        ("others", [[1] * 6]),
    )
    everyone = release_rater_groups(THREE, answers, labels).group(ALL)
    assert everyone.n == 4
    assert everyone.scales.tolist() == [3.5, 3.5, 3.5]  # (5 + 2 + 3 + 4) / 4
    assert everyone.pooled_withheld is not None
    assert not everyone.pooled_withheld.any()


def test_it_pools_withheld_groups_that_are_together_large_enough() -> None:
    # Two peers and two others, each too few alone, are four together: their
    # mean is as anonymous as a group of three, so "all raters" keeps them.
    answers, labels = _rows(
        ("peers", [[2] * 6, [3] * 6]),
        ("others", [[4] * 6, [5] * 6]),
    )
    release = release_rater_groups(THREE, answers, labels)
    assert release.group("peers").withheld
    assert release.group("others").withheld
    everyone = release.group(ALL)
    assert everyone.n == 4
    assert everyone.scales.tolist() == [3.5, 3.5, 3.5]
    assert everyone.pooled_withheld is not None
    assert everyone.pooled_withheld.all()


def test_it_pools_withheld_raters_only_as_many_as_their_strictest_group_needs() -> None:
    # Peers need four and others two. Two peers and one other are three: enough
    # for the others' rule but not the peers', so the three stay out of "all raters"
    # (which would otherwise reveal the mean of a pool holding two peers).
    thresholds = {"manager": 1, "peers": 4, "direct_reports": 3, "others": 2, "all": 3}
    policy = AnonymityPolicy(scores=thresholds, comments=thresholds)
    answers, labels = _rows(
        ("peers", [[2] * 6, [3] * 6]),
        ("others", [[4] * 6]),
        ("direct_reports", [[5] * 6] * 3),
    )
    everyone = release_rater_groups(THREE, answers, labels, policy).group(ALL)
    assert everyone.n == 3
    assert everyone.scales.tolist() == [5.0, 5.0, 5.0]


def test_it_withholds_one_practice_that_too_few_raters_could_observe() -> None:
    # Three peers, but only two rated practice B (one chose "Not observed" twice).
    answers, labels = _rows(("peers", [[4, 4, 4, 4, 4, 4]] * 2 + [[2, 2, NAN, NAN, 2, 2]]))
    peers = release_rater_groups(THREE, answers, labels).group("peers")
    assert not peers.withheld
    assert peers.counts.tolist() == [3, 0, 3]
    assert peers.scales[0] == pytest.approx(10 / 3)
    assert np.isnan(peers.scales[1])
    assert peers.composites[0] == pytest.approx(10 / 3)  # mean of the two shown practices


def test_a_group_short_on_one_practice_is_pooled_there_only_with_enough_others() -> None:
    # A case from a trial: manager, three peers, two direct reports (withheld
    # whole) and three others, one of whom could not rate practice A. On A the
    # others are two, too few: "all raters" pools them there only because the
    # two direct reports make the hidden raters four. On B and C the direct
    # reports alone are too few, so "all raters" leaves them out, and shows
    # manager, peers and others. Subtracting the shown groups from "all raters"
    # on A gives the mean of the four hidden raters, never the two others'.
    answers, labels = _rows(
        ("manager", [[3] * 6]),
        ("peers", [[4] * 6] * 3),
        ("direct_reports", [[2] * 6, [5] * 6]),
        ("others", [[NAN, NAN, 3, 3, 3, 3], [1] * 6, [4] * 6]),
    )
    release = release_rater_groups(THREE, answers, labels)
    others, everyone = release.group("others"), release.group(ALL)
    assert others.counts.tolist() == [0, 3, 3]
    assert np.isnan(others.scales[0])
    assert everyone.counts.tolist() == [8, 7, 7]
    assert everyone.pooled_withheld is not None
    assert everyone.pooled_withheld.tolist() == [True, False, False]
    assert everyone.scales[0] == pytest.approx((3 + 12 + 2 + 5 + 1 + 4) / 8)
    assert everyone.scales[1] == pytest.approx((3 + 12 + 3 + 1 + 4) / 7)
    present = ~np.isnan(answers.reshape(len(labels), 3, 2)).all(axis=2)
    equations = _equations(release, present, labels)
    two_others = np.zeros(present.shape)
    two_others[[7, 8], 0] = 0.5
    assert not _determined(equations, two_others.ravel())


def test_it_computes_group_means_exactly() -> None:
    # Practice scores of 7/3, 8/3 and 7/3 average to exactly 22/9.
    inst = instrument_from_keys("A=i0,i1,i2", 1, 5)
    answers, labels = _rows(("peers", [[2, 2, 3], [3, 3, 2], [2, 3, 2]]))
    assert release_rater_groups(inst, answers, labels).group("peers").scales[0] == 22 / 9


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"manager": 1, "peers": 1, "direct_reports": 3, "others": 3, "all": 4}, "peers"),
        ({"manager": 0, "peers": 3, "direct_reports": 3, "others": 3, "all": 4}, "manager"),
        ({"peers": 3}, "expected thresholds"),
    ],
)
def test_it_refuses_a_policy_that_would_not_protect_anyone(
    scores: dict[str, int], message: str
) -> None:
    with pytest.raises(TwofoldError, match=message):
        AnonymityPolicy(scores=scores, comments=scores)


def test_it_refuses_comments_shown_from_fewer_raters_than_scores() -> None:
    scores = {"manager": 1, "peers": 3, "direct_reports": 3, "others": 3, "all": 4}
    with pytest.raises(TwofoldError, match=r"comments\.peers"):
        AnonymityPolicy(scores=scores, comments={**scores, "peers": 2})


def test_it_refuses_two_rows_of_the_participant() -> None:
    answers, labels = _rows(("self", [[4] * 6, [3] * 6]))
    with pytest.raises(TwofoldError, match="more than one"):
        release_rater_groups(THREE, answers, labels)


# The attacker ------------------------------------------------------------------


def _equations(release: RaterRelease, present: np.ndarray, labels: list[str]) -> np.ndarray:
    """Every shown number as a row of coefficients on the raters' unknown scores.

    The unknowns are x[r, j], rater r's score on practice j, for every rater who
    counts on j. The attacker knows each group's count on each practice, so a
    shown mean is a known linear combination of them; composites are means of
    shown practice means.
    """
    n, s = present.shape
    group_of = np.array(labels)
    rows = []
    for group in release.groups:
        if group.withheld:
            continue
        members = np.ones(n, bool) if group.group == ALL else group_of == group.group
        if group.group == ALL:
            members = np.isin(group_of, OBSERVERS)
        cells = []
        for j in range(s):
            if np.isnan(group.scales[j]):
                cells.append(None)
                continue
            counted = present[:, j] & members
            if group.group == ALL:
                counted &= _in_all(release, present, labels, j)
            assert counted.sum() == group.counts[j]
            assert group.counts[j] >= group.threshold  # no shown number stands alone
            row = np.zeros((n, s))
            row[counted, j] = 1.0 / counted.sum()
            cells.append(row)
            rows.append(row.ravel())
        shown = [c for c in cells if c is not None]
        if shown and not np.isnan(group.composites[0]):
            rows.append((sum(shown) / len(shown)).ravel())
    return np.array(rows) if rows else np.zeros((0, n * s))


def _in_all(release: RaterRelease, present: np.ndarray, labels: list[str], j: int) -> np.ndarray:
    """Raters that "all raters" counts on practice j: observers, less unpooled withheld cells."""
    group_of = np.array(labels)
    keep = np.isin(group_of, OBSERVERS)
    pooled = release.group(ALL).pooled_withheld
    for group in OBSERVERS:
        shown = release.group(group)
        hidden = np.isnan(shown.scales[j]) and (present[group_of == group, j]).any()
        if hidden and not (pooled is not None and pooled[j]):
            keep &= group_of != group
    return keep


def _determined(equations: np.ndarray, target: np.ndarray) -> bool:
    if equations.size == 0:
        return False
    rank = np.linalg.matrix_rank(equations)
    return bool(np.linalg.matrix_rank(np.vstack([equations, target])) == rank)


group_sizes = st.fixed_dictionaries(
    {
        "self": st.integers(0, 1),
        "manager": st.integers(0, 2),
        "peers": st.integers(0, 5),
        "direct_reports": st.integers(0, 5),
        "others": st.integers(0, 4),
    }
)
policies = st.builds(
    lambda manager, peers, reports, others, everyone: AnonymityPolicy(
        scores=(
            thresholds := {
                "manager": manager,
                "peers": peers,
                "direct_reports": reports,
                "others": others,
                "all": everyone,
            }
        ),
        comments=thresholds,
    ),
    st.integers(1, 2),
    st.integers(2, 4),
    st.integers(2, 4),
    st.integers(2, 4),
    st.integers(2, 6),
)


@given(group_sizes, policies, st.data())
def test_no_shown_number_reveals_a_withheld_group_or_an_anonymous_rater(
    sizes: dict[str, int], policy: AnonymityPolicy, data: st.DataObject
) -> None:
    labels = [group for group, count in sizes.items() for _ in range(count)]
    if not labels:
        return
    answer = st.one_of(st.integers(1, 5).map(float), st.just(NAN))
    answers = np.array(
        [data.draw(st.lists(answer, min_size=6, max_size=6)) for _ in labels], dtype=float
    )
    release = release_rater_groups(THREE, answers, labels, policy)
    present = ~np.isnan(answers.reshape(len(labels), 3, 2)).all(axis=2)  # 1 of 2 is half
    equations = _equations(release, present, labels)
    n, s = present.shape
    group_of = np.array(labels)
    for group in OBSERVERS:
        members = group_of == group
        for j in range(s):
            counted = members & present[:, j]
            shown = release.group(group)
            if counted.any() and np.isnan(shown.scales[j]):
                target = np.zeros((n, s))
                target[counted, j] = 1.0 / counted.sum()
                assert not _determined(equations, target.ravel()), (group, j)
        if not policy.is_anonymous(group):
            continue
        for r in np.flatnonzero(members):
            for j in np.flatnonzero(present[r]):
                target = np.zeros((n, s))
                target[r, j] = 1.0
                assert not _determined(equations, target.ravel()), (group, int(r), int(j))
    assert release.group(SELF).anonymous is False
