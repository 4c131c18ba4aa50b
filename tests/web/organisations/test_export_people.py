"""export_people and the files it is written to: the shape the import reads, and no formulas."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from tests.web.org_fixtures import OrgWorld, add_person

from twofold.core.people import read_people_bytes
from twofold.web.organisations.people_files import csv_bytes, csv_text, xlsx_bytes
from twofold.web.organisations.services import export_people, import_people


def test_it_exports_everyone_with_their_manager_team_and_job_title(org_world: OrgWorld) -> None:
    rows = export_people(org_world.organisation)
    assert rows[0] == ["name", "email", "manager_email", "team", "job_title"]
    assert rows[1:] == [
        ["Ada Lead", "ada@acme.example", "", "Leadership", "Managing Director"],
        ["Bo Manager", "bo@acme.example", "ada@acme.example", "Operations", "Operations Manager"],
        ["Cy Peer", "cy@acme.example", "ada@acme.example", "Sales", "Sales Manager"],
        ["Di Report", "di@acme.example", "bo@acme.example", "Operations", "Analyst"],
        ["Ed Report", "ed@acme.example", "bo@acme.example", "Operations", "Planner"],
        ["Fay Deep", "fay@acme.example", "di@acme.example", "Operations", "Intern"],
        ["Hana Admin", "hana@acme.example", "", "People", "HR Director"],
    ]


def test_it_exports_only_the_organisations_own_people(org_world: OrgWorld) -> None:
    assert export_people(org_world.other)[1:] == [
        ["Olly Outsider", "olly@globex.example", "", "Globex Team", ""]
    ]


@pytest.mark.parametrize(
    ("write", "name"), [(csv_bytes, "people.csv"), (xlsx_bytes, "people.xlsx")]
)
def test_an_export_imported_again_changes_nothing(
    org_world: OrgWorld, write: Callable[[list[list[str]]], bytes], name: str
) -> None:
    acme = org_world.organisation
    add_person(acme, "Zoë Ñúñez, Jr.", "zoe@acme.example", team='Ops "West"; 2', job_title="")
    data = write(export_people(acme))
    summary = import_people(acme, read_people_bytes(data, name))
    assert len(summary.unchanged) == 8
    assert not summary.changes_anything
    assert summary.not_in_file == ()


def test_it_writes_a_csv_excel_reads_as_utf8(org_world: OrgWorld) -> None:
    data = csv_bytes(export_people(org_world.organisation))
    assert data.startswith(b"\xef\xbb\xbfname,email,manager_email,team,job_title\r\n")


def test_it_never_writes_a_formula(org_world: OrgWorld) -> None:
    from openpyxl import load_workbook

    # Imports refuse such text, but people can reach Twofold in other ways.
    add_person(org_world.organisation, "=HYPERLINK(1)", "x@acme.example", team="+Ops")
    rows = export_people(org_world.organisation)
    assert "'=HYPERLINK(1),x@acme.example,,'+Ops," in csv_text(rows)
    book = load_workbook(io.BytesIO(xlsx_bytes(rows)))
    cells = [c for row in book.active.iter_rows() for c in row if c.value == "=HYPERLINK(1)"]
    assert [c.data_type for c in cells] == ["s"]
