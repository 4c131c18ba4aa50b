"""Releasing a participant's results again: nothing withheld may follow by difference.

The property tests play the attacker with everything every release showed: each
shown score is a linear equation in the raters' unknown scores (the attacker
knows who is in which group, and who joined in which release), and a withheld
group's mean, or one rater's score, follows when it is in the span of those
equations. The insider also knows their own scores. Comments are matched by
their text, so their attacker tells comments apart by the lists they appear in.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from tests.core.tiny import three_practices_definition

from twofold.core.anonymity import ALL, MIN_ANONYMOUS, OBSERVERS, SELF, AnonymityPolicy
from twofold.core.anonymity.releases import (
    ADDED,
    COMMENTS,
    SCORES,
    SET_APART,
    ReleaseVerdict,
    judge_release,
)
from twofold.core.errors import TwofoldError
from twofold.core.instrument import instrument_from_keys, parse_instrument

NAN = np.nan
DEFAULTS = {"manager": 1, "peers": 3, "direct_reports": 3, "others": 3, "all": 4}


THREE = parse_instrument(three_practices_definition())
ONE = instrument_from_keys("A=a1,a2", 1, 5)


def _rows(*rows: tuple[str, int, list[float]]) -> tuple[np.ndarray, list[str], list[int]]:
    """(group, release, answers) per rater as the three arguments of judge_release."""
    return (
        np.array([answers for _, _, answers in rows], dtype=float),
        [group for group, _, _ in rows],
        [cohort for _, cohort, _ in rows],
    )


def _judge(*rows: tuple[str, int, list[float]], policy: AnonymityPolicy | None = None):
    answers, labels, cohorts = _rows(*rows)
    return judge_release(ONE, answers, labels, cohorts, max(cohorts), policy)


def _policy(scores: dict[str, int], comments: dict[str, int] | None = None) -> AnonymityPolicy:
    return AnonymityPolicy(scores=scores, comments=comments or scores)


# The classic attacks ----------------------------------------------------------


def test_it_refuses_a_release_that_adds_one_peer() -> None:
    first = [
        ("manager", 1, [5, 5]),
        ("peers", 1, [2, 2]),
        ("peers", 1, [3, 3]),
        ("peers", 1, [4, 4]),
    ]
    verdict = _judge(*first, ("peers", 2, [1, 1]))
    assert not verdict.allowed
    (concern,) = [c for c in verdict.concerns if c.about == SCORES]
    assert (concern.kind, concern.group, concern.raters, concern.needed) == (ADDED, "peers", 1, 3)
    assert concern.text == (
        "1 peer answered since the last release; the report can change only when at least 3 have."
    )
    # Why: four times the new peers' mean less three times the old is the newcomer's score.
    before = _judge(*first).release.group("peers").scales[0]
    after = verdict.release.group("peers").scales[0]
    assert 4 * after - 3 * before == pytest.approx(1.0, abs=1e-12)


def test_it_allows_a_release_that_adds_three_peers() -> None:
    verdict = _judge(
        ("manager", 1, [5, 5]),
        *[("peers", 1, [p, p]) for p in (2, 3, 4)],
        *[("peers", 2, [p, p]) for p in (1, 2, 5)],
    )
    assert verdict.allowed
    assert verdict.concerns == ()
    assert verdict.release.group("peers").n == 6


def test_it_says_in_plain_words_how_many_answered_and_how_many_must() -> None:
    verdict = _judge(*[("peers", 1, [3, 3])] * 3, *[("peers", 2, [4, 4])] * 2)
    assert [c.text for c in verdict.concerns if c.about == SCORES] == [
        "2 peers answered since the last release; the report can change only when at least 3 have."
    ]


def test_it_refuses_a_rater_moving_out_of_the_pool() -> None:
    # Release 1: the lone other and two direct reports are withheld, but three
    # together, so "all raters" pools them. Release 2: a third direct report
    # makes their group shown, and the other, alone now, leaves the pool.
    first = [
        ("manager", 1, [5, 5]),
        ("peers", 1, [3, 3]),
        ("peers", 1, [3, 3]),
        ("peers", 1, [3, 3]),
        ("others", 1, [1, 1]),
        ("direct_reports", 1, [4, 4]),
        ("direct_reports", 1, [2, 2]),
    ]
    verdict = _judge(*first, ("direct_reports", 2, [5, 5]))
    assert not verdict.allowed
    apart = [c for c in verdict.concerns if c.kind == SET_APART and c.about == SCORES]
    assert [(c.group, c.raters) for c in apart] == [(ALL, 1)]
    # Why: the third direct report, knowing their own score, recovers the other's.
    one = _judge(*first).release
    two = verdict.release
    pool = 7 * one.group(ALL).scales[0] - 5 - 3 * one.group("peers").scales[0]  # o + d1 + d2
    d1_d2 = 3 * two.group("direct_reports").scales[0] - 5.0  # minus their own score
    assert pool - d1_d2 == pytest.approx(1.0, abs=1e-12)


def test_it_refuses_to_withhold_all_raters_where_an_earlier_release_showed_them() -> None:
    # Two peers and two others pooled into "all raters" (4), then a third peer
    # is shown as a group: the others leave the pool and "all raters" is too small.
    verdict = _judge(
        ("peers", 1, [2, 2]),
        ("peers", 1, [3, 3]),
        ("others", 1, [4, 4]),
        ("others", 1, [5, 5]),
        ("peers", 2, [1, 1]),
    )
    assert verdict.release.group(ALL).withheld
    assert (SET_APART, ALL, 4) in [(c.kind, c.group, c.raters) for c in verdict.concerns]


def test_it_shows_a_withheld_group_once_it_is_large_enough() -> None:
    # Two direct reports, too few and too few to pool, then a third.
    verdict = _judge(
        ("manager", 1, [5, 5]),
        *[("peers", 1, [3, 3])] * 3,
        ("direct_reports", 1, [2, 2]),
        ("direct_reports", 1, [4, 4]),
        ("direct_reports", 2, [3, 3]),
    )
    assert verdict.allowed
    assert verdict.release.group("direct_reports").scales.tolist() == [3.0]


def test_it_lets_a_manager_join_on_their_own() -> None:
    # A manager is shown from one rater, labelled as not anonymous.
    verdict = _judge(("manager", 1, [5, 5]), *[("peers", 1, [3, 3])] * 3, ("manager", 2, [2, 2]))
    assert verdict.allowed


def test_it_refuses_comments_that_would_change_by_fewer_than_their_threshold() -> None:
    scores = {**DEFAULTS}
    policy = _policy(scores, {**scores, "peers": 4})
    verdict = _judge(
        ("manager", 1, [5, 5]),
        *[("peers", 1, [3, 3])] * 4,
        *[("peers", 2, [4, 4])] * 3,
        policy=policy,
    )
    assert [(c.about, c.kind, c.group, c.raters, c.needed) for c in verdict.concerns] == [
        (COMMENTS, ADDED, "peers", 3, 4)
    ]
    assert verdict.concerns[0].practices == ()
    assert verdict.concerns[0].text == (
        "3 peers answered since the last release; their comments can change only when "
        "at least 4 have."
    )


def test_it_refuses_to_break_up_a_pool_of_comments_shown_before() -> None:
    # Release 1 pools the comments of two peers and two others (4 of groups
    # needing 3). A direct report, whose comments need 6, joins the small
    # groups: 5 are too few for the strictest of them, so no list is shown.
    # Nothing is shown by difference yet, but once three more peers are shown
    # as a group, their list less the pool would be the two others' comments.
    policy = _policy({**DEFAULTS}, {**DEFAULTS, "direct_reports": 6})
    unanswered = [NAN, NAN]
    first = [(g, 1, unanswered) for g in ("peers", "peers", "others", "others")]
    verdict = _judge(*first, ("direct_reports", 2, unanswered), policy=policy)
    assert [(c.kind, c.about, c.group, c.raters) for c in verdict.concerns] == [
        (SET_APART, COMMENTS, ALL, 4)
    ]
    assert "could reveal their comments" in verdict.concerns[0].text


def test_it_names_the_practices_where_too_few_were_added() -> None:
    # Three peers join, but one of them did not observe practice b.
    answers, labels, cohorts = _rows(
        *[("peers", 1, [3, 3, 3, 3, 3, 3])] * 3,
        ("peers", 2, [4, 4, 4, 4, 4, 4]),
        ("peers", 2, [2, 2, 2, 2, 2, 2]),
        ("peers", 2, [5, 5, NAN, NAN, 5, 5]),
    )
    verdict = judge_release(THREE, answers, labels, cohorts, 2)
    (concern,) = verdict.concerns
    assert concern.practices == ("B",)
    assert concern.text.endswith("at least 3 have (on b).")


def test_it_allows_a_release_with_nobody_new() -> None:
    answers, labels, cohorts = _rows(("manager", 1, [5, 5]), ("peers", 1, [1, 1]))
    verdict = judge_release(ONE, answers, labels, cohorts, 2)
    assert verdict.allowed
    assert verdict.number == 2


@pytest.mark.parametrize(
    ("cohorts", "number", "message"),
    [
        ([1], 1, "one release number per row"),
        ([1, 3], 2, "from 1 to 2"),
        ([0, 1], 1, "from 1 to 1"),
        ([1, 1], 0, "at least 1"),
    ],
)
def test_it_refuses_cohorts_that_do_not_fit(cohorts: list[int], number: int, message: str) -> None:
    with pytest.raises(TwofoldError, match=message):
        judge_release(ONE, [[1, 1], [2, 2]], ["peers", "peers"], cohorts, number)


def test_it_tells_which_raters_entered_each_shown_score() -> None:
    answers, labels, _ = _rows(
        ("self", 1, [4, 4, 4, 4, 4, 4]),
        ("manager", 1, [5, 5, 5, 5, 5, 5]),
        ("peers", 1, [2, 2, NAN, NAN, 2, 2]),
        ("peers", 1, [3, 3, 3, 3, 3, 3]),
        ("peers", 1, [4, 4, 4, 4, 4, 4]),
        ("others", 1, [1, 1, 1, 1, 1, 1]),
    )
    release = judge_release(THREE, answers, labels, [1] * 6, 1).release
    no, yes = False, True
    assert release.group(SELF).entered.tolist() == [[yes] * 3] + [[no] * 3] * 5
    # Practice B: two peers only, so the peers' score is withheld there.
    assert release.group("peers").entered.tolist() == (
        [[no] * 3] * 2 + [[yes, no, yes]] * 3 + [[no] * 3]
    )
    assert not release.group("others").entered.any()
    # "All raters" leaves the lone other out on A and C; on B the two withheld
    # peers and the other are three together, enough to pool.
    assert release.group(ALL).entered.T.tolist() == [
        [no, yes, yes, yes, yes, no],
        [no, yes, no, yes, yes, yes],
        [no, yes, yes, yes, yes, no],
    ]


# The attacker -------------------------------------------------------------------

# Arithmetic modulo a prime larger than any minor of a 0/1 matrix of this size
# (Hadamard's bound for 40 × 40 is below 2^100), so ranks are exactly the
# rational ranks: no rounding, as in the scores themselves.
PRIME = 2**127 - 1


def _reduced(rows: list[list[int]]) -> list[list[int]]:
    """The reduced row echelon form of ``rows``, modulo PRIME."""
    m = [[x % PRIME for x in row] for row in rows]
    width = len(m[0]) if m else 0
    rank = 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(m)) if m[i][col]), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        inverse = pow(m[rank][col], PRIME - 2, PRIME)
        m[rank] = [x * inverse % PRIME for x in m[rank]]
        for i in range(len(m)):
            if i != rank and m[i][col]:
                f = m[i][col]
                m[i] = [(a - f * b) % PRIME for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
    return m[:rank]


def _follows(reduced: list[list[int]], target: list[int]) -> bool:
    """True when ``target`` is in the span of the reduced rows."""
    left = [x % PRIME for x in target]
    for row in reduced:
        col = next(i for i, x in enumerate(row) if x)
        if left[col]:
            f = left[col]
            left = [(a - f * b) % PRIME for a, b in zip(left, row, strict=True)]
    return not any(left)


def _known_alone(reduced: list[list[int]]) -> set[int]:
    """Unknowns that follow on their own: rows of the reduced form with one entry."""
    return {next(i for i, x in enumerate(row) if x) for row in reduced if sum(map(bool, row)) == 1}


def _cells(verdict_release, present: np.ndarray, labels: np.ndarray, rows: np.ndarray, j: int):
    """The attacker's equations on practice j: which raters each shown score averages.

    Worked out from what the attacker knows (groups, who counts where, which
    groups were withheld and whether "all raters" pooled them), and checked
    against the counts shown.
    """
    cells = []
    pooled = verdict_release.group(ALL).pooled_withheld
    for group in (*OBSERVERS, ALL):
        shown = verdict_release.group(group)
        if np.isnan(shown.scales[j]):
            continue
        if group == ALL:
            counted = rows & present[:, j] & np.isin(labels, OBSERVERS)
            for other in OBSERVERS:
                hidden = np.isnan(verdict_release.group(other).scales[j])
                if hidden and not (pooled is not None and pooled[j]):
                    counted &= labels != other
        else:
            counted = rows & present[:, j] & (labels == group)
        assert counted.sum() == shown.counts[j] >= shown.threshold
        cells.append(counted)
    return cells


def _composites_add_nothing(release) -> None:
    """A composite is the mean of its group's shown practice scores: no new equation."""
    for group in release.groups:
        if not np.isnan(group.composites[0]):
            shown = group.scales[~np.isnan(group.scales)]
            assert group.composites[0] == pytest.approx(shown.mean(), abs=1e-12)


