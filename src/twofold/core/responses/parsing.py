"""Checking split CSV rows and turning them into a :class:`ResponseTable`, chunk by chunk.

Each chunk of rows is checked and converted with C-level iteration (``map``,
``itemgetter``, ``np.fromiter``) and numpy, never a Python loop per row: a
file of a million rows is read in seconds. Loops over rows run only to word
the problems of a bad file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import chain, compress, islice
from operator import itemgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from twofold.core.errors import ResponsesError
from twofold.core.responses.blocks import Split
from twofold.core.responses.table import BAD_CODE, MISSING_CODE, ResponseTable, code_type

ID_COLUMN = "respondent_id"
MISSING_TEXT = "NA"
"""A cell that says so is missing, as R's ``write.csv`` writes it; so is an empty cell."""
CHUNK_ROWS = 20_000
"""Rows converted at a time: the strings of one chunk are all that is held as text."""

Rows = Iterable[Sequence[str]]


def parse_responses(
    rows: Rows,
    item_ids: Sequence[str],
    low: int,
    high: int,
    source: str = "responses",
    *,
    keep: Sequence[str] = (),
    require_id: bool = True,
    decimal_comma: bool = False,
    progress: Callable[[], None] | None = None,
) -> ResponseTable:
    """Check split CSV rows (header first) against an instrument's items and range.

    ``keep`` names extra columns whose text is returned in ``kept`` (e.g. the
    column that says which rater group a row belongs to). Without
    ``require_id``, a file with no ``respondent_id`` column is accepted and its
    rows are named by their line numbers. With ``decimal_comma``, an answer
    written ``3,0`` is 3, as a spreadsheet in much of Europe writes it.
    ``progress`` is called after each chunk of rows.

    Raises
    ------
    ResponsesError
        Naming each bad line and column: a value that is not a whole number in
        ``low..high``, a missing item column, a missing or repeated respondent id.
    """
    rows = iter(rows)
    header_row = next(rows, None)
    if header_row is None:
        raise ResponsesError(["the file is empty: expected a header row"], source)
    reader = Chunks(header_row, item_ids, low, high, source, keep, require_id, decimal_comma)
    for chunk in iter(lambda: list(islice(rows, CHUNK_ROWS)), []):
        reader.add(chunk)
        if progress is not None:
            progress()
    return reader.table()


#: Separators a one-column header may hold when the wrong delimiter was used.
_SEPARATORS = ((",", "comma"), (";", "semicolon"), ("\t", "tab"))


def _header_problems(
    header: list[str], item_ids: Sequence[str], keep: Sequence[str], require_id: bool
) -> list[str]:
    problems = []
    named = [name for name in header if name]
    shown = ", ".join(named[:12]) + (", …" if len(named) > 12 else "")
    if require_id and ID_COLUMN not in header:
        problems.append(f"line 1: no '{ID_COLUMN}' column")
    for name in keep:
        if name not in header:
            problems.append(f"line 1: no '{name}' column (the columns are: {shown})")
    missing = [item for item in item_ids if item not in header]
    if missing:
        hint = ""
        if len(header) == 1:
            seen = [name for mark, name in _SEPARATORS if mark in header[0]]
            hint = (
                f" (the header is one column but holds {seen[0]}s: is the file "
                f"{seen[0]}-separated? Then let the delimiter be detected, or name that one)"
                if seen
                else " (the header is one column: if the file is separated by something "
                "other than commas, semicolons or tabs, save it as CSV)"
            )
        columns = "an item column" if len(missing) == 1 else "item columns"
        problems.append(f"line 1: missing {columns}: {', '.join(missing)}{hint}")
    for name in sorted({h for h in named if header.count(h) > 1}):
        problems.append(f"line 1: column '{name}' appears more than once")
    return problems


