"""What a 360 report may show of its raters: group scores, with small groups withheld.

This is the one place where raters' scores are averaged for anyone to see. Every
page, API response, export and email of a 360 result shows what
:func:`release_rater_groups` returns and nothing else, so the rule that protects
raters is written, and tested, once.

The rules (docs/decisions/0007-rater-anonymity.md gives the reasons):

* A rater counts for a practice when they answered at least half of its
  questions, as in scoring; "Not observed" is not an answer.
* A group's score on a practice is shown only when at least *k* raters of the
  group count for it (*k* set per group by the :class:`AnonymityPolicy`). A
  group none of whose practices reaches *k* is withheld whole: no score, no
  count, only the threshold it missed.
* "All raters" pools every observer, except where that would let a reader
  subtract the shown groups from it and recover a withheld one: on a practice
  where the withheld raters together are fewer than the strictest threshold
  among their groups, "All raters" leaves them out.
* A group's composite is the mean of the group's shown practice scores, so it
  says nothing the practice scores do not.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from twofold.core.errors import TwofoldError
from twofold.core.instrument import Instrument
from twofold.core.scoring import ScoringKey, score

__all__ = [
    "ALL",
    "GROUPS",
    "MIN_ANONYMOUS",
    "OBSERVERS",
    "SELF",
    "AnonymityPolicy",
    "GroupRelease",
    "RaterRelease",
    "release_rater_groups",
]

SELF, MANAGER, PEERS, DIRECT_REPORTS, OTHERS, ALL = (
    "self",
    "manager",
    "peers",
    "direct_reports",
    "others",
    "all",
)
#: The groups a 360 report shows, in the order it shows them.
GROUPS = (SELF, MANAGER, PEERS, DIRECT_REPORTS, OTHERS, ALL)
#: Everyone who rates the participant; "all raters" is their union.
OBSERVERS = (MANAGER, PEERS, DIRECT_REPORTS, OTHERS)
#: The smallest group that can be anonymous: one rater is never anonymous.
MIN_ANONYMOUS = 2

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_DEFAULT_SCORES = MappingProxyType({MANAGER: 1, PEERS: 3, DIRECT_REPORTS: 3, OTHERS: 3, ALL: 4})


@dataclass(frozen=True)
class AnonymityPolicy:
    """How many raters a group needs before its scores, or its comments, are shown.

    The defaults follow the published practice of 360 providers: three peers,
    three direct reports, three others, four raters in all. The manager is one
    person whom the participant knows; a threshold of 1 shows the manager's
    scores as they are, labelled as not anonymous.

    Raises
    ------
    TwofoldError
        If a group is missing or unknown, an anonymous group's threshold is below
        :data:`MIN_ANONYMOUS`, or a comment threshold is below its score threshold.
    """

    scores: Mapping[str, int] = field(default_factory=lambda: dict(_DEFAULT_SCORES))
    comments: Mapping[str, int] = field(default_factory=lambda: dict(_DEFAULT_SCORES))

    def __post_init__(self) -> None:
        problems: list[str] = []
        wanted = set(GROUPS) - {SELF}
        for name, table in (("scores", self.scores), ("comments", self.comments)):
            if set(table) != wanted:
                problems.append(f"{name}: expected thresholds for {', '.join(sorted(wanted))}")
                continue
            for group, k in table.items():
                floor = 1 if group == MANAGER else MIN_ANONYMOUS
                if not isinstance(k, int) or isinstance(k, bool) or k < floor:
                    problems.append(f"{name}.{group}: expected a whole number of at least {floor}")
        if not problems:
            for group in wanted:
                if self.comments[group] < self.scores[group]:
                    problems.append(
                        f"comments.{group}: must be at least the score threshold "
                        f"({self.scores[group]}), since comments are easier to recognise"
                    )
        if problems:
            raise TwofoldError("anonymity policy: " + "; ".join(problems))

    def threshold(self, group: str) -> int:
        """Raters a group needs for its scores to be shown (1 for self)."""
        return 1 if group == SELF else self.scores[group]

    def is_anonymous(self, group: str) -> bool:
        """False for self, and for a manager shown from a single rater."""
        return group != SELF and self.threshold(group) >= MIN_ANONYMOUS


@dataclass(frozen=True, eq=False)
class GroupRelease:
    """One rater group as a report may show it.

    Attributes
    ----------
    group
        One of :data:`GROUPS`.
    withheld
        True when the group is not shown at all; every number below is then
        None or NaN.
    threshold
        The raters the group needed: a withheld group is explained by this alone.
    anonymous
        False for self and a manager shown from one rater: label it so.
    n
        Raters who count for at least one shown practice; None when withheld.
    counts
        ``(s,)`` raters who count for each practice, 0 where it is not shown.
    scales
        ``(s,)`` the group's mean practice scores; NaN where not shown.
    composites
        ``(c,)`` means of the group's shown practice scores; NaN where fewer
        than half of a composite's practices are shown.
    pooled_withheld
        For "all raters": True for each practice where the raters of withheld
        groups are part of the pool.
    """

    group: str
    withheld: bool
    threshold: int
    anonymous: bool
    n: int | None
    counts: IntArray
    scales: FloatArray
    composites: FloatArray
    pooled_withheld: npt.NDArray[np.bool_] | None = None


@dataclass(frozen=True, eq=False)
class RaterRelease:
    """Every group of one participant's 360, in :data:`GROUPS` order."""

    key: ScoringKey
    groups: tuple[GroupRelease, ...]

    def group(self, name: str) -> GroupRelease:
        for release in self.groups:
            if release.group == name:
                return release
        raise KeyError(name)


