"""Whether a participant's results may be released again, read beside the earlier releases.

A campaign may be re-opened after its results were released, and released
again. Anyone who kept the first report can then subtract it from the second:
if the two differ by one rater, the difference is that rater's answers. This
module decides whether a new release is safe, before it is made.

Raters are only ever added between releases: once released, an answer is tied
to no one, so nothing can take it out again. Release *t* is computed from every
rater released in releases 1 to *t*.

The rule (docs/decisions/0017-releasing-a-campaign.md gives the reasons):

* Every shown number of every release is a mean over a set of raters (a
  *cell*: one group, or "all raters", on one practice; or one group's
  comments, or the pool of comments of groups too small to show). On each
  practice, sort the raters by the cells they enter, across all the releases:
  raters who enter exactly the same cells form a *block*. Whatever a reader
  computes from the shown numbers, by sums and differences, is made of whole
  blocks. So a release is allowed only when every block is as large as the
  strictest threshold among its raters' groups: a block of peers holds at
  least as many peers as the policy asks for a peers' score. The same holds
  for comments, which a reader can match by their text.
* A cell shown before must be computed from the same raters and more in the
  new release. Only "all raters", when the pooling of withheld groups into it
  changes, and the pooled comments of small groups can break this; then the
  raters left out are refused outright.

In practice: raters added since the last release must be none, or at least
their group's threshold, on every practice where their group is shown; and
raters of withheld groups who were pooled into "all raters", or whose
comments were pooled, must stay pooled together.

Because of the second point, every cell of every allowed release holds the
same raters in every later one: the cells of releases 1 to *n* − 1 are each
within a cell of release *n* − 1. Judging release *n* beside release *n* − 1
alone, with every earlier rater counted as one of it, therefore allows and
refuses the same releases as judging it beside them all (a property test
checks it). That is what lets a release forget which release each answer
came from (docs/decisions/0017-releasing-a-campaign.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twofold.core.anonymity.groups import RaterRelease, release_rater_groups
from twofold.core.anonymity.policy import (
    ALL,
    DIRECT_REPORTS,
    GROUPS,
    MANAGER,
    MIN_ANONYMOUS,
    OBSERVERS,
    OTHERS,
    PEERS,
    AnonymityPolicy,
)
from twofold.core.errors import TwofoldError
from twofold.core.instrument import Instrument

__all__ = ["ADDED", "COMMENTS", "SCORES", "SET_APART", "Concern", "ReleaseVerdict", "judge_release"]

BoolArray = npt.NDArray[np.bool_]

#: Kinds of concern: raters who answered since the last release would stand
#: apart (ADDED), or raters of earlier releases would be counted differently (SET_APART).
ADDED, SET_APART = "added", "set_apart"
#: What a concern is about: the group scores, or the comments.
SCORES, COMMENTS = "scores", "comments"

_NAMES = {
    MANAGER: ("manager", "managers"),
    PEERS: ("peer", "peers"),
    DIRECT_REPORTS: ("direct report", "direct reports"),
    OTHERS: ("other rater", "other raters"),
    ALL: ("rater of groups too small to show", "raters of groups too small to show"),
}


@dataclass(frozen=True)
class Concern:
    """One way the new release, read beside the earlier ones, could reveal raters.

    Attributes
    ----------
    kind
        :data:`ADDED`: raters who answered since the last release would be
        told apart from the others as a set smaller than their group needs.
        :data:`SET_APART`: raters of earlier releases would be counted
        differently now (a change in the pooling of withheld groups into "all
        raters"), so comparing the releases could single them out.
    about
        :data:`SCORES` or :data:`COMMENTS`.
    group
        The raters' group; :data:`ALL` when they come from several groups.
    raters
        How many raters would be told apart.
    needed
        How many there must be at least, for :data:`ADDED`; None for :data:`SET_APART`.
    practices
        Ids of the practices where this happens, in the instrument's order;
        empty for comments.
    text
        The concern in plain words.
    """

    kind: str
    about: str
    group: str
    raters: int
    needed: int | None
    practices: tuple[str, ...]
    text: str


@dataclass(frozen=True, eq=False)
class ReleaseVerdict:
    """Whether release ``number`` may be made, and what it would show.

    Attributes
    ----------
    number
        The release judged (1 for the first).
    release
        What the release would show, from every rater of releases 1 to ``number``.
    concerns
        Why it may not be made; empty when it may.
    """

    number: int
    release: RaterRelease
    concerns: tuple[Concern, ...]

    @property
    def allowed(self) -> bool:
        return not self.concerns


def judge_release(
    instrument: Instrument,
    responses: npt.ArrayLike,
    groups: Sequence[str],
    cohorts: Sequence[int],
    number: int,
    policy: AnonymityPolicy | None = None,
) -> ReleaseVerdict:
    """Whether release ``number`` of one participant is safe beside releases 1 to ``number - 1``.

    Parameters
    ----------
    instrument
        The instrument the raters answered.
    responses
        ``(n, k)`` answers, one row per response set of releases 1 to
        ``number`` (the participant's own included), as for
        :func:`~twofold.core.anonymity.release_rater_groups`.
    groups
        The group of each row.
    cohorts
        The release that first included each row: 1 to ``number``; the rows
        of the release judged carry ``number``. Releases that no row carries
        are left out (they showed the same as the one before), so the rows of
        earlier releases may all carry ``number - 1``: the verdict allows and
        refuses as it would with each row's own release (see the module's notes).
    number
        The release judged.
    policy
        The campaign's thresholds, the same for every release;
        :class:`AnonymityPolicy` defaults when omitted.

    Returns
    -------
    ReleaseVerdict
        Allowed when no concern was found; a first release always is.

    Raises
    ------
    TwofoldError
        If the rows, groups and cohorts do not match, or a cohort is not
        between 1 and ``number``.

    Notes
    -----
    Let :math:`C` be the cells shown by releases :math:`1..t` on practice
    :math:`j`, each a set of raters whose scores it averages (the attacker
    knows each cell's count, so a mean is a sum). Two raters are in the same
    block when they belong to exactly the same cells. Every cell is a union of
    blocks, so every sum a reader can form from the cells is constant on each
    block: it cannot single out less than a block. A block is safe when its
    anonymous raters number at least :math:`\\max k_g` over their groups
    :math:`g`; then a withheld group, always smaller than its :math:`k_g`, is
    no union of blocks and follows from nothing shown, and neither does one
    rater. With thresholds of 3 or more, a rater who knows their own answers
    still faces blocks of at least two others.

    References
    ----------
    Denning, D. E., Denning, P. J., & Schwartz, M. D. (1979). The tracker: A
    threat to statistical database security. *ACM Transactions on Database
    Systems*, 4(1), 76–96.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=a1,a2", 1, 5)
    >>> answers = [[5, 5], [2, 3], [3, 3], [5, 4], [4, 4]]
    >>> groups = ["manager", "peers", "peers", "peers", "peers"]
    >>> verdict = judge_release(inst, answers, groups, [1, 1, 1, 1, 2], 2)
    >>> verdict.allowed
    False
    >>> print(verdict.concerns[0].text)
    1 peer answered since the last release; the report can change only when at least 3 have.
    """
    policy = AnonymityPolicy() if policy is None else policy
    labels = np.asarray(list(groups), dtype=object)
    matrix = np.asarray(responses, dtype=np.float64)
    cohort = _cohorts(cohorts, labels.size, number)
    steps = sorted({*cohort.tolist(), number})
    releases = [_release(instrument, matrix, labels, policy, cohort <= t) for t in steps]
    newest = releases[-1][0]
    found = _Findings(instrument, policy, labels, cohort == number)
    for j, practice in enumerate(newest.key.scale_ids):
        on_j = [{g: entered[:, j] for g, entered in cells.items()} for _, cells in releases]
        left_out = _left_out(on_j)
        for group, raters in left_out.items():
            found.add(SET_APART, SCORES, group, raters, None, practice)
        cells = np.array([entered for step in on_j for entered in step.values()])
        for block in _blocks(cells):
            found.block(SCORES, block, policy.threshold, practice, skip_set_apart=bool(left_out))
    comment_steps = [_comment_cells(labels, cohort <= t, policy) for t in steps]
    comments_left_out = _left_out(comment_steps)
    for group, raters in comments_left_out.items():
        found.add(SET_APART, COMMENTS, group, raters, None, None)
    comment_cells = np.array([cell for step in comment_steps for cell in step.values()])
    for block in _blocks(comment_cells):
        found.block(
            COMMENTS,
            block,
            lambda g: policy.comments[g],
            None,
            skip_set_apart=bool(comments_left_out),
        )
    return ReleaseVerdict(number, newest, found.concerns())


def _cohorts(cohorts: Sequence[int], n: int, number: int) -> npt.NDArray[np.int64]:
    cohort = np.asarray(list(cohorts), dtype=np.int64)
    if number < 1:
        raise TwofoldError(f"number: expected a release number of at least 1, got {number}")
    if cohort.shape != (n,):
        raise TwofoldError(f"cohorts: expected one release number per row ({n}), got {cohort.size}")
    if cohort.size and (cohort.min() < 1 or cohort.max() > number):
        raise TwofoldError(f"cohorts: expected release numbers from 1 to {number}")
    return cohort


def _release(
    instrument: Instrument,
    matrix: npt.NDArray[np.float64],
    labels: npt.NDArray[np.object_],
    policy: AnonymityPolicy,
    rows: BoolArray,
) -> tuple[RaterRelease, dict[str, BoolArray]]:
    """One release of the rows in ``rows``, and each observer cell's raters among all rows."""
    release = release_rater_groups(instrument, matrix[rows], list(labels[rows]), policy)
    cells: dict[str, BoolArray] = {}
    for group in (*OBSERVERS, ALL):
        entered = np.zeros((labels.size, len(release.key.scale_ids)), dtype=bool)
        entered[rows] = release.group(group).entered
        cells[group] = entered
    return release, cells


def _left_out(steps: list[dict[str, BoolArray]]) -> dict[str, int]:
    """Per cell, raters of a cell shown before whom the same cell of the new release leaves out.

    ``steps`` holds each release's cells, oldest first, each the raters it
    counts (all False when it is not shown).
    """
    newest = steps[-1]
    left: dict[str, int] = {}
    for cells in steps[:-1]:
        for group, entered in cells.items():
            out = int((entered & ~newest[group]).sum())
            if out:
                left[group] = max(left.get(group, 0), out)
    return left


def _blocks(cells: npt.NDArray[np.bool_]) -> list[list[int]]:
    """Rows that enter exactly the same cells (rows of ``cells``), for rows in any cell."""
    blocks: dict[bytes, list[int]] = {}
    if cells.size:
        for r in np.flatnonzero(cells.any(axis=0)):
            blocks.setdefault(cells[:, r].tobytes(), []).append(int(r))
    return list(blocks.values())


def _comment_cells(
    labels: npt.NDArray[np.object_], rows: BoolArray, policy: AnonymityPolicy
) -> dict[str, BoolArray]:
    """The raters behind each comment list one release shows, by group; the pool as ``ALL``.

    A group's comments are shown when at least its comment threshold of its
    raters are released; the groups below their thresholds are pooled in one
    list when together they reach the strictest threshold among them. A list
    not shown has no raters.
    """
    members = {g: rows & (labels == g) for g in OBSERVERS}
    size = {g: int(members[g].sum()) for g in OBSERVERS}
    nobody = np.zeros(labels.size, dtype=bool)
    cells = {g: members[g] if size[g] >= policy.comments[g] else nobody for g in OBSERVERS}
    small = [g for g in OBSERVERS if 0 < size[g] < policy.comments[g]]
    pooled = bool(small) and sum(size[g] for g in small) >= max(policy.comments[g] for g in small)
    cells[ALL] = np.any([members[g] for g in small], axis=0) if pooled else nobody
    return cells


class _Findings:
    """The concerns found so far, merged across practices."""

    def __init__(
        self,
        instrument: Instrument,
        policy: AnonymityPolicy,
        labels: npt.NDArray[np.object_],
        new: BoolArray,
    ) -> None:
        self.instrument = instrument
        self.policy = policy
        self.labels = labels
        self.new = new
        self.found: dict[tuple[str, str, str, int, int | None], list[str]] = {}

    def block(
        self,
        about: str,
        block: list[int],
        threshold: Callable[[str], int],
        practice: str | None,
        *,
        skip_set_apart: bool,
    ) -> None:
        """Note a block whose anonymous raters are fewer than their strictest group needs."""
        needs = {r: threshold(str(self.labels[r])) for r in block}
        anonymous = [r for r, k in needs.items() if k >= MIN_ANONYMOUS]
        if not anonymous:
            return
        needed = max(needs[r] for r in anonymous)
        if len(anonymous) >= needed:
            return
        kinds = {str(self.labels[r]) for r in anonymous}
        group = kinds.pop() if len(kinds) == 1 else ALL
        if self.new[block].all():
            self.add(ADDED, about, group, len(anonymous), needed, practice)
        elif not skip_set_apart:
            self.add(SET_APART, about, ALL, len(anonymous), None, practice)

    def add(
        self,
        kind: str,
        about: str,
        group: str,
        raters: int,
        needed: int | None,
        practice: str | None,
    ) -> None:
        practices = self.found.setdefault((kind, about, group, raters, needed), [])
        if practice is not None:
            practices.append(practice)

    def concerns(self) -> tuple[Concern, ...]:
        order = {g: i for i, g in enumerate(GROUPS)}
        keys = sorted(self.found, key=lambda k: (k[1] != SCORES, order[k[2]], k[0], k[3]))
        return tuple(self._concern(*key, practices=tuple(self.found[key])) for key in keys)

    def _concern(
        self,
        kind: str,
        about: str,
        group: str,
        raters: int,
        needed: int | None,
        *,
        practices: tuple[str, ...],
    ) -> Concern:
        who = _NAMES[group][0 if raters == 1 else 1]
        if kind == ADDED:
            what = "the report" if about == SCORES else "their comments"
            text = (
                f"{raters} {who} answered since the last release; {what} can change only "
                f"when at least {needed} have"
            )
        else:
            what = "scores" if about == SCORES else "comments"
            text = (
                f"{raters} {who} counted together in an earlier release would be counted "
                f"differently in this one, and comparing the two could reveal their {what}"
            )
        if practices and len(practices) < len(self.instrument.scales):
            names = [self.instrument.scale(p).name for p in practices]
            text += f" (on {', '.join(names)})"
        return Concern(kind, about, group, raters, needed, practices, text + ".")
