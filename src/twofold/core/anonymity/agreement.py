"""How far the raters behind a 360's "all raters" scores agree, practice by practice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twofold.core.anonymity.groups import RaterRelease
from twofold.core.anonymity.policy import ALL, OBSERVERS
from twofold.core.errors import TwofoldError
from twofold.core.instrument import Instrument
from twofold.core.scoring import score
from twofold.core.stats.agreement import Groups, rwg_j, uniform_null_variance

__all__ = [
    "MIN_AGREEMENT_RATERS",
    "NOT_SHOWN",
    "TOO_FEW",
    "WIDE_DISAGREEMENT",
    "PracticeAgreement",
    "all_raters_agreement",
]

#: Raters an agreement needs: with two, the mean and the spread give both answers.
MIN_AGREEMENT_RATERS = 3
#: rwg(j) at or below this is weak agreement or none (LeBreton & Senter, 2008).
WIDE_DISAGREEMENT = 0.50
NOT_SHOWN = "all raters' score of this practice is not shown"
TOO_FEW = f"fewer than {MIN_AGREEMENT_RATERS} raters answered every question of this practice"

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class PracticeAgreement:
    """rwg(j) of the raters behind each practice's "all raters" score.

    Attributes
    ----------
    values
        ``(s,)`` rwg(j); NaN where none is given.
    reasons
        ``(s,)`` why a value is NaN (:data:`NOT_SHOWN` or :data:`TOO_FEW`), else None.
    """

    values: FloatArray
    reasons: tuple[str | None, ...]

    @property
    def wide(self) -> npt.NDArray[np.bool_]:
        """``(s,)`` True where raters disagree widely (rwg(j) at most :data:`WIDE_DISAGREEMENT`)."""
        with np.errstate(invalid="ignore"):
            return np.asarray(self.values <= WIDE_DISAGREEMENT)


def all_raters_agreement(
    instrument: Instrument,
    responses: npt.ArrayLike,
    groups: Sequence[str],
    release: RaterRelease,
) -> PracticeAgreement:
    """rwg(j) per practice over exactly the raters in the shown "all raters" score.

    Parameters
    ----------
    instrument
        The instrument the raters answered.
    responses
        ``(n, k)`` answers, one row per rater, as given to
        :func:`~twofold.core.anonymity.release_rater_groups`.
    groups
        The group of each row, as given to it.
    release
        What :func:`~twofold.core.anonymity.release_rater_groups` returned for them.

    Returns
    -------
    PracticeAgreement

    Notes
    -----
    A rater enters a practice's "all raters" score when they count for it (they
    answered at least half of its questions) and their group shows it, or the
    release pooled the withheld groups into it (``pooled_withheld``). Of those,
    rwg(j) counts the raters who answered every question of the practice
    (:func:`twofold.core.stats.agreement.rwg_j`, listwise), against a uniform
    null on the response scale.

    An agreement is given only where at least :data:`MIN_AGREEMENT_RATERS`
    raters count: rwg(j) is a function of their spread, and with two raters
    the shown mean and the spread give both raters' answers to anyone who
    knows one of them, or who knows the mean of the others. With three or
    more, one degree of freedom stays unknown. (Perfect agreement, rwg(j) = 1,
    says everyone answered alike, as a mean at the end of the scale does; that
    is a property of any shown mean, not of this statistic.)

    :data:`WIDE_DISAGREEMENT` marks rwg(j) ≤ .50: "weak agreement" (.31–.50)
    or "lack of agreement" (.00–.30) in LeBreton and Senter's (2008, Table 3)
    bands. There the raters' mean hides very different views.

    References
    ----------
    LeBreton, J. M., & Senter, J. L. (2008). Answers to 20 questions about
    interrater reliability and interrater agreement. *Organizational Research
    Methods, 11*(4), 815–852.

    Examples
    --------
    >>> from twofold.core.anonymity import release_rater_groups
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=a1,a2", 1, 5)
    >>> answers = [[4, 4], [3, 3], [3, 4], [5, 4], [4, 4]]
    >>> labels = ["self", "peers", "peers", "peers", "manager"]
    >>> release = release_rater_groups(inst, answers, labels)
    >>> agreement = all_raters_agreement(inst, answers, labels, release)
    >>> round(float(agreement.values[0]) * 41, 9)  # item variances 11/12, 1/4: rwg(j) = 34/41
    34.0
    """
    matrix = np.asarray(responses, dtype=np.float64)
    labels = np.asarray(list(groups), dtype=object)
    if matrix.ndim != 2 or matrix.shape[0] != labels.size:
        raise TwofoldError(
            f"responses: expected one row per rater ({labels.size}), got shape {matrix.shape}"
        )
    scored = score(instrument, matrix)
    if scored.key.scale_ids != release.key.scale_ids:
        raise TwofoldError("release: it was not made for this instrument")
    counts = ~np.isnan(scored.scales)
    everyone = release.group(ALL)
    pooled = (
        everyone.pooled_withheld
        if everyone.pooled_withheld is not None
        else np.zeros(len(release.key.scale_ids), dtype=bool)
    )
    shown_all = ~np.isnan(everyone.scales)
    enters = np.zeros_like(counts)
    for group in OBSERVERS:
        shows = ~np.isnan(release.group(group).scales)
        enters[labels == group] = counts[labels == group] & (shows | pooled) & shown_all
    if not enters.any():  # nobody's answers are shown: there is no agreement to measure
        raters = np.zeros(len(release.key.scale_ids), dtype=np.int64)
        return PracticeAgreement(
            values=np.full(raters.size, np.nan), reasons=_reasons(raters, shown_all)
        )
    # A rater left out of a practice is left out of every item of it: rwg_j
    # drops a rater with any missing item of the scale.
    item_scale = np.array(
        [j for j, scale in enumerate(instrument.scales) for _ in scale.items], dtype=np.int64
    )
    masked = np.where(enters[:, item_scale], matrix, np.nan)
    membership = np.zeros((item_scale.size, len(instrument.scales)))
    membership[np.arange(item_scale.size), item_scale] = 1.0
    scale = instrument.response_scale
    result = rwg_j(
        masked,
        Groups.from_labels([ALL] * labels.size),
        uniform_null_variance(scale.min, scale.max),
        membership,
    )
    raters = result.n[0]
    values = np.where(raters >= MIN_AGREEMENT_RATERS, result.values[0], np.nan)
    return PracticeAgreement(values=values, reasons=_reasons(raters, shown_all))


def _reasons(
    raters: npt.NDArray[np.int64], shown_all: npt.NDArray[np.bool_]
) -> tuple[str | None, ...]:
    """Why each practice has no agreement, or None where it has one."""
    return tuple(
        NOT_SHOWN if not shown_all[j] else TOO_FEW if raters[j] < MIN_AGREEMENT_RATERS else None
        for j in range(raters.size)
    )
