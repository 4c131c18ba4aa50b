"""How results leave the core: JSON-ready numbers, CSV cells, files written whole or not at all."""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import BinaryIO, SupportsFloat

import numpy as np
import numpy.typing as npt


def optional(value: SupportsFloat) -> float | None:
    """``None`` for NaN, else the value as a float.

    Arrays mark an undefined or missing value with NaN; JSON has no NaN, and
    printing one as a number would mislead, so it becomes ``null``.

    Examples
    --------
    >>> optional(float("nan")) is None, optional(2)
    (True, 2.0)
    """
    number = float(value)
    return None if math.isnan(number) else number


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all.

    The text goes to a temporary file in the same directory, which then
    replaces ``path`` in one step: a crash or a full disk leaves the old file
    (or none), never half a result.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only when the block ends without an error.

    The streaming form of :func:`write_atomically`, for output written part by
    part: a failure on the way leaves the old file (or none).
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


TextCells = npt.NDArray[np.bytes_]
"""One CSV column as UTF-8 bytes, one cell per row (numpy pads them with NUL bytes)."""
_NEEDS_QUOTES = re.compile(r'[",\r\n]|^\s|\s$')


def number_cells(values: npt.NDArray[np.float64], digits: int | None = None) -> TextCells:
    """Each number as CSV text: empty for NaN, else the shortest text that reads back
    as the same float (as Python's ``repr``), or rounded to ``digits`` decimals
    with trailing zeros dropped.

    Each distinct value is formatted once: scores, means of a few whole
    answers, take a few hundred values among a million respondents.

    Examples
    --------
    >>> number_cells(np.array([4 / 3, 3.0, np.nan])).tolist()
    [b'1.3333333333333333', b'3.0', b'']
    >>> number_cells(np.array([4 / 3, 3.0, -0.001]), digits=2).tolist()
    [b'1.33', b'3', b'0']
    """
    missing = np.isnan(values)
    present = np.where(missing, 0.0, values)
    # unique_values hashes instead of sorting: the sort is of the few distinct values only.
    distinct = np.sort(np.unique_values(present))
    index = np.searchsorted(distinct, present)
    text = repr if digits is None else partial(_rounded, digits=digits)
    cells = np.array([*map(text, distinct.tolist()), ""], dtype=np.bytes_)
    index[missing] = len(distinct)
    return cells[index]


def _rounded(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_cells(values: Sequence[str]) -> TextCells:
    """Strings as CSV cells, quoted where a comma, quote, line break or edge space needs it."""
    search = _NEEDS_QUOTES.search
    quoted = np.flatnonzero(np.fromiter(map(bool, map(search, values)), bool, len(values)))
    encoded = list(map(str.encode, values))
    for i in quoted.tolist():  # only the rare cell that needs quotes
        encoded[i] = ('"' + values[i].replace('"', '""') + '"').encode()
    return np.array(encoded, dtype=np.bytes_)


def csv_lines(columns: Sequence[TextCells]) -> bytes:
    """Rows of CSV (each ending in a newline) from columns of cells, all of one length.

    The cells are laid side by side in a byte matrix, with a comma (or the
    newline) after each, and the NUL padding is then dropped: the rows are
    joined by numpy, not by a Python loop over them.
    """
    n = len(columns[0])
    comma, newline = np.full((n, 1), ord(","), np.uint8), np.full((n, 1), ord("\n"), np.uint8)
    parts: list[npt.NDArray[np.uint8]] = []
    for column in columns:
        cells = np.ascontiguousarray(column).view(np.uint8)
        parts += [cells.reshape(n, column.dtype.itemsize), comma]
    parts[-1] = newline
    block = np.hstack(parts)
    lines: bytes = block[block != 0].tobytes()
    return lines
