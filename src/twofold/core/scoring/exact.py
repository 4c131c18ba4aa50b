"""Means of whole-number answers, computed exactly.

Answers are whole numbers, so every score is a fraction with a small
denominator: a scale score is a sum over a count, a composite a mean of such
fractions. Floating-point sums of fractions land a bit off them, and by how much
depends on the order of the additions, which differs between CPUs and BLAS
kernels: a composite of exactly 2.5 came out as 2.4999999999999996 for one person
and 2.5000000000000004 for another, and a report then rounded them apart.

Every value of a composite is a multiple of ``1 / g`` for one whole number *g*
(its *grid*). Multiplying by *g* and rounding recovers the exact numerator (the
error is far below a half), and one division of two exact integers gives the
correctly rounded value: the same bits on every machine, for equal answers the
same score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: Numerators up to this stay exact in float64, with room for the float error.
_EXACT = 2.0**50


def composite_grid(scale_items: Sequence[int]) -> int:
    """A whole number *g* such that every score of a composite is a multiple of ``1/g``.

    A scale of *k* items answered on *c* of them scores ``s/c``; a composite of
    *p* scored scales is ``(1/p) Σ s_j / c_j``, a multiple of ``1 / (p · lcm(c_j))``.
    ``lcm(1..S) · lcm(1..k_max)`` covers every *p* up to the *S* scales and every *c*.

    Parameters
    ----------
    scale_items
        The number of items of each scale in the composite.

    Examples
    --------
    >>> composite_grid([3] * 8)  # lcm(1..8) · lcm(1..3) = 840 · 6
    5040
    """
    if not scale_items:
        return 1
    return math.lcm(*range(1, len(scale_items) + 1)) * math.lcm(*range(1, max(scale_items) + 1))


def on_grid(values: FloatArray, grid: int) -> FloatArray:
    """``values`` moved to the nearest multiple of ``1 / grid``, correctly rounded.

    Use only where the exact values are such multiples and the float error is far
    below ``1 / (2 grid)``; values too large to keep exact are returned unchanged.

    Examples
    --------
    >>> x = np.array([(7 / 3 + 8 / 3 + 7 / 3 + 8 / 3) / 4, np.nan])
    >>> on_grid(x, 6).tolist()
    [2.5, nan]
    """
    scaled = values * grid
    with np.errstate(invalid="ignore"):
        if not np.all(np.abs(scaled[~np.isnan(scaled)]) < _EXACT):
            return values
    return np.rint(scaled) / grid