@st.composite
def _policies(draw: st.DrawFn, low: int = MIN_ANONYMOUS) -> AnonymityPolicy:
    """Any policy whose anonymous thresholds are at least ``low``."""
    scores = {
        "manager": draw(st.sampled_from([1, 2] if low < 3 else [1, 3])),
        "peers": draw(st.integers(low, 4)),
        "direct_reports": draw(st.integers(low, 4)),
        "others": draw(st.integers(low, 4)),
        "all": draw(st.integers(low, 6)),
    }
    return _policy(scores, {g: k + draw(st.integers(0, 1)) for g, k in scores.items()})


@st.composite
def _scenarios(draw: st.DrawFn, low: int = MIN_ANONYMOUS):
    """Raters released over two or three releases, with a policy and their answers.

    Later releases add, to each group, none, a few, or about as many raters as
    the group's threshold, so that many of them are allowed.
    """
    policy = draw(_policies(low))
    releases = draw(st.integers(2, 3))
    labels: list[str] = []
    cohorts: list[int] = []
    first = {"manager": 2, "peers": 5, "direct_reports": 4, "others": 4}
    for group, most in first.items():
        labels += [group] * draw(st.integers(0, most))
    cohorts += [1] * len(labels)
    for cohort in range(2, releases + 1):
        for group in first:
            k = max(policy.threshold(group), policy.comments[group])
            count = draw(
                st.sampled_from([0, 0, 1, 2, k, k, k + 1])
                if group != "manager"
                else st.integers(0, 1)
            )
            labels += [group] * count
            cohorts += [cohort] * count
    own = draw(st.integers(0, releases))  # the release with the participant's own answers
    if own:
        labels.append(SELF)
        cohorts.append(own)
    answer = st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, 1.0, 2.0, 3.0, 4.0, 5.0, NAN])
    answers = np.array(
        [draw(st.lists(answer, min_size=6, max_size=6)) for _ in labels], dtype=float
    ).reshape(len(labels), 6)
    return answers, np.array(labels, dtype=object), np.array(cohorts), policy


