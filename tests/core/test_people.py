"""A people file is imported whole or not at all, with every bad row named."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twofold.core.people import (
    MAX_EMAIL,
    PeopleError,
    parse_people,
    people_rows,
    read_people_bytes,
    read_people_file,
)

HEADER = ["name", "email", "manager_email", "team", "job_title"]


def _problems(*rows: list[str]) -> list[str]:
    with pytest.raises(PeopleError) as caught:
        parse_people([HEADER, *rows], "people.csv")
    return caught.value.problems


def test_it_reads_people_and_their_managers() -> None:
    people = parse_people(
        [
            HEADER,
            ["Ada Example", "ada@example.org", "", "Leadership", "Director"],
            ["", "", "", "", ""],  # a blank row, as spreadsheets leave them
            ["Bo Example", " Bo@Example.org", "ADA@example.org", "Ops", "Manager"],
        ]
    )
    assert [(p.line, p.email, p.manager_email) for p in people] == [
        (2, "ada@example.org", None),
        (4, "bo@example.org", "ada@example.org"),
    ]
    assert people[1].team == "Ops"


def test_it_needs_a_name_and_an_email_column() -> None:
    with pytest.raises(PeopleError) as caught:
        parse_people([["full name", "mail"], ["Ada", "ada@example.org"]])
    assert caught.value.problems == ["line 1: no 'name' column", "line 1: no 'email' column"]


def test_it_lists_every_bad_row_with_its_reason() -> None:
    problems = _problems(
        ["Ada", "ada@example.org", "", "", ""],
        ["", "bo@example.org", "", "", ""],
        ["Cy", "not-an-address", "", "", ""],
        ["Di", "ADA@example.org", "", "", ""],
        ["Ed", "ed@example.org", "nobody@example.org", "", ""],
        ["Fay", "fay@example.org", "fay@example.org", "", ""],
    )
    assert problems == [
        "line 3, column name: empty",
        "line 4, column email: 'not-an-address' is not an email address",
        "line 5, column email: ada@example.org is also on line 2; each person is in the file once",
        "line 6, column manager_email: nobody@example.org is not in the file; add a row for them "
        "or leave the cell empty",
        "line 7, column manager_email: a person cannot manage themself",
    ]


def test_it_names_a_loop_of_managers_once() -> None:
    problems = _problems(
        ["Ada", "ada@example.org", "cy@example.org", "", ""],
        ["Bo", "bo@example.org", "ada@example.org", "", ""],
        ["Cy", "cy@example.org", "bo@example.org", "", ""],
        ["Di", "di@example.org", "ada@example.org", "", ""],  # under the loop, not in it
    )
    assert problems == [
        "lines 2, 3, 4: the managers form a loop (ada@example.org → cy@example.org → "
        "bo@example.org → ada@example.org); someone in it must report to a person outside "
        "it, or to nobody"
    ]


def test_it_gives_back_the_rows_it_read() -> None:
    rows = [
        HEADER,
        ["Ada", "ada@example.org", "", "Leadership", "Director"],
        ["Bo", "bo@example.org", "ada@example.org", "Ops", "Manager"],
    ]
    assert people_rows(parse_people(rows)) == rows


emails = st.integers(0, 7).map(lambda i: f"p{i}@example.org")


@given(
    st.lists(st.tuples(emails, st.one_of(st.none(), emails)), max_size=8, unique_by=lambda r: r[0])
)
def test_it_accepts_a_file_exactly_when_every_manager_line_ends_at_the_top(
    pairs: list[tuple[str, str | None]],
) -> None:
    rows = [HEADER, *([f"P {e}", e, m or "", "", ""] for e, m in pairs)]
    manager = dict(pairs)

    # Independently: follow each person's managers; the file is fine when every
    # chain reaches someone with no manager, through people in the file.
    def reaches_the_top(email: str) -> bool:
        seen: set[str] = set()
        while email is not None:
            if email in seen or email not in manager:
                return False
            seen.add(email)
            email = manager[email]  # type: ignore[assignment]
        return True

    fine = all(reaches_the_top(e) for e, _ in pairs)
    try:
        parse_people(rows)
    except PeopleError:
        assert not fine
    else:
        assert fine


def test_it_reads_a_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["Ada Example", "ada@example.org", None, "Ops", "Director"])
    sheet.append(["Bo Example", "bo@example.org", "ada@example.org", 42, None])
    path = tmp_path / "people.xlsx"
    book.save(path)
    people = read_people_file(path)
    assert [(p.name, p.manager_email, p.team) for p in people] == [
        ("Ada Example", None, "Ops"),
        ("Bo Example", "ada@example.org", "42"),
    ]


def test_it_reads_a_semicolon_file_saved_by_an_older_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("name;email\nRené Müller;rene@example.org\n".encode("cp1252"))
    (person,) = read_people_file(path)
    assert person.name == "René Müller"


def test_it_refuses_a_file_that_only_looks_like_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    path.write_text("name,email\n")
    with pytest.raises(PeopleError) as caught:
        read_people_file(path)
    assert "not an Excel workbook" in caught.value.problems[0]


def test_it_refuses_text_a_spreadsheet_would_run_as_a_formula() -> None:
    problems = _problems(
        ["=HYPERLINK(1)", "ada@example.org", "", "+Ops", "@lead"],
        ["Bo", "-bo@example.org", "", "", ""],
    )
    assert problems == [
        "line 2, column name: starts with '=', which a spreadsheet runs as a formula; remove it",
        "line 2, column team: starts with '+', which a spreadsheet runs as a formula; remove it",
        "line 2, column job_title: starts with '@', which a spreadsheet runs as a formula; "
        "remove it",
        "line 3, column email: starts with '-', which a spreadsheet runs as a formula; remove it",
    ]


def test_it_refuses_control_characters_and_overlong_addresses() -> None:
    long_address = "a" * 140 + "@example.org"  # 152 characters
    problems = _problems(
        ["Ada\x00", "ada@example.org", "", "", ""],
        ["Bo", long_address, "", "Ops\tWest", ""],
    )
    assert problems == [
        "line 2, column name: holds a control character (a tab or line break, say)",
        "line 3, column email: longer than 150 characters, the longest address a person "
        "can sign in with",
        "line 3, column team: holds a control character (a tab or line break, say)",
    ]


def test_it_takes_an_address_of_the_longest_length_a_person_can_sign_in_with() -> None:
    address = "a" * 138 + "@example.org"
    assert len(address) == MAX_EMAIL == 150
    [person] = parse_people([["name", "email"], ["Bo", address]])
    assert person.email == address


def test_it_reads_an_upload_by_its_content(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["name", "email"])
    book.active.append(["Ada", "ada@example.org"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    # A browser may send a workbook under any name: its content says what it is.
    (person,) = read_people_bytes(path.read_bytes(), "upload")
    assert person.email == "ada@example.org"
    (person,) = read_people_bytes(b"name,email\nBo,bo@example.org\n", "people.csv")
    assert person.email == "bo@example.org"


def test_it_asks_for_a_newer_format_than_an_old_excel_file() -> None:
    with pytest.raises(PeopleError) as caught:
        read_people_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "people.xls")
    assert caught.value.problems == [
        "an old Excel workbook (.xls); save it from the spreadsheet as .xlsx or CSV"
    ]


def test_it_lists_problems_in_the_order_of_the_lines() -> None:
    problems = _problems(
        ["Ada", "ada@example.org", "nobody@example.org", "", ""],
        ["", "bo@example.org", "", "", ""],
    )
    assert [p.split(",")[0] for p in problems] == ["line 2", "line 3"]
