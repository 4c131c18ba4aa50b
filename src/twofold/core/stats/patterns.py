"""Moments of whole answers from a compact one-byte copy, through response patterns.

Answers on a response scale of whole numbers are checked and shifted once into
one byte each (:func:`compact_answers`: 0 for missing, 1 for the scale's lowest
point, …). A scale of few items then has few possible response patterns: each
respondent's pattern is coded as one number, the codes are counted, and every
sum of :class:`~twofold.core.stats.covariance.PairMoments` is a product of those
counts with the values of the patterns (:func:`pattern_moments`). Every sum is of
whole numbers below :math:`2^{53}`, so it is exact in any order, whatever the CPU
or BLAS kernel.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from twofold.core.scoring.key import BoolArray, FloatArray
from twofold.core.stats.covariance import PairMoments

__all__ = ["CHUNK_ROWS", "MAX_PATTERNS", "compact_answers", "fits_one_byte", "pattern_moments"]

ByteArray = npt.NDArray[np.uint8]
CHUNK_ROWS = 2048
"""Respondents per chunk of :func:`compact_answers`: their answers stay in the cache."""
MAX_PATTERNS = 2**22
"""Most possible patterns of a block that are counted; a code below 2**24 is exact in float32."""
ONE_CORE = 2**18
"""Multiply-adds of the largest matrix product made at once. OpenBLAS runs a product
this small on one thread; one split over two threads waits for the other core, which
on a shared two-core machine is often busy, and may then take ten times as long."""


def fits_one_byte(low: int, high: int) -> bool:
    """Whether answers from ``low`` to ``high`` fit :func:`compact_answers` (a signed byte)."""
    return -128 <= low <= high <= 127 and high - low < 255


def compact_answers(x: FloatArray, low: int, high: int, rows: int = CHUNK_ROWS) -> ByteArray | None:
    """Answers shifted to ``x - low + 1`` in one byte each, 0 where missing.

    Parameters
    ----------
    x
        ``(n, k)`` answers, NaN missing.
    low, high
        The response scale, within a signed byte (:func:`fits_one_byte`).
    rows
        Respondents per chunk, checked while in the cache.

    Returns
    -------
    numpy.ndarray or None
        ``(n, k)`` bytes; None if an answer is not NaN or a whole number from
        ``low`` to ``high``.

    Notes
    -----
    An answer is whole and within a signed byte exactly when it equals its own
    cast to one: NaN, infinities and other values do not survive the trip.

    Examples
    --------
    >>> compact_answers(np.array([[0.0, 4.0], [np.nan, 2.0]]), 0, 4)
    array([[1, 5],
           [0, 3]], dtype=uint8)
    >>> compact_answers(np.array([[0.5, 4.0]]), 0, 4) is None
    True
    """
    n, k = x.shape
    out = np.empty((n, k), dtype=np.uint8)
    chunk, points = min(rows, n), high - low + 1
    signed = np.empty((chunk, k), dtype=np.int8)
    same, unset = np.empty((chunk, k), dtype=bool), np.empty((chunk, k), dtype=bool)
    offset = np.uint8((low - 1) % 256)
    for start in range(0, n, rows):
        part = x[start : start + rows]
        width = len(part)
        c, eq, nan = signed[:width], same[:width], unset[:width]
        with np.errstate(invalid="ignore"):  # NaN and values off the byte become any byte
            np.copyto(c, part, casting="unsafe")
        np.equal(c, part, out=eq)
        answered = np.count_nonzero(eq)
        if answered + np.count_nonzero(np.isnan(part, out=nan)) != part.size:
            return None
        z = out[start : start + width]
        # Modulo 256, z is 1 to points exactly for the answers from low to high: any
        # other byte gives 0 or more than points, as the scale has under 255 points.
        np.subtract(c.view(np.uint8), offset, out=z)
        np.multiply(z, eq, out=z)
        if int(z.max(initial=0)) > points or np.count_nonzero(z) != answered:
            return None
    return out


def pattern_moments(
    z: ByteArray,
    blocks: Sequence[slice],
    shift: float,
    points: int,
    reverse: BoolArray | None = None,
    *,
    listwise: bool = False,
    most_patterns: int = MAX_PATTERNS,
) -> tuple[list[PairMoments], list[PairMoments]]:
    """Each block's pairwise moments, and those of its complete rows, from compact answers.

    Parameters
    ----------
    z
        ``(n, k)`` compact answers from :func:`compact_answers`.
    blocks
        Column slices, one per block (scale).
    shift
        ``low - 1``: the answer is ``shift + z``.
    points
        Points of the response scale, ``high - low + 1``: the largest *z*.
    reverse
        Items (True) whose answer *z* is read as ``points + 1 - z``, that is
        ``low + high - x``.
    listwise
        Also the moments of the rows where every item of a block is present
        (zero otherwise).
    most_patterns
        A block with more possible patterns is summed over its rows; at most
        :data:`MAX_PATTERNS`.

    Returns
    -------
    tuple of list of PairMoments
        As :func:`twofold.core.stats.covariance.block_moments` gives them, with
        the same values.

    Notes
    -----
    With :math:`b` = points + 1, a block of *k* items has :math:`b^k` possible
    patterns. Up to ``most_patterns`` of them, a respondent's pattern is
    coded as :math:`\\sum_i z_i b^i` (a float32 matrix product, exact below
    :math:`2^{24}`) and the codes are counted: :math:`H_{uv}` respondents
    answered pattern *v* on the first :math:`\\lceil k/2 \\rceil` items and
    *u* on the others. With :math:`A` and :math:`B` holding, per pattern of a
    half, each item's value of a function (z, :math:`z^2`, or 1 when present),
    a sum :math:`\\sum_r f(z_{ri}) g(z_{rj})` over the respondents is
    :math:`A_f^\\top \\operatorname{diag}(H^\\top 1) A_g` within the first
    half and :math:`A_f^\\top H^\\top B_g` across the halves: work of the order
    of :math:`b^k`, whatever the respondents. A bigger block sums over its rows.

    Examples
    --------
    >>> z = np.array([[1, 2], [2, 0], [3, 5]], dtype=np.uint8)
    >>> pairwise, _ = pattern_moments(z, [slice(0, 2)], 0.0, points=5)
    >>> pairwise[0].counts
    array([[3., 2.],
           [2., 2.]])
    """
    base, k = points + 1, z.shape[1]
    spans = [range(*block.indices(k)) for block in blocks]
    coded = [base ** len(span) <= min(most_patterns, MAX_PATTERNS) for span in spans]
    codes = _pattern_codes(z, spans, coded, base)
    flips = np.zeros(k, dtype=bool) if reverse is None else np.asarray(reverse, dtype=bool)
    pairwise, complete = [], []
    halves: dict[tuple[bool, ...], tuple[_Half, _Half]] = {}  # blocks alike share them
    for b, span in enumerate(spans):
        flip = flips[span.start : span.stop]
        if coded[b]:
            found = _histogram_moments(codes[b], halves, base, flip, shift, listwise)
        else:
            found = _row_moments(z[:, span.start : span.stop], base, flip, shift, listwise)
        pairwise.append(found[0])
        complete.append(found[1])
    return pairwise, complete


def _pattern_codes(
    z: ByteArray, spans: Sequence[range], coded: Sequence[bool], base: int
) -> npt.NDArray[np.float32]:
    """``(blocks, n)`` code of each respondent's pattern in each coded block."""
    n, k = z.shape
    powers = np.zeros((k, len(spans)), dtype=np.float32)
    for b, span in enumerate(spans):
        if coded[b]:
            powers[span.start : span.stop, b] = base ** np.arange(len(span), dtype=np.float64)
    codes = np.empty((len(spans), n), dtype=np.float32)
    rows = max(1, ONE_CORE // max(1, powers.size))
    for start in range(0, n if any(coded) else 0, rows):
        codes[:, start : start + rows] = (z[start : start + rows].astype(np.float32) @ powers).T
    return codes


class _Half:
    """Every pattern of ``k`` items of a block of ``block`` items, as columns for :func:`_sums`.

    ``values`` holds, per pattern, each item's z (reversed where the item is
    keyed so), then each item's square, then its presence (1 or 0), then an
    indicator of the pattern's person-score group: its code in ``group_codes``
    is the sum of its z times ``block + 1`` plus the items answered, which the
    two halves of a pattern add up to.
    """

    def __init__(self, k: int, block: int, base: int, flip: BoolArray) -> None:
        d = (np.arange(base**k)[:, None] // base ** np.arange(k) % base).astype(np.float64)
        d[:, flip] = np.where(d[:, flip] > 0, base - d[:, flip], 0.0)
        present = (d > 0).astype(np.float64)
        codes = d.sum(axis=1) * (block + 1) + present.sum(axis=1)
        self.group_codes, group = np.unique(codes.astype(np.intp), return_inverse=True)
        indicator = group[:, None] == np.arange(len(self.group_codes))
        self.values = np.hstack([d, d * d, present, indicator])
        self.complete: BoolArray = np.asarray(present.all(axis=1), dtype=bool)
        self.k = k

    def part(self, which: int) -> slice:
        """Columns of ``values``: 0 z, 1 squares, 2 presence."""
        return slice(which * self.k, (which + 1) * self.k)


_Z, _SQUARES, _PRESENT = 0, 1, 2


def _sums(h: FloatArray, a: _Half, b: _Half) -> tuple[list[FloatArray], FloatArray]:
    """Sums over the respondents counted in ``h`` (rows: patterns of ``b``, columns: of ``a``).

    Returns the ``(k, k)`` matrices :math:`\\sum_r f(z_{ri}) g(z_{rj})` for
    (f, g) = (z, z), (presence, presence), (z, presence), (z², presence),
    and the respondents of each person-score group code.
    """
    ka, kb, inner_a, inner_b = a.k, b.k, 3 * a.k, 3 * b.k
    va, vb = a.values[:, :inner_a], b.values[:, :inner_b]
    inside_a = _gram(va * h.sum(axis=0)[:, None], va)
    inside_b = _gram(vb * h.sum(axis=1)[:, None], vb)
    across = _gram(_gram(h.T, a.values), b.values)
    found = []
    for f, g in ((_Z, _Z), (_PRESENT, _PRESENT), (_Z, _PRESENT), (_SQUARES, _PRESENT)):
        out = np.empty((ka + kb, ka + kb))
        out[:ka, :ka] = inside_a[a.part(f), a.part(g)]
        out[:ka, ka:] = across[a.part(f), b.part(g)]
        out[ka:, :ka] = across[a.part(g), b.part(f)].T
        out[ka:, ka:] = inside_b[b.part(f), b.part(g)]
        found.append(out)
    codes = a.group_codes[:, None] + b.group_codes
    groups = np.bincount(codes.ravel(), across[inner_a:, inner_b:].ravel())
    return found, groups.astype(np.float64)


def _histogram_moments(
    codes: npt.NDArray[np.float32],
    halves: dict[tuple[bool, ...], tuple[_Half, _Half]],
    base: int,
    flip: BoolArray,
    shift: float,
    listwise: bool,
) -> tuple[PairMoments, PairMoments]:
    """Moments of a block from its respondents' pattern codes; ``halves`` caches the halves."""
    k, first = len(flip), (len(flip) + 1) // 2
    if tuple(flip) not in halves:
        halves[tuple(flip)] = (
            _Half(first, k, base, flip[:first]),
            _Half(k - first, k, base, flip[first:]),
        )
    a, b = halves[tuple(flip)]
    counts = np.bincount(codes.astype(np.intp), minlength=base**k)
    h = counts.reshape(len(b.values), len(a.values)).astype(np.float64)
    (cross, pairs, sums, squares), groups = _sums(h, a, b)
    pairwise = PairMoments(shift, pairs, sums, cross, squares, *_groups(groups, k))
    if not listwise:
        return pairwise, _complete(shift, 0.0, np.zeros(k), np.zeros((k, k)))
    full = h * (b.complete[:, None] & a.complete)
    (full_cross, _, full_sums, _), _ = _sums(full, a, b)
    return pairwise, _complete(shift, float(full.sum()), np.diag(full_sums).copy(), full_cross)


ROW_CHUNK = 2**16
"""Respondents of a block summed at once when its patterns are too many to count."""


def _row_moments(
    z: ByteArray, base: int, flip: BoolArray, shift: float, listwise: bool
) -> tuple[PairMoments, PairMoments]:
    """Moments of a block from its rows of ``z`` (0 missing): too many patterns to count.

    The rows are taken :data:`ROW_CHUNK` at a time, so the float copies stay small.
    """
    n, k = z.shape
    cross, pairs, sums, squares, full_cross = (np.zeros((k, k)) for _ in range(5))
    groups = np.zeros(k * (base - 1) * (k + 1) + k + 1)  # codes up to the largest sum
    full_n, full_totals = 0.0, np.zeros(k)
    for start in range(0, n, ROW_CHUNK):
        d = z[start : start + ROW_CHUNK].astype(np.float64)
        d[:, flip] = np.where(d[:, flip] > 0, base - d[:, flip], 0.0)
        present = (d > 0).astype(np.float64)
        cross += _gram(d, d)
        pairs += _gram(present, present)
        sums += _gram(d, present)
        squares += _gram(d * d, present)
        codes = (d.sum(axis=1) * (k + 1) + present.sum(axis=1)).astype(np.intp)
        groups += np.bincount(codes, minlength=len(groups))
        if listwise:
            full = d[present.all(axis=1)]
            full_n, full_totals = full_n + len(full), full_totals + full.sum(axis=0)
            full_cross += _gram(full, full)
    pairwise = PairMoments(shift, pairs, sums, cross, squares, *_groups(groups, k))
    return pairwise, _complete(shift, full_n, full_totals, full_cross)


def _gram(left: FloatArray, right: FloatArray) -> FloatArray:
    """``left.T @ right``, summed over pieces of rows of at most :data:`ONE_CORE` products.

    Every entry is a sum of whole numbers below 2**53, so the pieces change nothing.
    """
    rows = max(1, ONE_CORE // max(1, left.shape[1] * right.shape[1]))
    if len(left) <= rows:
        return np.asarray(left.T @ right, dtype=np.float64)
    out = np.zeros((left.shape[1], right.shape[1]))
    for start in range(0, len(left), rows):
        out += left[start : start + rows].T @ right[start : start + rows]
    return out


def _groups(groups: FloatArray, k: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Items answered, sum of z and respondents of each group with respondents.

    ``groups[t * (k + 1) + a]`` counts the respondents who answered *a* items with
    *z* summing to *t*; the groups come ordered by *t*, then *a*.
    """
    found = np.flatnonzero(groups)
    answered, totals = (found % (k + 1)).astype(np.float64), (found // (k + 1)).astype(np.float64)
    return answered, totals, groups[found]


def _complete(shift: float, n: float, totals: FloatArray, cross: FloatArray) -> PairMoments:
    """The moments of the complete rows, in the shape of pairwise moments."""
    ones, none = np.ones(cross.shape), np.empty(0)
    squares = np.diag(cross)[:, None] * ones
    return PairMoments(shift, n * ones, totals[:, None] * ones, cross, squares, none, none, none)
