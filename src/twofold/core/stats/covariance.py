"""Covariances and correlations of items with missing answers, as R computes them.

Each comes from four sums per pair of items over the rows where both are present
(:class:`PairMoments`), for every scale at once by :func:`block_moments`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt

from twofold.core.errors import TwofoldError
from twofold.core.scoring.key import BoolArray, FloatArray

NAN = float("nan")
CHUNK_ROWS = 4096
"""Respondents per chunk of :func:`block_moments`: their answers fit the cache."""
_HISTOGRAM_BINS = 2**20
"""Most bins of the histogram that groups respondents by (sum of answers, items answered)."""
Missing = Literal["pairwise", "listwise"]
MISSING_POLICIES: tuple[str, ...] = get_args(Missing)

__all__ = [
    "CHUNK_ROWS",
    "MISSING_POLICIES",
    "AnswerRange",
    "PairMoments",
    "block_moments",
    "cov2cor",
    "covariance",
    "pairwise_correlation",
]


@dataclass(frozen=True, eq=False)
class PairMoments:
    """Sums over the rows where items *i* and *j* are both present, for every pair.

    With :math:`z = x - \\text{shift}` and :math:`N_{ij}` those rows:
    ``counts[i, j]`` :math:`= |N_{ij}|`, ``sums[i, j]`` :math:`= \\sum_{N_{ij}} z_i`,
    ``cross[i, j]`` :math:`= \\sum_{N_{ij}} z_i z_j`, ``squares[i, j]``
    :math:`= \\sum_{N_{ij}} z_i^2`. The respondents are grouped by how many of
    the block's items they answered and the sum of those answers' *z*:
    ``respondents[g]`` answered ``answered[g]`` items whose *z* sum to
    ``totals[g]``. Whole answers make few groups; otherwise a group may be
    one respondent.
    """

    shift: float
    counts: FloatArray
    sums: FloatArray
    cross: FloatArray
    squares: FloatArray
    answered: FloatArray
    totals: FloatArray
    respondents: FloatArray

    def person_scores(self, least: float) -> tuple[int, float, float]:
        """n, mean and SD (divisor n - 1) of the person scores.

        A person score is the mean of the answered items, given to respondents
        who answered at least ``least`` of them (and at least one); NaN where
        undefined. Mean and SD take two passes over the groups, weighted by
        their respondents, as two passes over the scores would.
        """
        keep = (self.answered >= least) & (self.answered > 0)
        weights = self.respondents[keep]
        n = int(weights.sum())
        if n == 0:
            return 0, NAN, NAN
        scores = self.shift + self.totals[keep] / self.answered[keep]
        mean = float(weights @ scores) / n
        spread = float(weights @ (scores - mean) ** 2)
        return n, mean, float(np.sqrt(spread / (n - 1))) if n >= 2 else NAN

    def covariance(self) -> FloatArray:
        """Pairwise-complete covariances (divisor :math:`n_{ij} - 1`); NaN below 2 rows."""
        n = self.counts
        with np.errstate(invalid="ignore", divide="ignore"):
            cov = (self.cross - self.sums * self.sums.T / n) / (n - 1)
        cov[n < 2] = np.nan
        return (cov + cov.T) / 2  # exact symmetry; the triangles differ only by rounding

    def correlation(self) -> FloatArray:
        """Pairwise-complete correlations, each from its own rows' means and SDs."""
        n = self.counts
        with np.errstate(invalid="ignore", divide="ignore"):
            cov = self.cross - self.sums * self.sums.T / n
            var = self.squares - self.sums * self.sums / n  # item i over N_ij, times (n - 1)
            cor = cov / np.sqrt(var * var.T)
        cor[(n < 2) | (var <= 0) | (var.T <= 0)] = np.nan
        cor = (cor + cor.T) / 2
        np.fill_diagonal(cor, np.where(np.diag(n) >= 2, 1.0, np.nan))
        return cor

    def means(self) -> FloatArray:
        """Mean of each item over its answers; NaN for an item nobody answered."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray(self.shift + np.diag(self.sums) / np.diag(self.counts))


@dataclass(frozen=True)
class AnswerRange:
    """Smallest and largest answer (NaN if none) and whether all are whole numbers.

    The bounds are exact for whole answers; others may be rounded to the
    precision of the sums (single precision with ``dtype=numpy.float32``).
    """

    low: float
    high: float
    whole: bool


class _Sums:
    """Running sums of blocks of items over chunks of respondents, given item by item.

    Blocks of one size that follow each other get one batched matrix product.
    """

    def __init__(self, blocks: Sequence[slice], shape: tuple[int, int, int], dtype: Any) -> None:
        self.n, k, chunk = shape
        self.spans = [range(*block.indices(k)) for block in blocks]
        sizes, starts = {len(span) for span in self.spans}, [span.start for span in self.spans]
        width = max(sizes) if len(sizes) == 1 else 0
        self.width = width if starts == [width * b for b in range(len(starts))] else 0
        self.members = np.array([[i in span for i in range(k)] for span in self.spans], dtype)
        self.sums: dict[str, Any] = {
            name: np.zeros((len(blocks), width, width))
            if self.width
            else [np.zeros((len(span), len(span))) for span in self.spans]
            for name in ("cross", "gap_cross", "sums_lost", "squares_lost", "complete_cross")
        }
        self.totals, self.gaps, self.complete_totals = (np.zeros(k) for _ in range(3))
        self.complete_n = np.zeros(len(blocks))
        # Respondents are grouped per block by how many items they answered: level
        # top[b] - (items they missed) of a flat list of levels, block after block.
        widths = np.array([len(span) for span in self.spans], dtype=np.intp)
        self.top = np.cumsum(widths + 1) - 1
        self.level_count = int(self.top[-1]) + 1 if len(widths) else 0
        self.histogram = np.zeros(0, dtype=np.intp)
        self.ungrouped: list[tuple[FloatArray, FloatArray]] = []
        self.row_sums, self.row_gaps = (np.empty((len(blocks), chunk), dtype) for _ in range(2))
        self.work = [np.empty((k, chunk), dtype=dtype) for _ in range(3)]

    def _add_products(self, name: str, left: FloatArray, right: FloatArray) -> None:
        """Per block: add left_b @ right_b.T, for (k, rows) matrices ``left``, ``right``."""
        if self.width:
            shape = (len(self.spans), self.width, left.shape[1])
            self.sums[name] += left.reshape(shape) @ right.reshape(shape).transpose(0, 2, 1)
            return
        for total, span in zip(self.sums[name], self.spans, strict=True):
            total += left[span.start : span.stop] @ right[span.start : span.stop].T

    def _add_rows(self, values: FloatArray, out: FloatArray) -> None:
        """Per block and respondent: the sum of ``values`` over the block's items."""
        if self.width:
            np.add.reduce(values.reshape(len(self.spans), self.width, -1), axis=1, out=out)
            return
        for b, span in enumerate(self.spans):
            np.add.reduce(values[span.start : span.stop], axis=0, out=out[b])

    def _tally(self, row_sums: FloatArray, row_gaps: FloatArray) -> None:
        """Group the respondents of each block by items answered and the sum of their z."""
        levels = self.top[:, None] - row_gaps
        doubled = 2.0 * row_sums.astype(np.float64)
        codes = doubled * self.level_count + levels
        if np.array_equal(np.rint(doubled), doubled) and codes.max(initial=0) < _HISTOGRAM_BINS:
            # Sums on a grid of halves (whole answers, or medians): a histogram of
            # (sum, level) keeps every respondent in a few numbers.
            counts = np.bincount(codes.astype(np.intp).ravel())
            if counts.size > self.histogram.size:
                self.histogram = np.pad(self.histogram, (0, counts.size - self.histogram.size))
            self.histogram[: counts.size] += counts
        else:
            self.ungrouped.append((levels.ravel(), row_sums.astype(np.float64).ravel()))

    def _groups(self) -> list[tuple[FloatArray, FloatArray, FloatArray]]:
        """Per block: items answered, sum of z, and respondents, of each of its groups."""
        counts = np.pad(self.histogram, (0, -self.histogram.size % max(self.level_count, 1)))
        counts = counts.reshape(-1, max(self.level_count, 1))
        doubled, level = np.nonzero(counts)
        respondents = counts[doubled, level].astype(np.float64)
        if self.ungrouped:  # respondents whose sums are off the grid, one group each
            levels, row_sums = (
                np.concatenate(parts) for parts in zip(*self.ungrouped, strict=True)
            )
            level = np.concatenate([level, levels])
            doubled = np.concatenate([doubled, 2.0 * row_sums])
            respondents = np.concatenate([respondents, np.ones(levels.size)])
        found = []
        for top, span in zip(self.top, self.spans, strict=True):
            first = top - len(span)
            here = (level >= first) & (level <= top)
            found.append((level[here] - first, doubled[here] / 2.0, respondents[here]))
        return found

    def add(self, z: FloatArray, gaps: FloatArray, listwise: bool) -> None:
        """Add one chunk: ``z`` shifted answers (0 where missing), ``gaps`` 1 where missing."""
        width = z.shape[1]
        z_copy, gaps_copy, squares = (buffer[:, :width] for buffer in self.work)
        np.copyto(z_copy, z)  # a @ a.T takes a slow path in numpy; a @ copy.T does not
        np.copyto(gaps_copy, gaps)
        np.multiply(z, z, out=squares)
        self._add_products("cross", z, z_copy)
        self._add_products("gap_cross", gaps, gaps_copy)
        self._add_products("sums_lost", z, gaps_copy)
        self._add_products("squares_lost", squares, gaps_copy)
        ones = np.ones(width, dtype=z.dtype)
        self.totals += z @ ones
        self.gaps += gaps @ ones
        row_sums, row_gaps = self.row_sums[:, :width], self.row_gaps[:, :width]
        self._add_rows(z, row_sums)
        self._add_rows(gaps, row_gaps)
        self._tally(row_sums, row_gaps)
        if listwise:
            complete = (row_gaps == 0).astype(z.dtype)
            np.multiply(z, self.members.T @ complete, out=z_copy)
            np.copyto(squares, z_copy)
            self._add_products("complete_cross", z_copy, squares)
            self.complete_totals += z_copy @ ones
            self.complete_n += complete @ ones

    def moments(self, shift: float) -> tuple[list[PairMoments], list[PairMoments]]:
        """Pairwise moments over all rows, and over the rows with every item present."""
        pairwise, complete, groups = [], [], self._groups()
        for b, span in enumerate(self.spans):
            at, ones, sums = slice(span.start, span.stop), np.ones((len(span),) * 2), self.sums
            gaps, cross, full = self.gaps[at], sums["cross"][b], sums["complete_cross"][b]
            counts = self.n - gaps[:, None] - gaps[None, :] + sums["gap_cross"][b]
            sums_ = self.totals[at][:, None] - sums["sums_lost"][b]
            squares = np.diag(cross)[:, None] - sums["squares_lost"][b]
            pairwise.append(PairMoments(shift, counts, sums_, cross, squares, *groups[b]))
            n_full, fs, fq = self.complete_n[b] * ones, self.complete_totals[at], np.diag(full)
            none = (np.empty(0), np.empty(0), np.empty(0))
            complete.append(
                PairMoments(shift, n_full, fs[:, None] * ones, full, fq[:, None] * ones, *none)
            )
        return pairwise, complete


