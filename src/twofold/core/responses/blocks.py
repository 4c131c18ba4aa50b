"""Splitting plain blocks of a responses file with numpy instead of the csv module.

Most responses files are plain: no quotes, every row as wide as the header,
answers of a character or two. A block of such rows (a few megabytes, cut at
a line end) is split by finding its delimiters and line ends with numpy, and
each distinct cell text is converted once; the csv module would make a Python
string of every cell first, which is most of the time a big file takes.

Anything else in a block (a quote, a row of another width, a blank line, a
long cell, a lone carriage return) sends the block to the csv module, and a
quote sends the rest of the file there, since a quoted cell may hold a line
break. So the two routes read every file the same way, and the csv module
still words every problem of a bad row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

from twofold.core.responses.table import BAD_CODE, MISSING_CODE

BLOCK_BYTES = 4 << 20
LONGEST_ANSWER = 8
"""Bytes an answer cell may take on the fast route (" 3", "3.0", "NA", "100")."""
LONGEST_TEXT = 256
"""Bytes an id or kept cell may take on the fast route."""

IntArray = npt.NDArray[np.signedinteger]
KeyArray = npt.NDArray[np.unsignedinteger]


@dataclass(frozen=True)
class Split:
    """The cells of a plain block: answer codes, ids and kept texts, by row."""

    codes: npt.NDArray[np.signedinteger]
    texts: dict[int, list[str]]
    """Column index → the stripped text of each row, for the id and kept columns."""
    bad: dict[tuple[int, int], str]
    """(row, item) → the cell text of each answer that is not one."""
    blank: npt.NDArray[np.bool_]
    """Rows with nothing in any cell (a spreadsheet's ",,,,"), to be passed over."""
    filled: set[int]
    """Unnamed columns with something in them."""


def blocks(raw: BinaryIO) -> Iterator[bytes]:
    """The rest of a file in blocks of about ``BLOCK_BYTES``, each ending at a line end."""
    while block := raw.read(BLOCK_BYTES):
        if not block.endswith(b"\n"):
            block += raw.readline()
        if not block.endswith(b"\n"):  # the last line, without its line end
            block += b"\n"
        yield block


def split_block(
    block: bytes,
    delimiter: str,
    width: int,
    items: list[int],
    texts: list[int],
    unnamed: set[int],
    code_of: Callable[[str], int],
    dtype: type[np.signedinteger],
) -> Split | None:
    """The cells of a plain block, or None for a block the csv module must read.

    ``items`` are the columns of the answers, in item order, and ``texts`` the
    columns whose text is wanted (id, kept). ``code_of`` gives the code of an
    answer's text, ``BAD_CODE`` for one that is not an answer. Raises
    UnicodeDecodeError for a block that is not UTF-8.
    """
    block.decode("utf-8")  # checks the encoding, as the csv route would
    if b'"' in block or b"\0" in block:
        return None
    if b"\r" in block:
        if block.count(b"\r") != block.count(b"\r\n"):
            return None
        block = block.replace(b"\r\n", b"\n")
    data = np.frombuffer(block, np.uint8)
    # Positions as 32-bit numbers (a block is far below 2 GB): half the memory to go through.
    boundaries = np.flatnonzero((data == ord(delimiter)) | (data == ord("\n"))).astype(np.int32)
    rows = int(np.count_nonzero(data[boundaries] == ord("\n")))
    if boundaries.size != rows * width:
        return None
    ends: IntArray = boundaries.reshape(rows, width)
    if not (data[ends[:, -1]] == ord("\n")).all():
        return None
    starts = np.empty_like(ends)
    starts[:, 1:] = ends[:, :-1] + 1
    starts[0, 0] = 0
    starts[1:, 0] = ends[:-1, -1] + 1
    picked = _columns(items)
    keys = _keys(data, starts[:, picked], ends[:, picked])
    if keys is None:
        return None
    codes = _codes(keys, code_of, dtype)
    bad_rows, bad_items = np.nonzero(codes == BAD_CODE)
    bad = {
        (r, c): _text(int(keys[r, c]))
        for r, c in zip(bad_rows.tolist(), bad_items.tolist(), strict=True)
    }
    cells: dict[int, list[str]] = {}
    for column in texts:
        found = _strings(data, starts[:, column], ends[:, column])
        if found is None:
            return None
        cells[column] = found
    blank = (codes == MISSING_CODE).all(axis=1)
    for r in np.flatnonzero(blank).tolist():  # rare: rows without an answer
        row = block[starts[r, 0] : ends[r, -1]].decode()
        blank[r] = not row.replace(delimiter, "").strip()
    filled = set()
    for column in unnamed:
        if (ends[:, column] > starts[:, column]).any():
            found = _strings(data, starts[:, column], ends[:, column])
            if found is None or any(found):
                filled.add(column)
    return Split(codes, cells, bad, blank, filled)


def _columns(items: list[int]) -> list[int] | slice:
    """The item columns as a slice when they are side by side in order (a view, not a copy)."""
    if items == list(range(items[0], items[0] + len(items))):
        return slice(items[0], items[0] + len(items))
    return items


def _keys(data: npt.NDArray[np.uint8], starts: IntArray, ends: IntArray) -> KeyArray | None:
    """Each cell's bytes packed into a number, first byte lowest; None if one is too long.

    The numbers are 16-bit when every cell has at most two bytes (nearly always:
    answers such as "4" or "NA"), else 64-bit.
    """
    lengths = ends - starts
    most = int(lengths.max()) if lengths.size else 0
    if most > LONGEST_ANSWER:
        return None
    kind = np.uint16 if most <= 2 else np.uint64
    keys = np.zeros(starts.shape, kind)
    last = data.size - 1
    for k in range(most):
        byte = data[np.minimum(starts + k, last)] if k else data[starts]
        cell_byte: KeyArray = np.where(lengths > k, byte, 0).astype(kind)
        keys |= np.left_shift(cell_byte, 8 * k).astype(kind, copy=False)
    return keys


def _text(key: int) -> str:
    return key.to_bytes(LONGEST_ANSWER, "little").rstrip(b"\0").decode()


def _codes(
    keys: KeyArray, code_of: Callable[[str], int], dtype: type[np.signedinteger]
) -> npt.NDArray[np.signedinteger]:
    """The code of every cell, each distinct key converted once.

    Two-byte keys (nearly all) are looked up in a table indexed by the key,
    which is much faster than sorting; longer ones go through numpy's unique.
    """
    if keys.dtype == np.uint16:
        seen = np.zeros(1 << 16, bool)
        seen[keys] = True
        present = np.flatnonzero(seen)
        table = np.zeros(1 << 16, dtype)
        table[present] = [code_of(_text(key)) for key in present.tolist()]
        codes: npt.NDArray[np.signedinteger] = table[keys]
        return codes
    distinct, inverse = np.unique(keys, return_inverse=True)
    found = np.array([code_of(_text(key)) for key in distinct.tolist()], dtype=dtype)
    codes = found[inverse.reshape(keys.shape)]
    return codes


def _strings(data: npt.NDArray[np.uint8], starts: IntArray, ends: IntArray) -> list[str] | None:
    """The stripped text of one column's cells, or None if one is too long."""
    lengths = ends - starts
    longest = int(lengths.max()) if lengths.size else 0
    if longest > LONGEST_TEXT:
        return None
    if longest == 0:
        return [""] * len(starts)
    offsets = np.arange(longest)
    at = np.minimum(starts[:, None] + offsets, data.size - 1)
    picked = np.where(offsets < lengths[:, None], data[at], 0).astype(np.uint8)
    as_bytes = np.ascontiguousarray(picked).view(f"S{longest}")[:, 0]
    return list(map(str.strip, map(bytes.decode, as_bytes.tolist())))
