"""A people file, checked as a whole: who works in an organisation, and who manages whom.

An HR team keeps its people in a spreadsheet. Importing one must be all or
nothing: a file with any bad row imports nothing, and the message lists every
bad row with its reason, so the file can be fixed in one pass. The checks that
need the whole file (an email used twice, a manager who is not in the file, a
chain of managers that comes back to where it started) are made here, before
anything is stored, by the same code for the CLI, the web upload and the API.

The columns are ``name`` and ``email`` (required), and ``manager_email``,
``team`` and ``job_title`` (optional). Email addresses identify people: they are
compared without regard to case or surrounding spaces, so a re-import of the
same file matches the same people.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is refused: a spreadsheet
opening an exported CSV would run it as a formula on the exporter's computer,
and no name, team or address needs one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from twofold.core.errors import ProblemsError
from twofold.core.messages import Message, gettext_noop
from twofold.core.responses.files import detect_delimiter

__all__ = [
    "COLUMNS",
    "MAX_EMAIL",
    "REQUIRED",
    "PeopleError",
    "Person",
    "parse_people",
    "people_rows",
    "read_people_bytes",
    "read_people_file",
]

REQUIRED = ("name", "email")
COLUMNS = (*REQUIRED, "manager_email", "team", "job_title")
#: Longest name, team or job title kept; longer text is a mistake, not a name.
MAX_TEXT = 200
#: Longest email address of a person. Anyone in an organisation may be given an
#: account (as a campaign's participant, a participant's manager, or invited), an
#: account signs in with the address, and accounts keep 150 characters of it.
#: (A rater from outside the organisation is an address only, and may have 254.)
MAX_EMAIL = 150
#: A cell starting with one of these is run as a formula when a spreadsheet opens
#: a CSV, so a name like ``=HYPERLINK(...)`` could act on an exporter's computer.
FORMULA_STARTS = ("=", "+", "-", "@")
# Control characters have no place in a name or an address (PostgreSQL refuses
# NUL outright, and a workbook cannot hold most of them).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A workbook is a zip file; an old Excel workbook (.xls) is an OLE2 compound file.
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What is wrong with one cell; ``column`` is the column's name in the file.
_EMPTY = gettext_noop("line %(line)d, column %(column)s: empty")
_TOO_LONG = gettext_noop("line %(line)d, column %(column)s: longer than %(most)d characters")
_EMAIL_TOO_LONG = gettext_noop(
    "line %(line)d, column email: longer than %(most)d characters, the longest address "
    "a person can sign in with"
)
_NOT_AN_EMAIL = gettext_noop(
    "line %(line)d, column %(column)s: '%(email)s' is not an email address"
)
# Deliberately loose: one @, something on each side, a dot in the domain, no
# spaces. Whether the address receives mail is for the invitation to find out.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PeopleError(ProblemsError):
    """A people file cannot be imported; ``problems`` names every bad row."""

    default_source = "the people file"


@dataclass(frozen=True)
class Person:
    """One row of a people file, checked; ``manager_email`` is None at the top."""

    line: int
    name: str
    email: str
    manager_email: str | None
    team: str
    job_title: str


def parse_people(rows: Sequence[Sequence[str]], source: str = "the people file") -> list[Person]:
    """Check the rows of a people file (header first) and return its people in file order.

    Parameters
    ----------
    rows
        The file's cells, as text, row by row; the first row names the columns.
        Rows with no text at all are passed over.
    source
        What to call the file in messages, e.g. its path.

    Returns
    -------
    list of Person

    Raises
    ------
    PeopleError
        Listing every problem of the file at once, each with its line: a missing
        column, an empty name, an email that is not one or is used twice, a
        manager who is not in the file, a person who manages themself, every
        chain of managers that loops, and text that a database or a spreadsheet
        would not keep as it is (control characters; a leading ``=``, ``+``,
        ``-`` or ``@``, which a spreadsheet runs as a formula).

    Examples
    --------
    >>> rows = [["name", "email", "manager_email"],
    ...         ["Ada Example", "ada@example.org", ""],
    ...         ["Bo Example", "BO@example.org ", "ada@example.org"]]
    >>> [(p.email, p.manager_email) for p in parse_people(rows)]
    [('ada@example.org', None), ('bo@example.org', 'ada@example.org')]
    """
    if not rows:
        raise PeopleError(
            [Message(gettext_noop("the file is empty: expected a header row"))], source
        )
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    problems: list[str] = [
        Message(gettext_noop("line 1: no '%(column)s' column"), column=name) for name in missing
    ]
    problems += [
        Message(gettext_noop("line 1: column '%(column)s' appears more than once"), column=name)
        for name in repeated
    ]
    if problems:
        raise PeopleError(problems, source)
    people = [
        _person(line, row, header, problems)
        for line, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]
    problems += _whole_file_problems(people)
    if problems:
        # In the order of the file's lines, as a person fixing it goes through it.
        raise PeopleError(sorted(problems, key=_first_line), source)
    return people


def _first_line(problem: str) -> int:
    """The first line a problem names ("line 4, …" or "lines 2, 3: …")."""
    digits = re.search(r"\d+", problem)
    return int(digits.group()) if digits else 0


def read_people_file(path: str | Path) -> list[Person]:
    """The people of a CSV file or an Excel workbook (``.xlsx``, its first sheet), checked.

    A CSV may be separated by commas, semicolons or tabs and saved as UTF-8 (with
    or without a byte-order mark) or, as older spreadsheets do, Windows-1252.

    Raises
    ------
    PeopleError
        If the file cannot be read, or for every problem of its rows.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PeopleError([Message(gettext_noop("no such file"))], str(path)) from None
    except OSError as exc:
        problem = Message(gettext_noop("cannot be read (%(reason)s)"), reason=exc.strerror)
        raise PeopleError([problem], str(path)) from None
    return read_people_bytes(data, str(path))