def release_rater_groups(
    instrument: Instrument,
    responses: npt.ArrayLike,
    groups: Sequence[str],
    policy: AnonymityPolicy | None = None,
) -> RaterRelease:
    """The rater groups of one participant's 360, with everything unsafe withheld.

    Parameters
    ----------
    instrument
        The instrument the raters answered.
    responses
        ``(n, k)`` answers, one row per rater (the participant's own row
        included); NaN is unanswered or "Not observed".
    groups
        The group of each row: ``"self"`` (at most one row) or one of
        :data:`OBSERVERS`.
    policy
        The thresholds; :class:`AnonymityPolicy` defaults when omitted.

    Returns
    -------
    RaterRelease
        One :class:`GroupRelease` per group in :data:`GROUPS`, present or not.

    Raises
    ------
    TwofoldError
        If a group is unknown, or more than one row is the participant's own.

    Notes
    -----
    A group's practice score is the mean of its counting raters' scale scores,
    computed exactly: each rater's score is a fraction whose denominator
    divides :math:`L = \\mathrm{lcm}(1, \\dots, k_{max})`, so :math:`L` times it is
    a whole number, and the mean is one division of two whole numbers.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=a1,a2", 1, 5)
    >>> answers = [[4, 4], [5, 5], [2, 3], [3, 3], [5, 4], [1, 1]]
    >>> groups = ["self", "manager", "peers", "peers", "peers", "others"]
    >>> release = release_rater_groups(inst, answers, groups)
    >>> release.group("peers").scales.tolist(), release.group("others").withheld
    ([3.3333333333333335], True)
    >>> release.group("all").scales.tolist()  # the lone other is left out: (5 + 10) / 4
    [3.75]
    """
    policy = AnonymityPolicy() if policy is None else policy
    labels = np.asarray(list(groups), dtype=object)
    matrix = np.asarray(responses, dtype=np.float64)
    _check(labels, matrix)
    scored = score(instrument, matrix)
    unit = math.lcm(*range(1, max(len(s.items) for s in instrument.scales) + 1))
    present = ~np.isnan(scored.scales)
    # Each rater's score times `unit` is a whole number, so sums of them are exact.
    numerators = np.rint(np.where(present, scored.scales, 0.0) * unit).astype(np.int64)
    member = {g: labels == g for g in (SELF, *OBSERVERS)}
    counts = {g: present[rows].sum(axis=0) for g, rows in member.items()}
    shown = {g: counts[g] >= policy.threshold(g) for g in member}
    # On each practice, the raters of the groups that do not show it, and the
    # strictest threshold among those groups: pooled into "all raters" only when
    # they are at least that many, else subtracting the shown groups from "all
    # raters" would reveal them.
    hidden = {g: (counts[g] > 0) & ~shown[g] for g in OBSERVERS}
    hidden_n = np.sum([np.where(hidden[g], counts[g], 0) for g in OBSERVERS], axis=0)
    strictest = np.max([np.where(hidden[g], policy.threshold(g), 0) for g in OBSERVERS], axis=0)
    pooled = (hidden_n > 0) & (hidden_n >= strictest)
    observers = np.isin(labels, OBSERVERS)
    # Which cells each observer contributes to "all raters".
    contributes = present & observers[:, None]
    for g in OBSERVERS:
        contributes[member[g]] &= ~hidden[g] | pooled
    everyone = contributes.sum(axis=0)
    share = _Share(instrument, scored.key, policy, unit)
    releases = [
        share.release(g, present & member[g][:, None], numerators, shown[g]) for g in member
    ]
    whole = share.release(
        ALL, contributes, numerators, everyone >= policy.threshold(ALL), pooled=pooled
    )
    return RaterRelease(scored.key, (*releases, whole))