def block_moments(
    x: npt.ArrayLike,
    blocks: Sequence[slice],
    shift: float | None = None,
    reverse: tuple[BoolArray, float] | None = None,
    *,
    listwise: bool = False,
    dtype: type[np.floating[Any]] = np.float64,
    rows: int = CHUNK_ROWS,
) -> tuple[list[PairMoments], list[PairMoments], AnswerRange]:
    """Pairwise moments of several blocks of items (scales) in one pass over ``x``.

    Parameters
    ----------
    x, blocks
        ``(n, k)`` answers (NaN missing) and column slices, one per block.
    shift
        Subtracted from every answer first; below every answer (default: the
        smallest answer minus 1), so a missing answer is the only 0.
    reverse
        ``(items, total)``: an answer *x* to an item marked True is read as
        ``total - x`` (``total`` = min + max of the response scale).
    listwise
        Also sum over the rows where every item of a block is present.
    dtype
        Of the products; ``numpy.float32`` halves the memory traffic and is
        exact when every shifted answer *z* is a multiple of 0.5 and
        ``rows * max(z) ** 2 <= 2 ** 22`` (every partial sum is representable).
    rows
        Respondents per chunk, checked and summed while in the cache.

    Returns
    -------
    tuple
        Each block's pairwise moments, the moments of its complete rows (zero
        unless ``listwise``), and the range of the answers.

    Notes
    -----
    With :math:`Z` the shifted answers (0 where missing) and :math:`G` the 0/1
    missing indicator, ``cross`` :math:`= Z^\\top Z`, and the other moments are
    column totals minus what the rows with a missing answer take away:
    ``sums`` :math:`= \\sum_r z_{ri} - (Z^\\top G)_{ij}`, ``squares``
    :math:`= \\sum_r z_{ri}^2 - ((Z \\circ Z)^\\top G)_{ij}`, ``counts``
    :math:`= n - g_i - g_j + (G^\\top G)_{ij}`.

    References
    ----------
    R Core Team. *R: A Language and Environment for Statistical Computing*,
    ``stats::cov``. R Foundation for Statistical Computing, Vienna.

    Examples
    --------
    >>> x = np.array([[1.0, 2.0], [2.0, np.nan], [3.0, 5.0]])
    >>> pairwise, _, answers = block_moments(x, [slice(0, 2)])
    >>> pairwise[0].counts
    array([[3., 2.],
           [2., 2.]])
    >>> answers
    AnswerRange(low=1.0, high=5.0, whole=True)
    """
    matrix = np.asarray(x, dtype=np.float64)
    if matrix.ndim != 2:
        raise TwofoldError(f"x: expected a respondents × items matrix, got shape {matrix.shape}")
    n, k = matrix.shape
    if shift is None:
        lowest = np.fmin.reduce(matrix, axis=None) if matrix.size else np.nan
        shift = 0.0 if np.isnan(lowest) or np.isinf(lowest) else float(lowest) - 1.0
    chunk = min(rows, n)
    sums = _Sums(blocks, (n, k, chunk), dtype)
    rounded, same = np.empty((chunk, k)), np.empty((chunk, k), dtype=bool)
    z, gaps = np.empty((k, chunk), dtype=dtype), np.empty((k, chunk), dtype=dtype)
    absent, zeros = np.empty((k, chunk), dtype=bool), np.zeros((k, chunk), dtype=dtype)
    flip = None if reverse is None or not reverse[0].any() else np.flatnonzero(reverse[0])
    low, high, whole = np.inf, -np.inf, 0
    for start in range(0, n, rows):
        part = matrix[start : start + rows]
        width = len(part)
        np.rint(part, out=rounded[:width])
        whole += int(np.count_nonzero(np.equal(rounded[:width], part, out=same[:width])))
        here, missing, nan = z[:, :width], gaps[:, :width], absent[:, :width]
        here[...] = part.T  # casting while transposing, then shifting, is the cheaper order
        if shift:
            here -= shift
        part_low, part_high = np.fmin.reduce(here, axis=None), np.fmax.reduce(here, axis=None)
        if not -np.inf < part_low <= part_high < np.inf:  # exact bounds from x, for the rare case
            part_low, part_high = _finite_range(part, shift)
        low, high = min(low, part_low), max(high, part_high)  # NaN (nothing answered) is skipped
        np.isnan(here, out=nan)
        np.fmax(here, zeros[:, :width], out=here)  # NaN becomes 0; an array is faster than a scalar
        np.copyto(missing, nan)
        if flip is not None and reverse is not None:
            mirrored = (reverse[1] - 2 * shift) - here[flip]
            here[flip] = np.where(missing[flip] > 0, 0.0, mirrored)
        sums.add(here, missing, listwise)
    pairwise, complete = sums.moments(shift)
    answered = int(n * k - sums.gaps.sum())
    if low > high:  # no answer at all
        low = high = NAN
    answers = AnswerRange(float(low) + shift, float(high) + shift, whole == answered)
    return pairwise, complete, answers


