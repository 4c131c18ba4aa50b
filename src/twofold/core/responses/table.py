"""The answers of a responses file, held as small integers until a float matrix is asked for."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from twofold.core.scoring.key import FloatArray

MISSING_CODE = -1
"""The code of a missing answer; an answer ``x`` is stored as ``x - low``."""
ROWS_AT_A_TIME = 16_384
"""Rows turned into floats at a time."""
BAD_CODE = -2
"""The code of a cell that is not an answer, while a file is read; never left in a table."""


@dataclass(frozen=True, eq=False)
class ResponseTable:
    """Answers of ``n`` respondents, columns in the order of ``item_ids``.

    ``codes`` holds each answer as its distance from ``low`` (``MISSING_CODE``
    where missing) in the smallest integer type that fits the scale: a million
    respondents × 48 items take 48 MB instead of the 384 MB of a float matrix.
    ``notes`` says what a user should know about how the file was read (an
    encoding that was not UTF-8).
    """

    respondent_ids: tuple[str, ...]
    item_ids: tuple[str, ...]
    codes: npt.NDArray[np.signedinteger]
    low: int
    ignored_columns: tuple[str, ...]
    kept: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return int(self.codes.shape[0])

    @property
    def matrix(self) -> FloatArray:
        """All answers as floats on the response scale, NaN where missing."""
        return self.answers(0, self.n)

    def answers(self, start: int, stop: int) -> FloatArray:
        """Rows ``start:stop`` as floats, NaN where missing: score a big file part by part."""
        codes = self.codes[start:stop]
        values = np.empty(codes.shape)
        if codes.dtype != np.int8:
            values[...] = codes
            values[codes == MISSING_CODE] = np.nan
            values += self.low
            return values
        # One look-up per answer: code c is low + c, and code -1 (missing) takes the
        # last entry, NaN. numpy widens the codes it looks up to 8 bytes each, so a
        # few rows at a time keep that copy small.
        table = np.append(np.arange(self.low, self.low + 128, dtype=np.float64), np.nan)
        for at in range(0, codes.shape[0], ROWS_AT_A_TIME):
            part = slice(at, at + ROWS_AT_A_TIME)
            np.take(table, codes[part], out=values[part])
        return values


def code_type(low: int, high: int) -> type[np.signedinteger]:
    """The smallest signed integer type holding every code of a ``low..high`` scale."""
    span = high - low
    for dtype in (np.int8, np.int16, np.int32):
        if span <= np.iinfo(dtype).max:
            return dtype
    return np.int64
