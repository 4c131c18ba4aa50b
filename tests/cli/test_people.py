"""twofold people import and export: the same checks as the web, exit code 2 on bad input."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.cli.conftest import write_csv
from tests.web.org_fixtures import OrgWorld, make_organisation, make_world

from twofold.cli.main import cli
from twofold.web.audit.models import Action, Event
from twofold.web.organisations.models import Person

pytestmark = pytest.mark.django_db

TWOFOLD = Path(sys.executable).with_name("twofold")
PEOPLE = """
name,email,manager_email,team,job_title
Ada Lead,ada@acme.example,,Leadership,Managing Director
Bo Manager,bo@acme.example,ada@acme.example,Operations,Operations Manager
"""


@pytest.fixture
def world(db: None) -> OrgWorld:
    return make_world()


def test_it_imports_people_and_says_what_changed(runner: CliRunner, tmp_path: Path) -> None:
    acme = make_organisation()
    result = runner.invoke(cli, ["people", "import", str(write_csv(tmp_path / "p.csv", PEOPLE))])
    assert result.exit_code == 0, result.output
    assert f"imported {tmp_path / 'p.csv'} into Acme (acme):" in result.stdout
    assert "2 people created, 0 updated, 0 unchanged, 2 teams created" in result.stdout
    assert Person.objects.get(email="bo@acme.example").manager.email == "ada@acme.example"
    event = Event.objects.get(organisation=acme)
    assert (event.action, event.actor_id) == (Action.PEOPLE_IMPORTED, None)
    assert event.summary == (
        "p.csv, from the command line: 2 people created, 0 updated, 0 unchanged, 2 teams created"
    )


def test_it_names_who_changes_and_who_the_file_leaves_out(
    runner: CliRunner, tmp_path: Path, world: OrgWorld
) -> None:
    path = write_csv(tmp_path / "p.csv", PEOPLE.replace(",Operations Manager", ",Head of Ops"))
    result = runner.invoke(cli, ["people", "import", str(path), "--org", "acme"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "  0 people created, 1 updated, 1 unchanged, 5 people not in the file left as they are",
        "  updated bo@acme.example: job title",
        "  not in the file, left as they are: cy@acme.example, di@acme.example, "
        "ed@acme.example, fay@acme.example, hana@acme.example",
    ]


def test_it_changes_nothing_when_the_same_file_comes_again(
    runner: CliRunner, tmp_path: Path
) -> None:
    make_organisation()
    path = str(write_csv(tmp_path / "p.csv", PEOPLE))
    runner.invoke(cli, ["people", "import", path])
    result = runner.invoke(cli, ["people", "import", path])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "  0 people created, 0 updated, 2 unchanged"


def test_it_lists_every_bad_row_and_imports_nothing(runner: CliRunner, tmp_path: Path) -> None:
    acme = make_organisation()
    path = write_csv(
        tmp_path / "bad.csv",
        """