def _finite_range(part: FloatArray, shift: float) -> tuple[float, float]:
    """Smallest and largest shifted answer of a chunk, computed in float64.

    Raises
    ------
    TwofoldError
        If an answer is infinite.
    """
    low, high = np.fmin.reduce(part, axis=None), np.fmax.reduce(part, axis=None)
    if low == -np.inf or high == np.inf:
        raise TwofoldError("x: expected finite answers or NaN for missing, found infinity")
    return float(low) - shift, float(high) - shift


def check_policy(missing: str) -> None:
    """Raise unless ``missing`` is ``"pairwise"`` or ``"listwise"`` (a helper, not a statistic)."""
    if missing not in MISSING_POLICIES:
        expected = ", ".join(MISSING_POLICIES)
        raise TwofoldError(f"missing: expected one of {expected}, got '{missing}'")


def covariance(x: FloatArray, missing: str = "pairwise") -> FloatArray:
    """Covariance matrix of the items, with pairwise or listwise deletion.

    Parameters
    ----------
    x
        ``(n, k)`` answers; NaN is missing.
    missing
        ``"pairwise"`` (default): each covariance from the rows where both
        items are present; ``"listwise"``: from the rows with every item.

    Returns
    -------
    numpy.ndarray
        ``(k, k)`` covariances; NaN where fewer than two rows are available.

    Notes
    -----
    With :math:`N_{ij}` the rows where items *i* and *j* are both present and
    :math:`\\bar x_i^{(j)}` the mean of item *i* over them, :math:`c_{ij} =
    \\sum_{r \\in N_{ij}} (x_{ri} - \\bar x_i^{(j)})(x_{rj} - \\bar x_j^{(i)}) / (|N_{ij}| - 1)`.
    This is R's ``cov(x, use = "pairwise")``, which ``psych::alpha`` uses by
    default; listwise is ``cov(x, use = "complete.obs")``.

    References
    ----------
    R Core Team. *R: A Language and Environment for Statistical Computing*,
    ``stats::cov``. R Foundation for Statistical Computing, Vienna.

    Examples
    --------
    >>> x = np.array([[1.0, 2.0], [2.0, np.nan], [3.0, 5.0], [4.0, 4.0]])
    >>> covariance(x)  # in R: cov(x, use = "pairwise")
    array([[1.66666667, 1.83333333],
           [1.83333333, 2.33333333]])
    """
    check_policy(missing)
    matrix = np.asarray(x, dtype=np.float64)
    width = matrix.shape[1] if matrix.ndim == 2 else 0
    pairwise, complete, _ = block_moments(matrix, [slice(0, width)], listwise=True)
    return (complete if missing == "listwise" else pairwise)[0].covariance()