class _Answers(dict[str, int]):
    """Cell text to answer code, worked out once per distinct text.

    A file of a million rows holds only a handful of distinct answers, so looking
    each cell up here is many times faster than converting every cell.
    """

    def __init__(self, low: int, high: int, decimal_comma: bool) -> None:
        super().__init__()
        self.low, self.high, self.decimal_comma = low, high, decimal_comma
        self.bad: dict[str, str] = {}

    def __missing__(self, text: str) -> int:
        code = MISSING_CODE
        stripped = text.strip()
        if stripped and stripped != MISSING_TEXT:
            number = stripped.replace(",", ".", 1) if self.decimal_comma else stripped
            try:
                value = float(number)
            except ValueError:
                self.bad[text] = f"'{stripped}' is not a number"
                code = BAD_CODE
            else:
                # Written as "not (in range and whole)" so that 'nan' and 'inf' fail too.
                if not (self.low <= value <= self.high and value == round(value)):
                    self.bad[text] = (
                        f"'{stripped}' is not a whole number from {self.low} to {self.high}"
                    )
                    code = BAD_CODE
                else:
                    code = int(value) - self.low
        self[text] = code
        return code


def _picker(columns: list[int]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    """The cells of ``columns`` of a row, always as a tuple (itemgetter of one is not)."""
    if len(columns) == 1:
        (column,) = columns
        return lambda row: (row[column],)
    return itemgetter(*columns)


class Chunks:
    """The table being read: each chunk of rows is checked and converted as it comes.

    A chunk is either rows split by the csv module (:meth:`add`) or a block
    split by numpy (:meth:`add_split`, see :mod:`.blocks`); both are checked
    by the same rules and give the same messages.

    Raises
    ------
    ResponsesError
        At once for a problem of the header; from :meth:`table` for the rest.
    """

    def __init__(
        self,
        header_row: Sequence[str],
        item_ids: Sequence[str],
        low: int,
        high: int,
        source: str,
        keep: Sequence[str] = (),
        require_id: bool = True,
        decimal_comma: bool = False,
    ) -> None:
        header = [name.strip() for name in header_row]
        problems = _header_problems(header, item_ids, keep, require_id)
        if problems:
            raise ResponsesError(problems, source)
        self.header, self.item_ids, self.keep, self.low = header, item_ids, keep, low
        self.source = source
        self.width = len(header)
        self.answers = _Answers(low, high, decimal_comma)
        self.dtype = code_type(low, high)
        self.item_columns = [header.index(item) for item in item_ids]
        self.pick = _picker(self.item_columns)
        self.id_column = header.index(ID_COLUMN) if ID_COLUMN in header else None
        self.by_id = itemgetter(self.id_column or 0)
        self.line = 1  # the line of the last row read
        self.lines: list[npt.NDArray[np.int64]] = []  # of the rows kept
        self.codes: list[npt.NDArray[Any]] = []
        self.ids: list[str] = []
        self.kept: dict[str, list[str]] = {name: [] for name in keep}
        self.unnamed = {c for c, name in enumerate(header) if not name}
        self.unnamed_filled: set[int] = set()  # unnamed columns with something in them
        self.width_problems: list[str] = []
        self.cell_problems: list[str] = []

    @property
    def text_columns(self) -> list[int]:
        """The columns whose text is kept: the id, then each of ``keep``."""
        ids = [] if self.id_column is None else [self.id_column]
        return [*ids, *(self.header.index(name) for name in self.keep)]

    def add_split(self, split: Split) -> None:
        """Add a block split by numpy."""
        rows = split.codes.shape[0]
        lines = np.arange(self.line + 1, self.line + 1 + rows)
        self.line += rows
        self.cell_problems += [
            f"line {lines[r]}, column {self.item_ids[c]}: {self.answers.bad[text]}"
            for (r, c), text in split.bad.items()
        ]
        kept = ~split.blank
        every = bool(kept.all())
        self.lines.append(lines if every else lines[kept])
        self.codes.append(split.codes if every else split.codes[kept])
        mask = kept.tolist()

        def column(c: int) -> list[str]:
            return split.texts[c] if every else list(compress(split.texts[c], mask))

        if self.id_column is not None:
            self.ids += column(self.id_column)
        for name, values in self.kept.items():
            values += column(self.header.index(name))
        self.unnamed_filled |= split.filled

    def add(self, chunk: Sequence[Sequence[str]]) -> None:
        """Add rows split by the csv module."""
        lines = np.arange(self.line + 1, self.line + 1 + len(chunk))
        self.line += len(chunk)
        widths = np.fromiter(map(len, chunk), np.int64, count=len(chunk))
        rows: Sequence[Sequence[str]] = chunk
        if (widths != self.width).any():
            wrong = np.flatnonzero(widths != self.width).tolist()
            self.width_problems += [
                f"line {lines[r]}: {widths[r]} cells, expected {self.width} as in the header"
                for r in wrong
                if _filled(chunk[r])  # a blank line, however many commas, is passed over
            ]
            right = (widths == self.width).tolist()
            rows, lines = list(compress(chunk, right)), lines[widths == self.width]
        k = len(self.item_ids)
        cells = chain.from_iterable(map(self.pick, rows))
        codes = np.fromiter(map(self.answers.__getitem__, cells), self.dtype, count=len(rows) * k)
        codes = codes.reshape(len(rows), k)
        ids = [] if self.id_column is None else list(map(str.strip, map(self.by_id, rows)))
        # A row without answers may be a blank line (",,,," as spreadsheets leave them).
        unanswered = np.flatnonzero((codes == MISSING_CODE).all(axis=1)).tolist()
        blank = [r for r in unanswered if not (ids and ids[r]) and not _filled(rows[r])]
        if blank:
            kept = np.ones(len(rows), bool)
            kept[blank] = False
            rows, lines, codes = list(compress(rows, kept.tolist())), lines[kept], codes[kept]
            ids = list(compress(ids, kept.tolist())) if ids else ids
        self.lines.append(lines)
        self.codes.append(codes)
        self.ids += ids
        for name, values in self.kept.items():
            values += map(str.strip, map(itemgetter(self.header.index(name)), rows))
        for c in self.unnamed - self.unnamed_filled:
            if any(map(str.strip, map(itemgetter(c), rows))):
                self.unnamed_filled.add(c)
        bad_rows, bad_columns = np.nonzero(codes == BAD_CODE)
        self.cell_problems += [
            f"line {lines[r]}, column {self.item_ids[c]}: {self.answers.bad[self.pick(rows[r])[c]]}"
            for r, c in zip(bad_rows.tolist(), bad_columns.tolist(), strict=True)
        ]

    def table(self) -> ResponseTable:
        """The table read, or every problem found in its rows."""
        source = self.source
        if self.width_problems:
            raise ResponsesError(self.width_problems, source)
        lines = np.concatenate(self.lines) if self.lines else np.empty(0, np.int64)
        if self.id_column is None:
            ids = list(map("line {}".format, lines.tolist()))
            id_problems = []
        else:
            ids = self.ids
            id_problems = _id_problems(ids, lines)
        problems = self.cell_problems + id_problems
        if problems:
            raise ResponsesError(problems, source)
        k = len(self.item_ids)
        codes = np.concatenate(self.codes) if self.codes else np.empty((0, k), self.dtype)
        used = {ID_COLUMN, *self.item_ids, *self.keep}
        # An unnamed column is reported only if it holds something (a row number, say):
        # the empty ones a spreadsheet leaves after the last column are of no interest.
        ignored = tuple(
            name
            for c, name in enumerate(self.header)
            if name not in used and (name or c in self.unnamed_filled)
        )
        kept = {name: tuple(values) for name, values in self.kept.items()}
        return ResponseTable(tuple(ids), tuple(self.item_ids), codes, self.low, ignored, kept)


def _filled(row: Sequence[str]) -> bool:
    """Whether a row has any cell that is not blank."""
    return any(map(str.strip, row))


def _id_problems(ids: list[str], lines: npt.NDArray[np.int64]) -> list[str]:
    """Empty and repeated ids; the set is built in C, the loop runs only when one is found."""
    distinct = set(ids)
    if len(distinct) == len(ids) and "" not in distinct:
        return []
    problems = []
    first_seen: dict[str, int] = {}
    for rid, line in zip(ids, lines.tolist(), strict=True):
        if not rid:
            problems.append(f"line {line}, column {ID_COLUMN}: empty respondent id")
        elif rid in first_seen:
            problems.append(
                f"line {line}, column {ID_COLUMN}: '{rid}' repeats the id on line {first_seen[rid]}"
            )
        else:
            first_seen[rid] = line
    return problems