def _every_release_allowed(answers, labels, cohorts, policy) -> list[ReleaseVerdict] | None:
    """The verdicts of releases 1, 2, …, or None when one of them was refused."""
    verdicts = []
    for t in range(1, int(cohorts.max()) + 1):
        rows = cohorts <= t
        verdict = judge_release(THREE, answers[rows], list(labels[rows]), cohorts[rows], t, policy)
        if t == 1:
            assert verdict.allowed  # one release alone is always safe
        if not verdict.allowed:
            event(f"release {t} refused")
            return None
        verdicts.append(verdict)
    event(f"{len(verdicts)} releases allowed")
    return verdicts


def _equations(verdicts, answers, labels, cohorts, j: int) -> list[list[int]]:
    present = ~np.isnan(answers.reshape(len(labels), 3, 2)).all(axis=2)  # 1 of 2 is half
    rows = []
    for t, verdict in enumerate(verdicts, start=1):
        _composites_add_nothing(verdict.release)
        for cell in _cells(verdict.release, present, labels, cohorts <= t, j):
            rows.append(cell.astype(int).tolist())
    return rows


@settings(max_examples=200)
@given(_scenarios())
def test_no_two_releases_reveal_a_withheld_group_or_an_anonymous_rater(scenario) -> None:
    answers, labels, cohorts, policy = scenario
    if not labels.size or (verdicts := _every_release_allowed(*scenario)) is None:
        return
    present = ~np.isnan(answers.reshape(len(labels), 3, 2)).all(axis=2)
    n = labels.size
    for j in range(3):
        reduced = _reduced(_equations(verdicts, answers, labels, cohorts, j))
        alone = _known_alone(reduced)
        for t, verdict in enumerate(verdicts, start=1):
            for group in OBSERVERS:
                withheld = (labels == group) & present[:, j] & (cohorts <= t)
                if withheld.any() and np.isnan(verdict.release.group(group).scales[j]):
                    assert not _follows(reduced, withheld.astype(int).tolist()), (t, group, j)
        for r in range(n):
            if labels[r] != SELF and policy.is_anonymous(labels[r]) and present[r, j]:
                assert r not in alone, (labels[r], r, j)
        assert all(0 <= r < n for r in alone)