def pairwise_correlation(x: FloatArray) -> FloatArray:
    """Correlations, each from the rows where both items are present.

    Parameters
    ----------
    x
        ``(n, k)`` answers; NaN is missing.

    Returns
    -------
    numpy.ndarray
        ``(k, k)``, unit diagonal; NaN where a pair has fewer than two rows in
        common or an item is constant on them.

    Notes
    -----
    Unlike ``cov2cor(covariance(x))``, both standard deviations come from the
    rows :math:`N_{ij}` of the covariance, :math:`r_{ij} = c_{ij} / (s_i^{(j)}
    s_j^{(i)})`: R's ``cor(x, use = "pairwise")``, which ``psych::omega`` factors.

    References
    ----------
    R Core Team. *R: A Language and Environment for Statistical Computing*,
    ``stats::cor``. R Foundation for Statistical Computing, Vienna.

    Examples
    --------
    >>> x = np.array([[1.0, 2.0], [2.0, np.nan], [3.0, 5.0], [4.0, 4.0]])
    >>> pairwise_correlation(x)  # in R: cor(x, use = "pairwise")
    array([[1.        , 0.78571429],
           [0.78571429, 1.        ]])
    """
    matrix = np.asarray(x, dtype=np.float64)
    width = matrix.shape[1] if matrix.ndim == 2 else 0
    return block_moments(matrix, [slice(0, width)])[0][0].correlation()