def read_people_bytes(data: bytes, source: str) -> list[Person]:
    """The people of a file's content (an upload, say), checked as :func:`read_people_file` does.

    ``source`` is the file's name: a name ending in ``.xlsx``, or content that
    is a zip file, is read as a workbook; anything else as CSV.

    Raises
    ------
    PeopleError
        For an old Excel workbook (.xls), a file that is not a workbook although
        its name says so, and every problem of its rows.
    """
    if data.startswith(_OLE2_MAGIC):
        problem = gettext_noop(
            "an old Excel workbook (.xls); save it from the spreadsheet as .xlsx or CSV"
        )
        raise PeopleError([Message(problem)], source)
    if source.lower().endswith(".xlsx") or data.startswith(_ZIP_MAGIC):
        rows = _workbook_rows(data, source)
    else:
        rows = _csv_rows(data)
    return parse_people(rows, source)


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    delimiter = detect_delimiter(text.split("\n", 1)[0])
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _workbook_rows(data: bytes, source: str) -> list[list[str]]:
    """The first sheet's cells as text: numbers as written, empty cells as ''."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        problem = gettext_noop(
            "not an Excel workbook (.xlsx); save it from the spreadsheet as .xlsx or CSV"
        )
        raise PeopleError([Message(problem)], source) from None
    sheet = book.worksheets[0]
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def people_rows(people: Sequence[Person]) -> list[list[str]]:
    """People as the rows of a people file, header first: what an export writes.

    Examples
    --------
    >>> header, row = people_rows([Person(2, "Ada", "ada@example.org", None, "Ops", "Lead")])
    >>> header
    ['name', 'email', 'manager_email', 'team', 'job_title']
    >>> row
    ['Ada', 'ada@example.org', '', 'Ops', 'Lead']
    """
    return [
        list(COLUMNS),
        *([p.name, p.email, p.manager_email or "", p.team, p.job_title] for p in people),
    ]


def _person(line: int, row: Sequence[str], header: list[str], problems: list[str]) -> Person:
    """One row as a Person; the problems of the row alone go into ``problems``."""
    cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
    if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
        problems.append(
            Message(
                gettext_noop("line %(line)d: more cells than the header has columns"), line=line
            )
        )
    name, email = cells.get("name", ""), cells.get("email", "").lower()
    manager = cells.get("manager_email", "").lower()
    if not name:
        problems.append(Message(_EMPTY, line=line, column="name"))
    for column in ("name", "team", "job_title"):
        if len(cells.get(column, "")) > MAX_TEXT:
            problems.append(Message(_TOO_LONG, line=line, column=column, most=MAX_TEXT))
    if not email:
        problems.append(Message(_EMPTY, line=line, column="email"))
    elif not _EMAIL.match(email):
        problems.append(Message(_NOT_AN_EMAIL, line=line, column="email", email=email))
    elif len(email) > MAX_EMAIL:
        problems.append(Message(_EMAIL_TOO_LONG, line=line, most=MAX_EMAIL))
    if manager and not _EMAIL.match(manager):
        problems.append(Message(_NOT_AN_EMAIL, line=line, column="manager_email", email=manager))
    # An address already refused above is not reported twice.
    checked = [c for c in ("name", "team", "job_title") if c in cells]
    checked += [c for c, v in (("email", email), ("manager_email", manager)) if _EMAIL.match(v)]
    for column in checked:
        problems += _unsafe_text(line, column, cells[column])
    return Person(
        line=line,
        name=name,
        email=email,
        manager_email=manager or None,
        team=cells.get("team", ""),
        job_title=cells.get("job_title", ""),
    )


def _unsafe_text(line: int, column: str, text: str) -> list[str]:
    """A cell that a database or a spreadsheet would not keep as the text it is."""
    if _CONTROL.search(text):
        template = gettext_noop(
            "line %(line)d, column %(column)s: holds a control character (a tab or line break, say)"
        )
        return [Message(template, line=line, column=column)]
    if text.startswith(FORMULA_STARTS):
        template = gettext_noop(
            "line %(line)d, column %(column)s: starts with '%(start)s', which a spreadsheet "
            "runs as a formula; remove it"
        )
        return [Message(template, line=line, column=column, start=text[0])]
    return []


def _whole_file_problems(people: list[Person]) -> list[str]:
    """Emails used twice, managers not in the file, and loops in the manager line."""
    problems: list[str] = []
    first: dict[str, int] = {}
    for person in people:
        if person.email in first and person.email:
            template = gettext_noop(
                "line %(line)d, column email: %(email)s is also on line %(first)d; "
                "each person is in the file once"
            )
            problems.append(
                Message(template, line=person.line, email=person.email, first=first[person.email])
            )
        first.setdefault(person.email, person.line)
    for person in people:
        if person.manager_email is None:
            continue
        if person.manager_email == person.email:
            template = gettext_noop(
                "line %(line)d, column manager_email: a person cannot manage themself"
            )
            problems.append(Message(template, line=person.line))
        elif person.manager_email not in first:
            template = gettext_noop(
                "line %(line)d, column manager_email: %(email)s is not in the file; "
                "add a row for them or leave the cell empty"
            )
            problems.append(Message(template, line=person.line, email=person.manager_email))
    return problems + _loops(people, first)


def _loops(people: list[Person], line_of: dict[str, int]) -> list[str]:
    """Each chain of managers that comes back to where it started, once, from its first line."""
    # A person who manages themself is reported on their own line, not as a loop.
    manager = {
        p.email: p.manager_email
        for p in people
        if p.manager_email in line_of and p.manager_email != p.email
    }
    reported: set[str] = set()
    problems: list[str] = []
    for person in people:
        path: list[str] = []
        at: str | None = person.email
        while at is not None and at not in path and at not in reported:
            path.append(at)
            at = manager.get(at)
        if at is None or at in reported or at not in path:
            reported.update(path)
            continue
        loop = path[path.index(at) :]
        reported.update(path)
        lines = sorted(line_of[email] for email in loop)
        chain = " → ".join([*loop, at])
        template = gettext_noop(
            "lines %(lines)s: the managers form a loop (%(chain)s); "
            "someone in it must report to a person outside it, or to nobody"
        )
        problems.append(Message(template, lines=", ".join(map(str, lines)), chain=chain))
    return problems
