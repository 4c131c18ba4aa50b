"""The rater groups of one participant's 360, with every unsafe number withheld."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from twofold.core.anonymity.policy import (
    ALL,
    OBSERVERS,
    SELF,
    AnonymityPolicy,
)
from twofold.core.errors import TwofoldError
from twofold.core.instrument import Instrument
from twofold.core.scoring import ScoringKey, score

__all__ = ["GroupRelease", "RaterRelease", "release_rater_groups"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


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
    entered
        ``(n, s)`` True where a rater's score entered a shown practice score,
        one row per row of the answers given; all False when withheld. Never
        for display: a later release of the same participant is judged by it
        (:func:`~twofold.core.anonymity.releases.judge_release`).
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
    entered: npt.NDArray[np.bool_]
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
                np.zeros_like(counted),
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
            entered=counted & shown,
            pooled_withheld=None if pooled is None else pooled & shown,
        )


def _composite(values: list[Fraction | None]) -> float:
    """The exact mean of the shown practice scores, if at least half are shown."""
    known = [v for v in values if v is not None]
    if not known or len(known) < 0.5 * len(values):
        return math.nan
    return float(sum(known, Fraction(0)) / len(known))