def cov2cor(cov: FloatArray) -> FloatArray:
    """Scale a covariance matrix to correlations, as R's ``stats::cov2cor``.

    Parameters
    ----------
    cov
        ``(k, k)`` covariance matrix.

    Returns
    -------
    numpy.ndarray
        :math:`r_{ij} = c_{ij} / \\sqrt{c_{ii} c_{jj}}` with the diagonal set
        to exactly 1; NaN off the diagonal for an item of zero variance.

    Notes
    -----
    From a pairwise covariance matrix, as in ``psych::alpha``, each standard
    deviation is that of the item over all its answers.

    References
    ----------
    R Core Team. *R: A Language and Environment for Statistical Computing*,
    ``stats::cov2cor``. R Foundation for Statistical Computing, Vienna.

    Examples
    --------
    >>> cov2cor(np.array([[4.0, 2.0], [2.0, 9.0]]))
    array([[1.        , 0.33333333],
           [0.33333333, 1.        ]])
    """
    c = np.asarray(cov, dtype=np.float64)
    if c.ndim != 2 or c.shape[0] != c.shape[1]:
        raise TwofoldError(f"cov: expected a square matrix, got shape {c.shape}")
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = 1.0 / np.sqrt(np.diag(c))
        r = c * scale[:, None] * scale[None, :]
    r[~np.isfinite(r)] = np.nan
    np.fill_diagonal(r, 1.0)
    return r


def undefined_pair(matrix: FloatArray) -> tuple[int, int] | None:
    """Row and column of the first NaN in a covariance or correlation matrix, or None (a helper).

    Examples
    --------
    >>> undefined_pair(np.array([[1.0, np.nan], [np.nan, 1.0]]))
    (0, 1)
    """
    bad = np.argwhere(np.isnan(matrix))
    return None if bad.size == 0 else (int(bad[0][0]), int(bad[0][1]))