@settings(max_examples=150)
@given(_scenarios(low=3))
def test_an_insider_learns_no_one_else_from_two_releases(scenario) -> None:
    # With thresholds of 3 or more, a rater who knows their own scores still
    # cannot work out anyone else's. (A threshold of 2 shows a pair's mean,
    # which each of the pair can undo even in one release.)
    answers, labels, cohorts, policy = scenario
    if not labels.size or (verdicts := _every_release_allowed(*scenario)) is None:
        return
    present = ~np.isnan(answers.reshape(len(labels), 3, 2)).all(axis=2)
    anonymous = [
        r for r in range(labels.size) if labels[r] != SELF and policy.is_anonymous(labels[r])
    ]
    for j in range(3):
        equations = _equations(verdicts, answers, labels, cohorts, j)
        for insider in (r for r in anonymous if present[r, j]):
            own = [int(c == insider) for c in range(labels.size)]
            alone = _known_alone(_reduced([*equations, own]))
            others = [r for r in anonymous if r != insider and present[r, j]]
            assert not alone.intersection(others), (insider, j)


@settings(max_examples=200)
@given(_scenarios())
def test_no_comment_can_be_narrowed_to_fewer_raters_than_its_group_needs(scenario) -> None:
    _, labels, cohorts, policy = scenario
    if not labels.size or _every_release_allowed(*scenario) is None:
        return
    # Each rater writes one comment of their own; the attacker sees, for every
    # comment, the lists it appears in, and knows everyone's group and release.
    seen: dict[int, tuple[str | bool | None, ...]] = dict.fromkeys(range(labels.size), ())
    for t in range(1, int(cohorts.max()) + 1):
        released = cohorts <= t
        size = {g: int((released & (labels == g)).sum()) for g in OBSERVERS}
        small = [g for g in OBSERVERS if 0 < size[g] < policy.comments[g]]
        pooled = bool(small) and sum(size[g] for g in small) >= max(
            policy.comments[g] for g in small
        )
        for r in range(labels.size):
            g = labels[r]
            shown = g in OBSERVERS and released[r] and size[g] >= policy.comments[g]
            in_pool = g in small and released[r] and pooled
            seen[r] += (g if shown else None, in_pool)
    for r, where in seen.items():
        if not any(where) or policy.comments[labels[r]] < MIN_ANONYMOUS:
            continue
        candidates = [s for s, other in seen.items() if other == where]
        anonymous = [s for s in candidates if policy.comments[labels[s]] >= MIN_ANONYMOUS]
        assert len(anonymous) >= policy.comments[labels[r]], (labels[r], r)


