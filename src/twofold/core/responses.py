"""Reading a responses table (CSV) into a respondents × items matrix.

The table has a ``respondent_id`` column and one column per item id; an empty
cell, or ``NA`` as R writes it, is a missing answer. Any other column (names,
departments) is ignored and reported, so a user sees what was left out. Every
problem is collected before anything is raised, so one run tells a user all
that is wrong with a file.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path

import numpy as np

from twofold.core.errors import ResponsesError
from twofold.core.scoring.key import FloatArray

ID_COLUMN = "respondent_id"
MISSING_TEXT = "NA"
"""A cell that says so is missing, as R's ``write.csv`` writes it; so is an empty cell."""


@dataclass(frozen=True, eq=False)
class ResponseTable:
    """Answers of ``n`` respondents, columns in the order of ``item_ids``."""

    respondent_ids: tuple[str, ...]
    item_ids: tuple[str, ...]
    matrix: FloatArray
    ignored_columns: tuple[str, ...]
    kept: dict[str, tuple[str, ...]] = field(default_factory=dict)


def read_responses_csv(
    path: str | Path,
    item_ids: Sequence[str],
    low: int,
    high: int,
    *,
    keep: Sequence[str] = (),
    require_id: bool = True,
) -> ResponseTable:
    """Read and check a responses CSV against an instrument's items and range.

    ``keep`` names extra columns whose text is returned in ``kept`` (e.g. the
    column that says which rater group a row belongs to). Without
    ``require_id``, a file with no ``respondent_id`` column is accepted and its
    rows are named by their line numbers.

    Raises
    ------
    ResponsesError
        Naming each bad line and column: a value that is not a whole number in
        ``low..high``, a missing item column, a missing or repeated respondent id.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise ResponsesError([f"{path}: no such file"], str(path)) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ResponsesError([f"{path}: cannot be read as CSV ({exc})"], str(path)) from None
    return parse_responses(
        rows, item_ids, low, high, source=str(path), keep=keep, require_id=require_id
    )


def parse_responses(
    rows: Sequence[Sequence[str]],
    item_ids: Sequence[str],
    low: int,
    high: int,
    source: str = "responses",
    *,
    keep: Sequence[str] = (),
    require_id: bool = True,
) -> ResponseTable:
    """Check already-split CSV rows (header first); see :func:`read_responses_csv`."""
    if not rows:
        raise ResponsesError(["the file is empty: expected a header row"], source)
    header = [name.strip() for name in rows[0]]
    problems = _header_problems(header, item_ids, keep, require_id)
    if problems:
        raise ResponsesError(problems, source)
    body = [row for row in rows[1:] if any(cell.strip() for cell in row)]
    lines = [n for n, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    problems += _width_problems(body, lines, len(header))
    if problems:
        raise ResponsesError(problems, source)
    if ID_COLUMN in header:
        ids = [row[header.index(ID_COLUMN)].strip() for row in body]
        problems += _id_problems(ids, lines)
    else:
        ids = [f"line {line}" for line in lines]
    kept = {name: tuple(row[header.index(name)].strip() for row in body) for name in keep}
    columns = [header.index(item) for item in item_ids]
    matrix, cell_problems = _to_numbers(body, columns, item_ids, lines, low, high)
    problems += cell_problems
    if problems:
        raise ResponsesError(problems, source)
    used = {ID_COLUMN, *item_ids, *keep}
    ignored = tuple(name for name in header if name not in used)
    return ResponseTable(tuple(ids), tuple(item_ids), matrix, ignored, kept)


def _header_problems(
    header: list[str], item_ids: Sequence[str], keep: Sequence[str], require_id: bool
) -> list[str]:
    problems = []
    shown = ", ".join(header[:12]) + (", …" if len(header) > 12 else "")
    if require_id and ID_COLUMN not in header:
        problems.append(f"line 1: no '{ID_COLUMN}' column")
    for name in keep:
        if name not in header:
            problems.append(f"line 1: no '{name}' column (the columns are: {shown})")
    missing = [item for item in item_ids if item not in header]
    if missing:
        problems.append(f"line 1: missing item column(s): {', '.join(missing)}")
    for name in sorted({h for h in header if header.count(h) > 1}):
        problems.append(f"line 1: column '{name}' appears more than once")
    return problems


def _width_problems(body: list[Sequence[str]], lines: list[int], width: int) -> list[str]:
    return [
        f"line {line}: {len(row)} cells, expected {width} as in the header"
        for row, line in zip(body, lines, strict=True)
        if len(row) != width
    ]


def _id_problems(ids: list[str], lines: list[int]) -> list[str]:
    problems = []
    first_seen: dict[str, int] = {}
    for rid, line in zip(ids, lines, strict=True):
        if not rid:
            problems.append(f"line {line}, column {ID_COLUMN}: empty respondent id")
        elif rid in first_seen:
            problems.append(
                f"line {line}, column {ID_COLUMN}: '{rid}' repeats the id on line {first_seen[rid]}"
            )
        else:
            first_seen[rid] = line
    return problems


class _Answers(dict[str, float]):
    """Cell text to answer, worked out once per distinct text.

    A file of 100,000 rows holds only a handful of distinct answers, so looking
    each cell up here is several times faster than converting every cell.
    """

    def __init__(self, low: int, high: int) -> None:
        super().__init__()
        self.low, self.high = low, high
        self.bad: dict[str, str] = {}

    def __missing__(self, text: str) -> float:
        value = np.nan
        stripped = text.strip()
        if stripped and stripped != MISSING_TEXT:
            try:
                value = float(stripped)
            except ValueError:
                self.bad[text] = f"'{stripped}' is not a number"
            else:
                # Written as "not (in range and whole)" so that 'nan' and 'inf' fail too.
                if not (self.low <= value <= self.high and value == round(value)):
                    self.bad[text] = (
                        f"'{stripped}' is not a whole number from {self.low} to {self.high}"
                    )
        self[text] = value
        return value


def _to_numbers(
    body: list[Sequence[str]],
    columns: list[int],
    item_ids: Sequence[str],
    lines: list[int],
    low: int,
    high: int,
) -> tuple[FloatArray, list[str]]:
    """The answers as floats (NaN where empty), and a problem for every bad cell."""
    answers = _Answers(low, high)
    pick = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    # map and chain keep the loop over cells in C; __missing__ runs once per distinct text.
    cells = map(answers.__getitem__, chain.from_iterable(map(pick, body)))
    matrix = np.fromiter(cells, dtype=np.float64, count=len(body) * len(columns))
    matrix = matrix.reshape(len(body), len(columns))
    if not answers.bad:
        return matrix, []
    problems = [
        f"line {line}, column {item_ids[c]}: {answers.bad[text]}"
        for row, line in zip(body, lines, strict=True)
        for c, text in enumerate(pick(row))
        if text in answers.bad
    ]
    return matrix, problems
