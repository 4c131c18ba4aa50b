"""How a person's view of themself compares with their raters' view.

Two results, both judged against measurement error rather than the raters'
spread (docs/decisions/0019-self-other-gaps.md):

* **Gaps** per practice: self − all raters. A gap larger than its margin of
  error is a *blind spot* when the self-rating is higher and a *hidden
  strength* when the raters' is higher; a smaller gap is not marked at all.
* **Self–other agreement category** per composite, after Atwater and
  Yammarino (1992) and Fleenor, McCauley and Brutus (1996): an
  *over-estimator* rates themself higher than others do beyond the margin, an
  *under-estimator* lower; otherwise self and others are *in agreement*, and
  the agreement is *good* when the raters' score is at or above the
  composite's cut (the profile's cut between higher and lower), else *poor*.

The raters' spread is never used: with a handful of raters a shown standard
deviation helps an insider work out the others' answers, and the margin must
be computable from what the report shows (the score and how many raters count).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twofold.core.errors import TwofoldError
from twofold.core.scoring.profile import Z95

__all__ = [
    "BLIND_SPOT",
    "CATEGORIES",
    "HIDDEN_STRENGTH",
    "IN_AGREEMENT_GOOD",
    "IN_AGREEMENT_POOR",
    "OVER_ESTIMATOR",
    "UNDER_ESTIMATOR",
    "Gaps",
    "agreement_category",
    "gap_margin",
    "self_other_gaps",
]

BLIND_SPOT, HIDDEN_STRENGTH = "blind_spot", "hidden_strength"
OVER_ESTIMATOR, UNDER_ESTIMATOR = "over_estimator", "under_estimator"
IN_AGREEMENT_GOOD, IN_AGREEMENT_POOR = "in_agreement_good", "in_agreement_poor"
#: The four self–other agreement categories, in the order reports explain them.
CATEGORIES = (OVER_ESTIMATOR, UNDER_ESTIMATOR, IN_AGREEMENT_GOOD, IN_AGREEMENT_POOR)

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Gaps:
    """Self − others per practice, and which gaps are larger than their margin.

    Attributes
    ----------
    gap
        ``(s,)`` self − others; NaN where either score is missing.
    margin
        ``(s,)`` half the gap's 95% interval; NaN where there is no SEM or no rater.
    kind
        ``(s,)`` :data:`BLIND_SPOT`, :data:`HIDDEN_STRENGTH`, or "" where the gap
        is within its margin or cannot be judged.
    """

    gap: FloatArray
    margin: FloatArray
    kind: tuple[str, ...]


def gap_margin(sem: float, raters: int, z: float = Z95) -> float:
    """Half the 95% interval of self − the mean of ``raters`` raters.

    Parameters
    ----------
    sem
        Standard error of measurement of one person's rating on the scale.
    raters
        How many raters the others' mean rests on (at least 1).
    z
        The normal quantile; 1.96 for 95%.

    Returns
    -------
    float

    Notes
    -----
    The self-rating carries one rating's error, :math:`SEM`; the mean of
    :math:`n` raters, whose errors are taken as independent, carries
    :math:`SEM / \\sqrt{n}`. The errors of self and others are independent too, so

    .. math:: SE_{gap} = SEM \\sqrt{1 + 1/n}, \\qquad margin = z \\, SE_{gap}.

    This is the same model that gives the profile's intervals (one SEM per
    rating, errors independent), applied to a difference of two ratings.

    Examples
    --------
    >>> round(gap_margin(0.30, 4, z=2.0), 9)  # 2 × 0.30 × √1.25
    0.670820393
    """
    if not sem > 0:
        raise TwofoldError(f"sem: expected a positive number, got {sem}")
    if raters < 1:
        raise TwofoldError(f"raters: expected at least 1, got {raters}")
    return z * sem * math.sqrt(1 + 1 / raters)


def self_other_gaps(
    self_scores: npt.ArrayLike,
    others: npt.ArrayLike,
    raters: npt.ArrayLike,
    sems: npt.ArrayLike,
    *,
    z: float = Z95,
) -> Gaps:
    """Gaps between a person's self-ratings and their raters' mean, practice by practice.

    Parameters
    ----------
    self_scores
        ``(s,)`` the person's own practice scores; NaN where none.
    others
        ``(s,)`` the raters' mean practice scores (all raters, as released); NaN where not shown.
    raters
        ``(s,)`` how many raters each mean rests on.
    sems
        ``(s,)`` each practice's standard error of measurement; NaN where unknown.
    z
        The normal quantile; 1.96 for 95%.

    Returns
    -------
    Gaps

    Notes
    -----
    :math:`gap = self - others` and :math:`margin = z\\,SEM\\sqrt{1 + 1/n}`
    (:func:`gap_margin`). A practice is a blind spot where
    :math:`gap > margin` and a hidden strength where :math:`gap < -margin`; a
    gap exactly at its margin is not marked.

    Examples
    --------
    >>> gaps = self_other_gaps([4.5, 3.0, 3.0], [3.5, 4.0, 3.25], [4, 4, 4], [0.3, 0.3, 0.3], z=2.0)
    >>> gaps.gap.tolist(), gaps.kind
    ([1.0, -1.0, -0.25], ('blind_spot', 'hidden_strength', ''))
    """
    own = np.asarray(self_scores, dtype=np.float64)
    seen = np.asarray(others, dtype=np.float64)
    n = np.asarray(raters, dtype=np.float64)
    sem = np.asarray(sems, dtype=np.float64)
    if not own.shape == seen.shape == n.shape == sem.shape or own.ndim != 1:
        raise TwofoldError(
            "self_scores, others, raters, sems: expected four arrays of one practice each, "
            f"got shapes {own.shape}, {seen.shape}, {n.shape}, {sem.shape}"
        )
    gap = own - seen
    with np.errstate(invalid="ignore", divide="ignore"):
        usable = (n >= 1) & (sem > 0)
        margin = np.where(usable, z * sem * np.sqrt(1 + 1 / np.where(usable, n, 1)), np.nan)
        above, below = gap > margin, gap < -margin
    kind = tuple(
        BLIND_SPOT if hi else HIDDEN_STRENGTH if lo else ""
        for hi, lo in zip(above.tolist(), below.tolist(), strict=True)
    )
    return Gaps(gap=gap, margin=margin, kind=kind)


def agreement_category(
    self_score: float,
    others: float,
    raters: int,
    sem: float,
    cut: float,
    *,
    z: float = Z95,
) -> str | None:
    """The self–other agreement category on one composite; None when it cannot be judged.

    Parameters
    ----------
    self_score
        The person's own composite score; NaN when none.
    others
        The raters' composite score (all raters); NaN when not shown.
    raters
        How many raters the others' score rests on (the fewest on any of its practices).
    sem
        The composite's standard error of measurement.
    cut
        The composite's cut between higher and lower (the profile's).
    z
        The normal quantile; 1.96 for 95%.

    Returns
    -------
    str or None
        One of :data:`CATEGORIES`.

    Notes
    -----
    With :math:`d = self - others` and :math:`m` its margin (:func:`gap_margin`):
    over-estimator where :math:`d > m`, under-estimator where :math:`d < -m`,
    otherwise in agreement, good where :math:`others \\ge cut` and poor below it
    (a score exactly on the cut counts as higher, as in the profile).

    Atwater and Yammarino (1992) and Fleenor et al. (1996) drew the band in
    which self and others agree from the spread of self–other differences in
    their own samples. Twofold has no such sample yet, so the band is the
    difference's measurement error, the rule the gaps use too.

    References
    ----------
    Atwater, L. E., & Yammarino, F. J. (1992). Does self–other agreement on
    leadership perceptions moderate the validity of leadership and performance
    predictions? *Personnel Psychology, 45*(1), 141–164.

    Fleenor, J. W., McCauley, C. D., & Brutus, S. (1996). Self–other rating
    agreement and leader effectiveness. *The Leadership Quarterly, 7*(4), 487–506.

    Examples
    --------
    >>> agreement_category(4.2, 3.4, 5, 0.16, 3.5)  # margin 1.96 × 0.16 × √1.2 ≈ 0.34
    'over_estimator'
    >>> agreement_category(3.6, 3.5, 5, 0.16, 3.5), agreement_category(3.3, 3.4, 5, 0.16, 3.5)
    ('in_agreement_good', 'in_agreement_poor')
    """
    if math.isnan(self_score) or math.isnan(others) or raters < 1:
        return None
    margin = gap_margin(sem, raters, z)
    gap = self_score - others
    if gap > margin:
        return OVER_ESTIMATOR
    if gap < -margin:
        return UNDER_ESTIMATOR
    return IN_AGREEMENT_GOOD if others >= cut else IN_AGREEMENT_POOR
