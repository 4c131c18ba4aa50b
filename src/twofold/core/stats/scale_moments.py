"""The pairwise moments of each scale of an instrument, from its raw answers, checked once.

Whole answers on a scale that fits in a byte take the exact integer path of
:mod:`twofold.core.stats.patterns`; imputed answers and wider scales take
:func:`twofold.core.stats.covariance.block_moments`. Both give the same sums.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from twofold.core.errors import TwofoldError
from twofold.core.scoring import ScoringKey, check_range
from twofold.core.scoring import impute as fill_missing
from twofold.core.scoring.key import FloatArray
from twofold.core.stats import covariance as cv
from twofold.core.stats import patterns
from twofold.core.stats.covariance import PairMoments

__all__ = ["scale_moments"]


def scale_moments(
    key: ScoringKey, responses: npt.ArrayLike, impute: str = "none", listwise: bool = False
) -> tuple[list[slice], list[PairMoments], list[PairMoments]]:
    """Each scale's columns, pairwise moments and complete-row moments of its keyed answers.

    Parameters
    ----------
    key
        The scoring key; its items come grouped by scale.
    responses
        ``(n, k)`` raw answers in the key's item order, NaN missing.
    impute
        ``"none"``, ``"median"`` or ``"mean"``, as
        :func:`twofold.core.scoring.impute.impute`.
    listwise
        Also the moments of each scale's complete rows (zero otherwise).

    Returns
    -------
    tuple
        Column slices of the scales, their pairwise moments and their
        complete-row moments (see
        :func:`twofold.core.stats.covariance.block_moments`), with
        reverse-keyed answers read as ``low + high - x``.

    Raises
    ------
    ResponsesError
        Naming each answer that is not a whole number of the response scale.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> key = ScoringKey.from_instrument(instrument_from_keys("A=a1,-a2;B=b1", 0, 4))
    >>> blocks, pairwise, _ = scale_moments(key, np.array([[0.0, 4.0, 1.0], [3.0, 1.0, 2.0]]))
    >>> blocks
    [slice(0, 2, None), slice(2, 3, None)]
    >>> pairwise[0].means()  # a2 keyed: 4 - 4 = 0 and 4 - 1 = 3
    array([1.5, 1.5])
    """
    matrix = np.asarray(responses, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(key.item_ids):
        check_range(key, matrix)  # raises, naming the expected shape
    sizes = key.items_to_scales.sum(axis=0).astype(int)
    blocks = [slice(int(a), int(b)) for a, b in itertools.pairwise(np.cumsum([0, *sizes]))]
    compact = None
    if patterns.fits_one_byte(key.low, key.high):  # checked and shifted once, into bytes
        compact = patterns.compact_answers(matrix, key.low, key.high)
    if compact is None:  # a bad answer (named here), or a scale beyond one byte
        pairwise, complete = _float_moments(key, matrix, blocks, impute, listwise)
    elif impute == "none":  # every moment from the compact copy
        points = key.high - key.low + 1
        pairwise, complete = patterns.pattern_moments(
            compact, blocks, key.low - 1.0, points, key.reverse, listwise=listwise
        )
    if impute != "none":
        keyed = fill_missing(key.apply_keys(matrix), impute)
        pairwise, complete = _float_moments(key, keyed, blocks, impute, listwise, keyed=True)
    return blocks, pairwise, complete


def _float_moments(
    key: ScoringKey,
    matrix: FloatArray,
    blocks: Sequence[slice],
    impute: str,
    listwise: bool,
    *,
    keyed: bool = False,
) -> tuple[list[PairMoments], list[PairMoments]]:
    """Moments in floating point: of imputed answers, or of a scale beyond one byte.

    Raw answers (not ``keyed``) are reversed and checked here, naming each bad one.
    """
    shift = key.low - 1.0
    # Whole answers (or halves, after a median) minus the shift: float32 products are exact.
    exact = impute != "mean" and cv.CHUNK_ROWS * (key.high - shift) ** 2 <= 2**22
    dtype = np.float32 if exact else np.float64
    reverse = None if keyed else (key.reverse, float(key.low + key.high))
    try:
        found = cv.block_moments(matrix, blocks, shift, reverse, listwise=listwise, dtype=dtype)
    except TwofoldError:  # an infinite answer: say which
        check_range(key, matrix)
        raise
    pairwise, complete, answers = found
    in_range = np.isnan(answers.low) or key.low <= answers.low <= answers.high <= key.high
    if not keyed and not (answers.whole and in_range):
        check_range(key, matrix)  # raises, naming each bad answer
    return pairwise, complete
