"""Agreement among the raters of a target: rwg and rwg(j), per group.

A *group* is the set of rows that share a label: the raters of one participant
in a 360, or the members of one team. Every statistic here is computed for all
groups at once, with no Python loop over groups: the rows are taken in runs of
whole groups (:meth:`Groups.runs`), and within a run a group sum of every column
is one product with a sparse group-indicator matrix. ICC(1)
and ICC(2) of group means, which use the same groups, are in
:mod:`twofold.core.stats.icc`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]

from twofold.core.errors import TwofoldError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

__all__ = [
    "Groups",
    "Rwg",
    "rwg",
    "rwg_j",
    "uniform_null_variance",
]

RUN_ROWS = 16_384
"""Rows of whole groups worked at a time by :func:`group_moments`."""
ONE_RATER = "group has one rater"
WHOLE_SCALE = " every item of the scale"


@dataclass(frozen=True, eq=False)
class Groups:
    """Rows assigned to groups; ``labels`` in order of first appearance.

    Attributes
    ----------
    labels
        ``(G,)`` group labels as text.
    codes
        ``(n,)`` index into ``labels`` of each row.
    sizes
        ``(G,)`` rows per group.
    """

    labels: tuple[str, ...]
    codes: IntArray
    sizes: IntArray

    @classmethod
    def from_labels(cls, labels: Sequence[object] | npt.ArrayLike) -> Groups:
        """Group rows by label; a missing (None or empty) label is refused.

        Examples
        --------
        >>> g = Groups.from_labels(["b", "a", "b"])
        >>> g.labels, g.codes.tolist(), g.sizes.tolist()
        (('b', 'a'), [0, 1, 0], [2, 1])
        """
        values = np.asarray(labels)
        if values.ndim != 1 or values.size == 0:
            raise TwofoldError(f"groups: expected one label per row, got shape {values.shape}")
        text = values.astype(str)
        blank = np.strings.strip(text) == ""
        if values.dtype == object:  # None is no label; only object arrays can hold it
            blank |= np.array([v is None for v in values.tolist()], dtype=bool)
        if blank.any():
            raise TwofoldError(f"groups: row {int(np.argmax(blank))} has no group label")
        unique, first, inverse = np.unique(text, return_index=True, return_inverse=True)
        appearance = np.argsort(first, kind="stable")
        rank = np.empty_like(appearance)
        rank[appearance] = np.arange(appearance.size)
        codes = rank[inverse.ravel()].astype(np.int64)
        return cls(tuple(unique[appearance].tolist()), codes, np.bincount(codes).astype(np.int64))

    @cached_property
    def _order(self) -> IntArray:
        """Row numbers sorted by group, stably: each group's rows form one run."""
        return np.argsort(self.codes, kind="stable")

    def runs(self, rows: int) -> Iterator[tuple[slice, IntArray, Any]]:
        """Whole groups of about ``rows`` rows at a time, each group's rows in a run.

        Yields the groups (a slice of ``labels``), their rows in group order, and
        a sparse 0/1 matrix whose row *g* marks the rows of the run's group *g*,
        so that ``indicator @ x[rows]`` sums every column within every group.
        Working a run at a time keeps every temporary the size of a run.
        """
        ends = np.cumsum(self.sizes)
        first = 0
        while first < self.sizes.size:
            start = int(ends[first] - self.sizes[first])
            stop = max(int(np.searchsorted(ends, start + rows, side="right")), first + 1)
            taken = self._order[start : ends[stop - 1]]
            pointers = np.concatenate([[0], ends[first:stop] - start])
            ones = np.ones(taken.size)
            indicator = sparse.csr_matrix(
                (ones, np.arange(taken.size), pointers), shape=(stop - first, taken.size)
            )
            yield slice(first, stop), taken, indicator
            first = stop

    def check_rows(self, values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """``values`` unchanged, if it has one row per label."""
        if values.shape[0] != self.codes.size:
            raise TwofoldError(
                f"groups: {self.codes.size} labels for {values.shape[0]} rows of responses"
            )
        return values


def uniform_null_variance(low: int, high: int) -> float:
    """Variance of answers spread uniformly over an A-point scale, ``(A² − 1) / 12``.

    Examples
    --------
    >>> uniform_null_variance(1, 5)
    2.0
    """
    points = high - low + 1
    if points < 2:
        raise TwofoldError(f"low, high: expected at least two answer points, got {low}..{high}")
    return (points * points - 1) / 12


def group_moments(
    x: FloatArray, present: BoolArray, groups: Groups
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Count, mean and sum of squared deviations of the present values, per group and column.

    Two passes (the mean first, then squared deviations from it) keep the sums
    of squares accurate whatever the size of the values.
    """
    counts, means, squares = (np.empty((groups.sizes.size, x.shape[1])) for _ in range(3))
    for which, rows, indicator in groups.runs(RUN_ROWS):
        here = present[rows]
        filled = np.where(here, x[rows], 0.0)
        counts[which] = indicator @ here.astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            means[which] = (indicator @ filled) / counts[which]
        deviations = filled - np.repeat(means[which], groups.sizes[which], axis=0)
        np.copyto(deviations, 0.0, where=~here)
        np.square(deviations, out=deviations)
        squares[which] = indicator @ deviations
    return counts, means, squares


@dataclass(frozen=True, eq=False)
class Rwg:
    """Within-group agreement per group (rows) and item or scale (columns).

    Attributes
    ----------
    values
        rwg or rwg(j); NaN where fewer than two raters count.
    n
        Raters counted: those who answered the item (rwg) or every item of the
        scale (rwg(j)).
    group_sizes
        ``(G,)`` raters in each group, answered or not.
    null_variance
        The expected variance under no agreement, σ²_EU.
    reasons
        Field → why a value in it may be NaN.
    scope
        What a rater had to answer to count: "" (the item) or every item of the scale.
    """

    values: FloatArray
    n: IntArray
    group_sizes: IntArray
    null_variance: float
    reasons: dict[str, str]
    scope: str = ""

    def reason(self, group: int, column: int) -> str | None:
        """Why ``values[group, column]`` is undefined, or None when it is defined."""
        count = int(self.n[group, column])
        if count >= 2:
            return None
        if self.group_sizes[group] == 1:
            return ONE_RATER
        which = "no rater" if count == 0 else "only one rater"
        return f"{which} in the group answered{self.scope}"


def as_matrix(x: npt.ArrayLike, name: str) -> FloatArray:
    matrix = np.asarray(x, dtype=np.float64)
    if matrix.ndim == 1:
        matrix = matrix[:, None]
    if matrix.ndim != 2:
        raise TwofoldError(f"{name}: expected a raters × items matrix, got shape {matrix.shape}")
    if np.isinf(matrix).any():
        raise TwofoldError(f"{name}: infinite values are not answers")
    return matrix


def rwg(x: npt.ArrayLike, groups: Groups, null_variance: float) -> Rwg:
    """rwg of single items, per group: agreement against a uniform null.

    Parameters
    ----------
    x
        ``(n,)`` or ``(n, k)`` answers; NaN is missing and only that cell is dropped.
    groups
        The group of each row.
    null_variance
        σ²_EU, e.g. :func:`uniform_null_variance` of the response scale.

    Returns
    -------
    Rwg
        ``values`` of shape ``(G, k)``.

    Notes
    -----
    With :math:`s_x^2` the sample variance (divisor :math:`n_g - 1`) of the
    :math:`n_g` answers in a group,

    .. math:: r_{wg} = 1 - \\min(s_x^2, \\sigma^2_{EU}) / \\sigma^2_{EU}

    so rwg lies in [0, 1]. As ``multilevel::rwg``, a group with fewer than two
    answers gets NaN (R: NA).

    References
    ----------
    James, L. R., Demaree, R. G., & Wolf, G. (1984). Estimating within-group
    interrater reliability with and without response bias. *Journal of Applied
    Psychology, 69*(1), 85–98.

    Examples
    --------
    >>> g = Groups.from_labels(["a", "a", "a", "b"])
    >>> rwg([1.0, 2.0, 3.0, 4.0], g, 2.0).values.ravel()  # var(1, 2, 3) = 1
    array([0.5, nan])
    """
    matrix = groups.check_rows(as_matrix(x, "x"))
    if not null_variance > 0:
        raise TwofoldError(f"null_variance: expected a positive number, got {null_variance}")
    present = ~np.isnan(matrix)
    counts, _, squares = group_moments(matrix, present, groups)
    return Rwg(
        _single(counts, squares, null_variance),
        counts.astype(np.int64),
        groups.sizes,
        null_variance,
        {"values": "NaN where fewer than two raters in the group answered"},
    )


def _single(counts: FloatArray, squares: FloatArray, null_variance: float) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = squares / (counts - 1)
    values = 1.0 - np.minimum(variance, null_variance) / null_variance
    values[counts < 2] = np.nan
    return values


def rwg_j(
    x: npt.ArrayLike,
    groups: Groups,
    null_variance: float,
    items_to_scales: npt.ArrayLike | None = None,
) -> Rwg:
    """rwg(j) of a scale of J items, or of every scale at once, per group.

    Parameters
    ----------
    x
        ``(n, k)`` answers; NaN is missing.
    groups
        The group of each row.
    null_variance
        σ²_EU, e.g. :func:`uniform_null_variance` of the response scale.
    items_to_scales
        ``(k, s)`` nonzero where item *i* belongs to scale *j*; by default all
        ``k`` columns form one scale.

    Returns
    -------
    Rwg
        ``values`` of shape ``(G, s)``; ``n`` counts the raters who answered
        every item of the scale.

    Notes
    -----
    With :math:`\\bar s^2_{xj}` the mean of the J item variances in a group,
    truncated to at most :math:`\\sigma^2_{EU}`, and
    :math:`q = \\bar s^2_{xj} / \\sigma^2_{EU}`,

    .. math:: r_{wg(j)} = \\frac{J (1 - q)}{J (1 - q) + q}

    which lies in [0, 1]. As ``multilevel::rwg.j``, a rater who skipped any item
    of the scale is dropped (listwise), and a group with fewer than two complete
    raters gets NaN (R: NA).

    References
    ----------
    James, L. R., Demaree, R. G., & Wolf, G. (1984). Estimating within-group
    interrater reliability with and without response bias. *Journal of Applied
    Psychology, 69*(1), 85–98.

    Examples
    --------
    >>> g = Groups.from_labels(["a", "a", "b", "b"])
    >>> x = [[1.0, 5.0], [5.0, 1.0], [3.0, 3.0], [3.0, 3.0]]
    >>> rwg_j(x, g, 2.0).values.ravel()  # mean variance 8 → truncated → 0; 0 → 1
    array([0., 1.])
    >>> x = [[1.0, 2.0], [3.0, 2.0], [3.0, 3.0], [3.0, 3.0]]  # a: variances 2, 0 → q = .5
    >>> rwg_j(x, g, 2.0).values.ravel()  # 2 × .5 / (2 × .5 + .5) = 2/3
    array([0.66666667, 1.        ])
    """
    matrix = groups.check_rows(as_matrix(x, "x"))
    if items_to_scales is None:
        items_to_scales = np.ones((matrix.shape[1], 1))
    membership = np.asarray(items_to_scales, dtype=np.float64) != 0
    if membership.ndim != 2 or membership.shape[0] != matrix.shape[1]:
        raise TwofoldError(
            f"items_to_scales: expected shape ({matrix.shape[1]}, scales), got {membership.shape}"
        )
    if not null_variance > 0:
        raise TwofoldError(f"null_variance: expected a positive number, got {null_variance}")
    n_scales = membership.shape[1]
    item, scale = np.nonzero(membership)  # one column per (item, scale) pair
    # Raters who answered every item of a scale: no missing item in a product of 0/1
    # matrices (float32 counts are exact far beyond any number of items).
    skipped = np.isnan(matrix).astype(np.float32) @ membership.astype(np.float32)
    complete = skipped == 0
    same = item.size == matrix.shape[1] and bool(np.all(item == np.arange(item.size)))
    pairs = matrix if same else np.take(matrix, item, axis=1)  # take keeps rows contiguous
    counts, _, squares = group_moments(pairs, np.take(complete, scale, axis=1), groups)
    j_items = np.bincount(scale, minlength=n_scales).astype(np.float64)
    averaging = np.zeros((item.size, n_scales))
    averaging[np.arange(item.size), scale] = 1.0 / j_items[scale]
    with np.errstate(invalid="ignore", divide="ignore"):
        # NaN (fewer than two raters) would spread to every scale through the product
        mean_var = (np.nan_to_num(squares / (counts - 1)) @ averaging).astype(np.float64)
        q = np.minimum(mean_var, null_variance) / null_variance
        values = j_items * (1 - q) / (j_items * (1 - q) + q)
    raters = np.zeros((groups.sizes.size, n_scales), dtype=np.int64)
    first = np.unique(scale, return_index=True)
    raters[:, first[0]] = counts[:, first[1]].astype(np.int64)
    values[raters < 2] = np.nan
    reasons = {"values": f"NaN where fewer than two raters in the group answered{WHOLE_SCALE}"}
    return Rwg(values, raters, groups.sizes, null_variance, reasons, WHOLE_SCALE)
