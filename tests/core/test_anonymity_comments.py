"""Raters' comments in a 360: shown by group at threshold, pooled safely, shuffled.

The property test reads the release as a reader would who knows which list
belongs to which group (and, worse, how many raters each group had): every
comment it can see must be attributable only to a group at its threshold, or
to a pool too large and too mixed to point at one small group.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twofold.core.anonymity import (
    ALL,
    CHANGE,
    OBSERVERS,
    STRENGTH,
    AnonymityPolicy,
    CommentRelease,
    release_comments,
)
from twofold.core.errors import TwofoldError

TOPICS = ("direction", "change", STRENGTH, CHANGE)  # a domain may be called "change"


def _policy(**comments: int) -> AnonymityPolicy:
    scores = {"manager": 1, "peers": 3, "direct_reports": 3, "others": 3, "all": 4}
    return AnonymityPolicy(scores=scores, comments={**scores, **comments})


def _said(texts: list[str], topic: str = STRENGTH) -> list[dict[str, str | None]]:
    return [{topic: text} for text in texts]


def _all_texts(release: CommentRelease, group: str) -> list[str]:
    return [text for texts in release.group(group).comments.values() for text in texts]


def test_it_shows_a_group_at_threshold_even_when_few_of_them_wrote() -> None:
    # Three peers submitted; one wrote a strength. The threshold counts raters, not
    # comments: counting writers would tell a reader who stayed silent.
    said: list[dict[str, str | None]] = [{STRENGTH: "Listens well"}, {}, {STRENGTH: "  "}]
    release = release_comments(said, ["peers"] * 3, seed=7)
    peers = release.group("peers")
    assert not peers.withheld
    assert peers.anonymous
    assert peers.comments == {STRENGTH: ("Listens well",)}


def test_it_withholds_a_group_below_threshold() -> None:
    release = release_comments(_said(["A", "B"]), ["peers", "peers"], seed=7)
    peers = release.group("peers")
    assert peers.withheld
    assert peers.threshold == 3
    assert peers.comments == {}
    assert release.group(ALL).withheld  # two peers alone are no pool


def test_it_pools_small_groups_that_reach_the_strictest_threshold_together() -> None:
    groups = ["peers", "peers", "others", "direct_reports", "direct_reports", "direct_reports"]
    said = _said(["P1", "P2", "O1", "D1", "D2", "D3"])
    release = release_comments(said, groups, seed=3)
    assert release.group("peers").withheld
    assert release.group("others").withheld
    assert sorted(_all_texts(release, "direct_reports")) == ["D1", "D2", "D3"]
    pool = release.group(ALL)
    assert not pool.withheld
    assert pool.threshold == 3
    # Only the small groups' comments: repeating the direct reports' would let a
    # reader take them away and see what the peers and the other wrote.
    assert sorted(_all_texts(release, ALL)) == ["O1", "P1", "P2"]


def test_it_drops_small_groups_that_together_miss_the_strictest_threshold() -> None:
    # Two peers (need 3) and two others (need 5): four raters, but the others'
    # rule asks for five, so nothing of either is shown.
    groups = ["peers", "peers", "others", "others"]
    release = release_comments(_said(["P1", "P2", "O1", "O2"]), groups, _policy(others=5), seed=3)
    pool = release.group(ALL)
    assert pool.withheld
    assert pool.threshold == 5
    assert pool.comments == {}


def test_it_shows_the_manager_alone_labelled_not_anonymous() -> None:
    release = release_comments(_said(["Clear goals"]), ["manager"], seed=1)
    manager = release.group("manager")
    assert not manager.withheld
    assert not manager.anonymous
    assert manager.comments == {STRENGTH: ("Clear goals",)}


def test_it_withholds_the_manager_when_the_policy_asks_for_more() -> None:
    release = release_comments(_said(["Clear goals"]), ["manager"], _policy(manager=2), seed=1)
    assert release.group("manager").withheld
    assert release.group("manager").anonymous
    assert _all_texts(release, ALL) == []


def test_it_ignores_the_participants_own_row() -> None:
    release = release_comments(_said(["Me", "A", "B", "C"]), ["self"] + ["peers"] * 3, seed=1)
    assert "Me" not in _all_texts(release, "peers")
    assert "Me" not in _all_texts(release, ALL)


def test_it_reads_the_same_for_the_same_seed() -> None:
    said = _said([f"comment {i}" for i in range(8)])
    first = release_comments(said, ["peers"] * 8, seed=42)
    again = release_comments(said, ["peers"] * 8, seed=42)
    assert first == again


def test_it_does_not_keep_the_order_of_answering() -> None:
    said = _said([f"comment {i}" for i in range(8)])
    orders = {
        release_comments(said, ["peers"] * 8, seed=seed).group("peers").comments[STRENGTH]
        for seed in range(10)
    }
    assert len(orders) > 1
    assert all(sorted(order) == sorted(t[STRENGTH] for t in said) for order in orders)


def test_it_shuffles_each_topic_on_its_own() -> None:
    # If every topic kept one order of raters, the third strength and the third
    # change would be known to come from the same person.
    said: list[dict[str, str | None]] = [{STRENGTH: f"s{i}", CHANGE: f"c{i}"} for i in range(6)]
    aligned = []
    for seed in range(10):
        comments = release_comments(said, ["peers"] * 6, seed=seed).group("peers").comments
        pairs = zip(comments[STRENGTH], comments[CHANGE], strict=True)
        aligned.append(all(s[1:] == c[1:] for s, c in pairs))
    assert not all(aligned)


def test_it_refuses_rows_without_a_group_and_unknown_groups() -> None:
    with pytest.raises(TwofoldError, match="one mapping per rater"):
        release_comments(_said(["A"]), ["peers", "peers"], seed=1)
    with pytest.raises(TwofoldError, match="unknown group boss"):
        release_comments(_said(["A"]), ["boss"], seed=1)


@st.composite
def _cases(draw: st.DrawFn) -> tuple[list[dict[str, str | None]], list[str], AnonymityPolicy]:
    n = draw(st.integers(0, 14))
    groups = draw(st.lists(st.sampled_from(OBSERVERS), min_size=n, max_size=n))
    said: list[dict[str, str | None]] = []
    for i in range(n):
        topics = draw(st.lists(st.sampled_from(TOPICS), unique=True, max_size=len(TOPICS)))
        said.append({topic: f"rater {i} on {topic}" for topic in topics})
    scores = {
        "manager": draw(st.integers(1, 2)),
        "peers": draw(st.integers(2, 4)),
        "direct_reports": draw(st.integers(2, 4)),
        "others": draw(st.integers(2, 4)),
        "all": draw(st.integers(2, 5)),
    }
    comments = {g: k + draw(st.integers(0, 2)) for g, k in scores.items()}
    return said, groups, AnonymityPolicy(scores=scores, comments=comments)


@given(case=_cases(), seed=st.integers(0, 2**32 - 1))
def test_no_shown_comment_can_be_attributed_to_a_group_below_its_threshold(
    case: tuple[list[dict[str, str | None]], list[str], AnonymityPolicy], seed: int
) -> None:
    said, groups, policy = case
    release = release_comments(said, groups, policy, seed=seed)
    size = Counter(groups)
    author = {text: g for c, g in zip(said, groups, strict=True) for text in c.values() if text}
    small = {g for g in OBSERVERS if 0 < size[g] < policy.comments[g]}
    for group in OBSERVERS:
        shown = _all_texts(release, group)
        if shown:
            # A group's own list: its raters are at threshold, and every text is theirs.
            assert size[group] >= policy.comments[group]
            assert {author[text] for text in shown} == {group}
        if size[group] >= policy.comments[group]:
            assert Counter(shown) == Counter(
                t for c, g in zip(said, groups, strict=True) if g == group for t in c.values()
            )
    pooled = _all_texts(release, ALL)
    if pooled:
        # The pool mixes only small groups, together as many as the strictest needs,
        # so a reader knows no more than "one of these groups" for each comment.
        assert {author[text] for text in pooled} <= small
        assert sum(size[g] for g in small) >= max(policy.comments[g] for g in small)
        assert len(small) >= 2
    # Nothing of a small group reaches a reader except through such a pool.
    everywhere = [t for g in (*OBSERVERS, ALL) for t in _all_texts(release, g)]
    for text in everywhere:
        if author[text] in small:
            assert text in pooled
    assert len(everywhere) == len(set(everywhere))