def _check(labels: npt.NDArray[np.object_], matrix: FloatArray) -> None:
    unknown = sorted({str(g) for g in labels} - {SELF, *OBSERVERS})
    if unknown:
        raise TwofoldError(
            f"groups: unknown group {', '.join(unknown)}; expected one of "
            f"{', '.join((SELF, *OBSERVERS))}"
        )
    if matrix.ndim != 2 or matrix.shape[0] != labels.size:
        raise TwofoldError(
            f"responses: expected one row per rater ({labels.size}), got shape {matrix.shape}"
        )
    if int((labels == SELF).sum()) > 1:
        raise TwofoldError("groups: more than one row is the participant's own ('self')")


@dataclass(frozen=True)
class _Share:
    """What every group's release needs: the instrument, its key, the policy, the unit."""

    instrument: Instrument
    key: ScoringKey
    policy: AnonymityPolicy
    unit: int

    def release(
        self,
        group: str,
        counted: npt.NDArray[np.bool_],
        numerators: IntArray,
        shown: npt.NDArray[np.bool_],
        pooled: npt.NDArray[np.bool_] | None = None,
    ) -> GroupRelease:
        """A group from the cells its raters count in (``counted``), keeping only ``shown``.

        ``counted`` is raters × practices: True where the rater's score enters the
        group's mean.
        """
        s, c = len(self.key.scale_ids), len(self.key.composite_ids)
        threshold = self.policy.threshold(group)
        anonymous = self.policy.is_anonymous(group)
        if not shown.any():
            nothing = np.zeros(s, dtype=np.int64)
            return GroupRelease(
                group,
                True,
                threshold,
                anonymous,
                None,
                nothing,
                np.full(s, np.nan),
                np.full(c, np.nan),
            )
        counts = counted.sum(axis=0)
        sums = np.where(counted, numerators, 0).sum(axis=0)
        exact = [
            Fraction(int(sums[j]), int(counts[j]) * self.unit) if shown[j] else None
            for j in range(s)
        ]
        composites = [
            _composite([exact[self.key.scale_ids.index(ref)] for ref in composite.scales])
            for composite in self.instrument.composites
        ]
        return GroupRelease(
            group=group,
            withheld=False,
            threshold=threshold,
            anonymous=anonymous,
            n=int((counted[:, shown]).any(axis=1).sum()),
            counts=np.where(shown, counts, 0),
            scales=np.array([math.nan if v is None else float(v) for v in exact]),
            composites=np.array(composites, dtype=np.float64),
            pooled_withheld=None if pooled is None else pooled & shown,
        )


def _composite(values: list[Fraction | None]) -> float:
    """The exact mean of the shown practice scores, if at least half are shown."""
    known = [v for v in values if v is not None]
    if not known or len(known) < 0.5 * len(values):
        return math.nan
    return float(sum(known, Fraction(0)) / len(known))
