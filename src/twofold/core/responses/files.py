"""Opening a responses file as spreadsheets save it: its encoding and its delimiter.

Encoding: UTF-8 (with or without the byte-order mark Excel writes) is tried
first; UTF-16 is read when its byte-order mark says so (Excel's "Unicode
text"); a file that is not valid UTF-8 is read as Windows-1252, the Western
European encoding of Excel on Windows, and a note says so. A file that is none
of these is refused, naming its first line that cannot be read. See
docs/decisions/0012-responses-files.md.

Delimiter: the one of comma, semicolon and tab that the header line holds most
often (comma when none). A semicolon-separated file comes from a spreadsheet
that writes decimal commas, so its answers may be written ``3,0``.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from twofold.core.errors import ResponsesError
from twofold.core.responses.blocks import blocks, split_block
from twofold.core.responses.parsing import CHUNK_ROWS, Chunks, parse_responses
from twofold.core.responses.table import ResponseTable

DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}
"""The delimiters detected, by the names ``--delimiter`` takes."""
FALLBACK_ENCODING = "cp1252"


def read_responses_csv(
    path: str | Path,
    item_ids: Sequence[str],
    low: int,
    high: int,
    *,
    keep: Sequence[str] = (),
    require_id: bool = True,
    delimiter: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ResponseTable:
    """Read and check a responses CSV against an instrument's items and range.

    ``delimiter`` forces one (``","``, ``";"`` or ``"\\t"``); by default it is
    detected from the header. ``progress`` is called now and then with the
    number of bytes read so far. See :func:`~.parsing.parse_responses` for
    ``keep``, ``require_id`` and the problems raised.

    Raises
    ------
    ResponsesError
        For a file that cannot be read, and for every problem of its content.
    """
    path = Path(path)
    source = str(path)
    try:
        with path.open("rb") as raw:
            head = raw.read(4)
    except FileNotFoundError:
        raise ResponsesError(["no such file"], source) from None
    except OSError as exc:
        raise ResponsesError([f"cannot be read ({exc.strerror})"], source) from None
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))

    def read(encoding: str) -> ResponseTable:
        return _read(path, encoding, item_ids, low, high, keep, require_id, delimiter, progress)

    if utf16:
        return _decoded(path, lambda: read("utf-16"), "utf-16")
    try:
        return read("utf-8-sig")
    except UnicodeDecodeError:
        pass
    table = _decoded(path, lambda: read(FALLBACK_ENCODING), FALLBACK_ENCODING)
    line = _first_bad_line(path, "utf-8")
    note = (
        f"{path} is not UTF-8 (first on line {line}), so it was read as Windows-1252 "
        "(Western European); if a name looks wrong, save the file as CSV UTF-8 and run again"
    )
    return replace(table, notes=(*table.notes, note))


def _decoded(path: Path, read: Callable[[], ResponseTable], encoding: str) -> ResponseTable:
    """The table ``read`` returns, or a problem naming the line that ``encoding`` cannot read."""
    try:
        return read()
    except UnicodeError:
        line = _first_bad_line(path, encoding)
        tried = "UTF-16" if encoding == "utf-16" else "neither UTF-8 nor Windows-1252"
        raise ResponsesError(
            [
                f"line {line}: not readable as text ({tried}); "
                "save the file as CSV UTF-8 and run again"
            ],
            str(path),
        ) from None


def _first_bad_line(path: Path, encoding: str) -> int:
    """The line holding the first byte that ``encoding`` cannot decode (1 if none is found).

    Run only when decoding has already failed, so reading the whole file is a
    price paid once, for a message a user can act on.
    """
    data = path.read_bytes()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, exc.start) + 1
    return 1


def _read(
    path: Path,
    encoding: str,
    item_ids: Sequence[str],
    low: int,
    high: int,
    keep: Sequence[str],
    require_id: bool,
    delimiter: str | None,
    progress: Callable[[int], None] | None,
) -> ResponseTable:
    source = str(path)
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        header = text.readline()
        chosen = delimiter or detect_delimiter(header)
        tick = None if progress is None else lambda: progress(raw.tell())
        try:
            if encoding == "utf-8-sig" and header and '"' not in header:
                raw.seek(0)
                raw.readline()  # the header again, now to read on from its end
                return _read_blocks(
                    raw, header, chosen, item_ids, (low, high), source, keep, require_id, tick
                )
            text.seek(0)
            return parse_responses(
                csv.reader(text, delimiter=chosen),
                item_ids,
                low,
                high,
                source,
                keep=keep,
                require_id=require_id,
                decimal_comma=chosen == ";",
                progress=tick,
            )
        except csv.Error as exc:
            raise ResponsesError([f"cannot be read as CSV ({exc})"], source) from None


def _read_blocks(
    raw: BinaryIO,
    header: str,
    delimiter: str,
    item_ids: Sequence[str],
    scale: tuple[int, int],
    source: str,
    keep: Sequence[str],
    require_id: bool,
    tick: Callable[[], None] | None,
) -> ResponseTable:
    """Read a UTF-8 file after its header block by block: numpy for plain blocks, csv else."""
    (header_row,) = csv.reader([header], delimiter=delimiter)
    low, high = scale
    table = Chunks(header_row, item_ids, low, high, source, keep, require_id, delimiter == ";")
    for block in blocks(raw):
        split = split_block(
            block,
            delimiter,
            table.width,
            table.item_columns,
            table.text_columns,
            table.unnamed,
            table.answers.__getitem__,
            table.dtype,
        )
        if split is not None:
            table.add_split(split)
        else:
            # A quote may open a cell that runs past the block: the csv module reads the rest.
            rest = block + (raw.read() if b'"' in block else b"")
            rows = csv.reader(io.StringIO(rest.decode("utf-8"), newline=""), delimiter=delimiter)
            while chunk := list(islice(rows, CHUNK_ROWS)):
                table.add(chunk)
        if tick is not None:
            tick()
    return table.table()


def detect_delimiter(header: str) -> str:
    """The delimiter of a file from its header line: comma, semicolon or tab.

    Examples
    --------
    >>> detect_delimiter("respondent_id;A1;A2"), detect_delimiter("id,name"), detect_delimiter("x")
    (';', ',', ',')
    """
    counts = {mark: header.count(mark) for mark in DELIMITERS.values()}
    best = max(counts, key=counts.__getitem__)  # the first, comma, wins a tie
    return best if counts[best] else ","