name,email,manager_email
Ada Lead,ada@acme.example,
,bo@acme.example,ada@acme.example
Cy Peer,cy@acme,nobody@acme.example
""",
    )
    result = runner.invoke(cli, ["people", "import", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}: line 3, column name: empty",
        f"{path}: line 4, column email: 'cy@acme' is not an email address",
        f"{path}: line 4, column manager_email: nobody@acme.example is not in the file; add a "
        "row for them or leave the cell empty",
        f"Error: found 3 problems in {path}; nothing was imported",
    ]
    assert not Person.objects.exists()
    assert not Event.objects.filter(organisation=acme).exists()


def test_it_writes_nothing_on_a_dry_run(runner: CliRunner, tmp_path: Path) -> None:
    acme = make_organisation()
    path = write_csv(tmp_path / "p.csv", PEOPLE)
    result = runner.invoke(cli, ["people", "import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("dry run, nothing was imported: ")
    assert "2 people created" in result.stdout
    assert not Person.objects.exists()
    assert not Event.objects.filter(organisation=acme).exists()


def test_it_reads_a_workbook(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import Workbook

    make_organisation()
    book = Workbook()
    for row in [["name", "email"], ["Ada Lead", "ada@acme.example"]]:
        book.active.append(row)
    book.save(tmp_path / "people.xlsx")
    result = runner.invoke(cli, ["people", "import", str(tmp_path / "people.xlsx")])
    assert result.exit_code == 0, result.output
    assert Person.objects.get().name == "Ada Lead"


def test_it_asks_which_organisation_when_there_are_several(
    runner: CliRunner, tmp_path: Path, world: OrgWorld
) -> None:
    path = str(write_csv(tmp_path / "p.csv", PEOPLE))
    for command in (["import", path], ["export"]):
        result = runner.invoke(cli, ["people", *command])
        assert result.exit_code == 2
        assert "--org: there are 2 organisations; choose one of: acme, globex" in result.stderr
    result = runner.invoke(cli, ["people", "import", path, "--org", "initech"])
    assert result.exit_code == 2
    assert "--org: no organisation is called 'initech'; choose one of: acme, globex" in (
        result.stderr
    )


def test_it_says_how_to_create_the_first_organisation(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["people", "import", str(write_csv(tmp_path / "p.csv", PEOPLE))])
    assert result.exit_code == 2
    assert (
        "--org: there is no organisation yet; create one first with `twofold org create NAME`"
        in (result.stderr)
    )


def test_it_exports_csv_to_standard_output(runner: CliRunner, world: OrgWorld) -> None:
    result = runner.invoke(cli, ["people", "export", "--org", "globex"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "name,email,manager_email,team,job_title\nOlly Outsider,olly@globex.example,,Globex Team,\n"
    )
    event = Event.objects.get(organisation=world.other)
    assert (event.action, event.actor_id) == (Action.PEOPLE_EXPORTED, None)
    assert event.summary == "1 person as CSV, from the command line"


@pytest.mark.parametrize(
    ("name", "args"), [("p.xlsx", []), ("p.csv", []), ("p.dat", ["--format", "xlsx"])]
)
def test_an_exported_file_imported_again_changes_nothing(
    runner: CliRunner, tmp_path: Path, world: OrgWorld, name: str, args: list[str]
) -> None:
    out = tmp_path / name
    result = runner.invoke(cli, ["people", "export", "--org", "acme", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"exported 7 people of Acme (acme) to {out}\n"
    result = runner.invoke(cli, ["people", "import", str(out), "--org", "acme"])
    assert result.exit_code == 0, result.output
    assert "0 people created, 0 updated, 7 unchanged" in result.stdout


def test_it_writes_a_workbook_only_to_a_file(runner: CliRunner, world: OrgWorld) -> None:
    result = runner.invoke(cli, ["people", "export", "--org", "acme", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "--format xlsx: a workbook cannot go to the terminal; add --out FILE.xlsx" in (
        result.stderr
    )
    assert not Event.objects.exists()


def test_it_leaves_nothing_behind_when_it_cannot_write(
    runner: CliRunner, tmp_path: Path, world: OrgWorld
) -> None:
    out = tmp_path / "missing" / "p.csv"
    result = runner.invoke(cli, ["people", "export", "--org", "acme", "--out", str(out)])
    assert result.exit_code == 2
    assert f"--out: there is no folder {out.parent}" in result.stderr
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("command", "exit_code"),
    [
        (["org", "list"], 0),
        (["org", "create", "Acme"], 0),
        (["people", "import", "people.csv"], 2),  # no organisation yet: a clear message
        (["people", "export"], 2),
    ],
)
def test_it_creates_the_database_in_a_fresh_data_folder(
    tmp_path: Path, command: list[str], exit_code: int
) -> None:
    home = tmp_path / "new-home"
    write_csv(tmp_path / "people.csv", PEOPLE)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [str(TWOFOLD), *command],
        cwd=tmp_path,
        env={**env, "TWOFOLD_HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == exit_code, done.stderr
    assert "Traceback" not in done.stderr
    assert (home / "twofold.sqlite3").exists()
    # Made for its owner alone: the database in it will hold raters' answers.
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    if exit_code:
        assert "there is no organisation yet" in done.stderr