@settings(max_examples=300)
@given(_scenarios())
def test_the_previous_release_alone_judges_as_every_release_does(scenario) -> None:
    # After a release the database keeps only which answers the latest
    # release holds, not which release first held each: release t is then
    # judged with every earlier rater as one of release t - 1. It must allow
    # exactly what judging beside every release allows, release after release.
    answers, labels, cohorts, policy = scenario
    for t in range(2, int(cohorts.max(initial=1)) + 1):
        rows = cohorts <= t
        args = (THREE, answers[rows], list(labels[rows]))
        every = judge_release(*args, cohorts[rows], t, policy)
        previous = judge_release(*args, np.where(cohorts[rows] == t, t, t - 1), t, policy)
        assert previous.number == t
        assert previous.allowed == every.allowed, (t, every.concerns, previous.concerns)
        if not every.allowed:
            event(f"release {t} refused")
            return
    event("every release allowed")


@given(_policies(), st.integers(2, 3), st.data())
def test_it_allows_every_group_to_grow_by_at_least_its_threshold(
    policy: AnonymityPolicy, releases: int, data: st.DataObject
) -> None:
    # The rule is no stricter than it must be in the usual case: everyone
    # observes everything, and each group joins or grows by enough raters.
    labels: list[str] = []
    cohorts: list[int] = []
    for cohort in range(1, releases + 1):
        for group in OBSERVERS:
            k = max(policy.threshold(group), policy.comments[group])
            count = data.draw(st.sampled_from([0, k, k + 1]))
            labels += [group] * count
            cohorts += [cohort] * count
    answers = data.draw(
        st.lists(
            st.lists(st.integers(1, 5), min_size=6, max_size=6),
            min_size=len(labels),
            max_size=len(labels),
        )
    )
    for t in range(1, releases + 1):
        rows = [r for r, c in enumerate(cohorts) if c <= t]
        verdict = judge_release(
            THREE,
            np.array([answers[r] for r in rows], dtype=float).reshape(len(rows), 6),
            [labels[r] for r in rows],
            [cohorts[r] for r in rows],
            t,
            policy,
        )
        assert verdict.allowed, verdict.concerns
