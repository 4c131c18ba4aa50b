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
    """Write ``text`` to ``path`` whole or not at all (see :func:`atomic_file`)."""
    with atomic_file(path) as handle:
        handle.write(text.encode("utf-8"))


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only when the block ends without an error.

    The bytes go to a temporary file in the same directory, which then replaces
    ``path`` in one step: a crash or a full disk leaves the old file (or none),
    never half a result. The file gets the permissions any new file of the user
    gets (``0o666`` less the umask), not the owner-only mode of a temporary file.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    """The process's umask; reading it means setting it, so it is set straight back."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


FloatArray = npt.NDArray[np.float64]
TextCells = npt.NDArray[np.bytes_]
"""One CSV column as UTF-8 bytes, one cell per row (numpy pads them with NUL bytes)."""
_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def number_cells(values: FloatArray, digits: int | None = None) -> TextCells:
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
    distinct, index = _hashed(present)
    if distinct is None:
        # unique_values hashes instead of sorting: only the distinct values are sorted.
        distinct = np.sort(np.unique_values(present))
        index = np.searchsorted(distinct, present)
    text = repr if digits is None else partial(_rounded, digits=digits)
    cells = np.array([*map(text, distinct.tolist()), ""], dtype=np.bytes_)
    index[missing] = len(distinct)
    return cells[index]


_BUCKET_BITS = 16


def _hashed(values: FloatArray) -> tuple[FloatArray | None, npt.NDArray[np.intp]]:
    """The distinct values and each value's place among them, by hashing the values' bits.

    A few passes over the values instead of a search per value; when two
    distinct values share a bucket (many distinct values), None, and the
    caller sorts instead.
    """
    size = 1 << _BUCKET_BITS
    bits = values.view(np.uint64)
    spread = bits * np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits mix all
    bucket = (spread >> np.uint64(64 - _BUCKET_BITS)).astype(np.intp)
    held = np.zeros(size)
    held[bucket] = values  # one value per bucket: the last written
    if not (held[bucket] == values).all():
        return None, bucket
    used = np.flatnonzero(np.bincount(bucket, minlength=size))
    place = np.zeros(size, np.intp)
    place[used] = np.arange(used.size)
    return held[used], place[bucket]


def _rounded(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_cells(values: Sequence[str]) -> TextCells:
    """Strings as CSV cells, quoted where a comma, a quote or a line break needs it.

    Examples
    --------
    >>> text_cells(["Ann", "Smith, Bo", 'Bo "B" Ek']).tolist()
    [b'Ann', b'"Smith, Bo"', b'"Bo ""B"" Ek"']
    """
    joined = "\n".join(values)
    plain = not ('"' in joined or "," in joined or "\r" in joined)
    if plain and joined.count("\n") == len(values) - 1:
        # The usual case, checked on all the cells at once: nothing to quote.
        return _split_lines(joined.encode(), len(values))
    search = _NEEDS_QUOTES.search
    quoted = np.flatnonzero(np.fromiter(map(bool, map(search, values)), bool, len(values)))
    encoded = list(map(str.encode, values))
    for i in quoted.tolist():  # only the rare cell that needs quotes
        encoded[i] = ('"' + values[i].replace('"', '""') + '"').encode()
    return np.array(encoded, dtype=np.bytes_)


def _split_lines(text: bytes, n: int) -> TextCells:
    """The ``n`` lines of ``text`` as cells, cut by numpy instead of one bytes object each."""
    data = np.frombuffer(text + b"\n", np.uint8)
    ends = np.flatnonzero(data == ord("\n"))
    starts = np.concatenate([[0], ends[:-1] + 1])
    lengths = ends - starts
    width = max(int(lengths.max()) if n else 0, 1)
    offsets = np.arange(width)
    at = np.minimum(starts[:, None] + offsets, data.size - 1)
    cells = np.where(offsets < lengths[:, None], data[at], 0).astype(np.uint8)
    return np.ascontiguousarray(cells).view(f"S{width}")[:, 0]


def csv_lines(columns: Sequence[TextCells]) -> bytes:
    """Rows of CSV (each ending in a newline) from columns of cells, all of one length.

    Examples
    --------
    >>> csv_lines([text_cells(["p1", "p2"]), number_cells(np.array([2.5, np.nan]))])
    b'p1,2.5\\np2,\\n'
    """
    return CsvRows().lines(columns)


class CsvRows:
    """Joins columns of cells into CSV rows with numpy, reusing its buffers part after part.

    The cells are laid side by side in a byte matrix, with a comma (or the
    newline) after each, and the NUL padding is then dropped: the rows are
    joined by numpy, not by a Python loop over them. Writing a big file part
    by part, the matrix and its mask are kept for the next part instead of
    claiming fresh memory each time.
    """

    def __init__(self) -> None:
        self.block = np.empty(0, np.uint8)
        self.mask = np.empty(0, bool)

    def lines(self, columns: Sequence[TextCells]) -> bytes:
        n = len(columns[0])
        widths = [column.dtype.itemsize for column in columns]
        size = n * (sum(widths) + len(widths))
        if self.block.size < size:
            self.block, self.mask = np.empty(size, np.uint8), np.empty(size, bool)
        block = self.block[:size].reshape(n, -1)
        at = 0
        for column, width in zip(columns, widths, strict=True):
            block[:, at : at + width] = column.view(np.uint8).reshape(n, width)
            block[:, at + width] = ord(",")
            at += width + 1
        block[:, -1] = ord("\n")
        mask = np.not_equal(self.block[:size], 0, out=self.mask[:size])
        lines: bytes = self.block[:size][mask].tobytes()
        return lines
