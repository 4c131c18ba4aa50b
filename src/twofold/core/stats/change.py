"""Reliable change between two measurements of the same person (Jacobson & Truax)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twofold.core.errors import TwofoldError

__all__ = ["CRITERION_95", "ReliableChange", "reliable_change"]

CRITERION_95 = 1.96
"""|RCI| above which a change is reliable at the two-sided 5% level."""


@dataclass(frozen=True, eq=False)
class ReliableChange:
    """Reliable change indices, broadcast over the shapes of the inputs.

    Attributes
    ----------
    rci
        (x2 − x1) / S_diff; NaN where either score is missing.
    s_diff
        Standard error of the difference, √2 × SE.
    se
        Standard error of measurement, SD × √(1 − r).
    reliable
        True where |RCI| exceeds the criterion (False where RCI is NaN).
    direction
        +1 for a reliable increase, −1 for a reliable decrease, 0 otherwise.
    reasons
        Field → why a value in it may be NaN.
    """

    rci: npt.NDArray[np.float64]
    s_diff: npt.NDArray[np.float64]
    se: npt.NDArray[np.float64]
    reliable: npt.NDArray[np.bool_]
    direction: npt.NDArray[np.int8]
    reasons: dict[str, str]


def reliable_change(
    x1: npt.ArrayLike,
    x2: npt.ArrayLike,
    sd: npt.ArrayLike,
    reliability: npt.ArrayLike,
    *,
    criterion: float = CRITERION_95,
) -> ReliableChange:
    """The reliable change index of each person (and scale) between two occasions.

    Parameters
    ----------
    x1, x2
        Scores before and after; NaN is missing. Any shapes that broadcast,
        e.g. ``(n, s)`` scores of n people on s scales.
    sd
        Standard deviation of the scores in a reference group (usually the
        norm group or the pre-test sample); broadcast, e.g. ``(s,)``.
    reliability
        Reliability of the scores (test–retest, or alpha), in [0, 1).
    criterion
        |RCI| above which a change counts as reliable; 1.96 for 95%.

    Returns
    -------
    ReliableChange

    Notes
    -----
    With :math:`s_1` the SD and :math:`r_{xx}` the reliability,

    .. math::

       SE = s_1 \\sqrt{1 - r_{xx}}, \\qquad
       S_{diff} = \\sqrt{2 \\, SE^2} = \\sqrt 2 \\, SE, \\qquad
       RCI = \\frac{x_2 - x_1}{S_{diff}}

    and a change is reliable where :math:`|RCI| > 1.96`: a change that large
    would arise from measurement error alone less than 5% of the time.

    References
    ----------
    Jacobson, N. S., & Truax, P. (1991). Clinical significance: A statistical
    approach to defining meaningful change in psychotherapy research. *Journal
    of Consulting and Clinical Psychology, 59*(1), 12–19.

    Examples
    --------
    SD .5 and reliability .84 give SE = .2 and S_diff = .2828:

    >>> result = reliable_change([3.0, 3.0], [3.4, 3.8], 0.5, 0.84)
    >>> result.rci.round(3).tolist()  # .4 / .2828, .8 / .2828
    [1.414, 2.828]
    >>> result.reliable.tolist(), result.direction.tolist()
    ([False, True], [0, 1])
    """
    before = np.asarray(x1, dtype=np.float64)
    after = np.asarray(x2, dtype=np.float64)
    spread = np.asarray(sd, dtype=np.float64)
    r = np.asarray(reliability, dtype=np.float64)
    if not np.all(np.isfinite(spread) & (spread > 0)):
        raise TwofoldError("sd: expected positive standard deviations")
    if not np.all((r >= 0) & (r < 1)):
        raise TwofoldError(
            "reliability: expected values in [0, 1); a reliability of 1 leaves no "
            "measurement error to compare a change with"
        )
    if not criterion > 0:
        raise TwofoldError(f"criterion: expected a positive number, got {criterion}")
    try:
        shape = np.broadcast_shapes(before.shape, after.shape, spread.shape, r.shape)
    except ValueError:
        raise TwofoldError(
            f"x1, x2, sd, reliability: shapes {before.shape}, {after.shape}, "
            f"{spread.shape}, {r.shape} do not broadcast"
        ) from None
    se = np.broadcast_to(spread * np.sqrt(1 - r), shape)
    s_diff = np.sqrt(2.0) * se
    rci = np.broadcast_to((after - before) / s_diff, shape).copy()
    reliable = np.abs(np.nan_to_num(rci)) > criterion
    direction = (np.sign(np.nan_to_num(rci)) * reliable).astype(np.int8)
    return ReliableChange(
        rci=rci,
        s_diff=np.array(s_diff),
        se=np.array(se),
        reliable=reliable,
        direction=direction,
        reasons={"rci": "NaN where the score before or after is missing"},
    )
