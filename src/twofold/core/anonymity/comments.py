"""Raters' comments as a 360 report may show them: by group, shuffled, nameless.

Scores of a small group are hidden by withholding its mean; comments need more
care, because a comment is recognisable text, not a number. Three rules:

* A group's comments are shown only when at least ``policy.comments[group]``
  of its raters submitted, whether or not each wrote a comment: counting
  comment writers would let a reader learn who stayed silent.
* Groups below their threshold are pooled into one "all raters" list only when
  their raters together reach the strictest threshold among those groups;
  otherwise their comments are dropped. The pool holds *only* those groups'
  comments, never the shown groups' too: texts compare exactly, so a pool that
  repeated the shown comments would give the small group's comments by set
  difference.
* Every list is shuffled on its own (one group, one topic), from a seed, so
  neither the order of answering nor the same position in two topics ties
  comments to a rater.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from twofold.core.anonymity.policy import ALL, MIN_ANONYMOUS, OBSERVERS, SELF, AnonymityPolicy
from twofold.core.errors import TwofoldError

__all__ = ["CHANGE", "STRENGTH", "CommentRelease", "GroupComments", "release_comments"]

#: The two open questions' topics; every other topic is a domain id. A colon
#: never occurs in an instrument's ids, so no domain can take these names (the
#: TLMI has a domain called "change").
STRENGTH, CHANGE = "open:strength", "open:change"


@dataclass(frozen=True)
class GroupComments:
    """One group's comments as a report may show them.

    Attributes
    ----------
    group
        One of :data:`OBSERVERS`, or :data:`ALL` for the pool of the groups
        too small to be shown on their own.
    withheld
        True when nothing of the group is shown; ``comments`` is then empty.
        For :data:`ALL`, True when there is no pool.
    threshold
        The raters the group needed (for :data:`ALL`, the strictest threshold
        among the pooled groups, 0 when nothing was pooled).
    anonymous
        False for a manager shown from a single rater: label it so.
    comments
        Topic → the comments on it, shuffled; topics without a comment are left out.
    """

    group: str
    withheld: bool
    threshold: int
    anonymous: bool
    comments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class CommentRelease:
    """Every observer group's comments, in :data:`OBSERVERS` order, then the pool."""

    groups: tuple[GroupComments, ...]

    def group(self, name: str) -> GroupComments:
        for release in self.groups:
            if release.group == name:
                return release
        raise KeyError(name)


def release_comments(
    comments: Sequence[Mapping[str, str | None]],
    groups: Sequence[str],
    policy: AnonymityPolicy | None = None,
    *,
    seed: int,
) -> CommentRelease:
    """The comments of one participant's raters, with every unsafe list withheld.

    Parameters
    ----------
    comments
        One mapping per rater who submitted, topic → text (a domain id,
        :data:`STRENGTH` or :data:`CHANGE`); a missing, empty or blank text is
        no comment.
    groups
        The group of each rater: one of :data:`OBSERVERS`, or ``"self"``, whose
        row is ignored (the participant does not comment on themself).
    policy
        The thresholds (``policy.comments``); the defaults when omitted.
    seed
        Seeds the shuffle, so the same release always reads the same.

    Returns
    -------
    CommentRelease
        One :class:`GroupComments` per observer group, then the pool (:data:`ALL`).

    Raises
    ------
    TwofoldError
        If the two sequences differ in length, or a group is unknown.

    Notes
    -----
    With :math:`n_g` the raters of group :math:`g` and :math:`k_g` its comment
    threshold, group :math:`g` is shown when :math:`n_g \\ge k_g`. Let
    :math:`W = \\{g : 0 < n_g < k_g\\}`; the pool is shown when
    :math:`\\sum_{g \\in W} n_g \\ge \\max_{g \\in W} k_g`. Each small group is
    below its own threshold, so a pool that passes always mixes at least two
    groups, and no comment in it can be told to come from one of them.

    Examples
    --------
    >>> said = [{STRENGTH: "Calm"}, {STRENGTH: "Clear"}, {STRENGTH: "Kind"},
    ...         {STRENGTH: "Fair"}, {STRENGTH: "Bold"}]
    >>> release = release_comments(said, ["peers"] * 3 + ["others", "manager"], seed=1)
    >>> sorted(release.group("peers").comments[STRENGTH])
    ['Calm', 'Clear', 'Kind']
    >>> release.group("others").withheld, release.group("all").withheld
    (True, True)
    >>> release.group("manager").anonymous
    False
    """
    policy = AnonymityPolicy() if policy is None else policy
    if len(comments) != len(groups):
        raise TwofoldError(
            f"comments: expected one mapping per rater ({len(groups)}), got {len(comments)}"
        )
    unknown = sorted({str(g) for g in groups} - {SELF, *OBSERVERS})
    if unknown:
        raise TwofoldError(
            f"groups: unknown group {', '.join(unknown)}; expected one of "
            f"{', '.join((SELF, *OBSERVERS))}"
        )
    rng = np.random.default_rng(seed)
    pairs = list(zip(comments, groups, strict=True))
    raters = {g: [said for said, label in pairs if label == g] for g in OBSERVERS}
    shown = {g: len(raters[g]) >= policy.comments[g] for g in OBSERVERS}
    small = [g for g in OBSERVERS if raters[g] and not shown[g]]
    strictest = max((policy.comments[g] for g in small), default=0)
    pooled = bool(small) and sum(len(raters[g]) for g in small) >= strictest
    released = [
        GroupComments(
            group=g,
            withheld=not shown[g],
            threshold=policy.comments[g],
            anonymous=policy.comments[g] >= MIN_ANONYMOUS,
            comments=_shuffled(raters[g], rng) if shown[g] else {},
        )
        for g in OBSERVERS
    ]
    pool = [c for g in small for c in raters[g]] if pooled else []
    released.append(
        GroupComments(
            group=ALL,
            withheld=not pooled,
            threshold=strictest,
            anonymous=True,
            comments=_shuffled(pool, rng),
        )
    )
    return CommentRelease(tuple(released))


def _shuffled(
    raters: list[Mapping[str, str | None]], rng: np.random.Generator
) -> dict[str, tuple[str, ...]]:
    """Topic → the raters' non-blank texts, each topic in an order of its own."""
    by_topic: dict[str, list[str]] = {}
    for said in raters:
        for topic, text in said.items():
            if text is not None and text.strip():
                by_topic.setdefault(topic, []).append(text.strip())
    return {
        topic: tuple(texts[i] for i in rng.permutation(len(texts)))
        for topic, texts in sorted(by_topic.items())
    }
