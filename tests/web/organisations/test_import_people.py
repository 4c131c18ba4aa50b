"""import_people: a checked people file brought into an organisation, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.org_fixtures import OrgWorld, add_person, make_organisation

from twofold.core.people import MAX_EMAIL, PeopleError, parse_people, read_people_bytes
from twofold.web.accounts.models import Role
from twofold.web.accounts.services import ensure_membership
from twofold.web.organisations.models import Organisation, Person, Team
from twofold.web.organisations.services import PersonChange, import_people, summary_text

HEADER = ["name", "email", "manager_email", "team", "job_title"]
ROWS = [
    ["Ada Lead", "ada@acme.example", "", "Leadership", "Managing Director"],
    ["Bo Manager", "bo@acme.example", "ada@acme.example", "Operations", "Operations Manager"],
    ["Di Report", "di@acme.example", "bo@acme.example", "Operations", "Analyst"],
]


def _file(*rows: list[str]) -> list:
    return parse_people([HEADER, *rows], "people.csv")


def _chart(organisation: Organisation) -> dict[str, tuple[str, str | None, str | None, str]]:
    """Everyone's name, manager, team and job title, by email."""
    return {
        p.email: (
            p.name,
            p.manager.email if p.manager else None,
            p.team and p.team.name,
            p.job_title,
        )
        for p in Person.objects.filter(organisation=organisation).select_related("manager", "team")
    }


def test_it_creates_people_their_teams_and_their_managers(db: None) -> None:
    acme = make_organisation()
    summary = import_people(acme, _file(*ROWS))
    assert summary.created == ("ada@acme.example", "bo@acme.example", "di@acme.example")
    assert summary.teams_created == ("Leadership", "Operations")
    assert (summary.updated, summary.unchanged, summary.not_in_file) == ((), (), ())
    assert _chart(acme) == {
        "ada@acme.example": ("Ada Lead", None, "Leadership", "Managing Director"),
        "bo@acme.example": ("Bo Manager", "ada@acme.example", "Operations", "Operations Manager"),
        "di@acme.example": ("Di Report", "bo@acme.example", "Operations", "Analyst"),
    }


def test_it_sets_a_manager_who_comes_later_in_the_file(db: None) -> None:
    acme = make_organisation()
    import_people(acme, _file(ROWS[2], ROWS[1], ROWS[0]))
    assert _chart(acme)["di@acme.example"][1] == "bo@acme.example"


def test_it_changes_nothing_when_the_same_file_comes_again(db: None) -> None:
    acme = make_organisation()
    with time_machine.travel(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        import_people(acme, _file(*ROWS))
    with time_machine.travel(datetime(2026, 4, 1, 9, 0, tzinfo=UTC), tick=False):
        summary = import_people(acme, _file(*ROWS))
    assert summary.unchanged == ("ada@acme.example", "bo@acme.example", "di@acme.example")
    assert (summary.created, summary.updated, summary.teams_created) == ((), (), ())
    assert not summary.changes_anything
    stamps = set(Person.objects.values_list("updated_at", flat=True))
    assert stamps == {datetime(2026, 3, 1, 9, 0, tzinfo=UTC)}


def test_it_updates_people_in_place(db: None) -> None:
    acme = make_organisation()
    with time_machine.travel(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        import_people(acme, _file(*ROWS))
    before = {p.email: p.pk for p in Person.objects.all()}
    changed = _file(
        ["Ada Lead", "ada@acme.example", "", "Leadership", "Managing Director"],
        ["Bo Manager", "BO@acme.example", "", "Board", "Chief Operating Officer"],
        ["Di Report-Smith", "di@acme.example", "ada@acme.example", "Operations", "Analyst"],
    )
    with time_machine.travel(datetime(2026, 5, 1, 9, 0, tzinfo=UTC), tick=False):
        summary = import_people(acme, changed)
    assert summary.updated == (
        PersonChange("bo@acme.example", "Bo Manager", ("team", "job_title", "manager")),
        PersonChange("di@acme.example", "Di Report-Smith", ("name", "manager")),
    )
    assert summary.unchanged == ("ada@acme.example",)
    assert summary.teams_created == ("Board",)
    assert {p.email: p.pk for p in Person.objects.all()} == before
    assert _chart(acme)["bo@acme.example"] == (
        "Bo Manager",
        None,
        "Board",
        "Chief Operating Officer",
    )
    assert _chart(acme)["di@acme.example"] == (
        "Di Report-Smith",
        "ada@acme.example",
        "Operations",
        "Analyst",
    )
    ada = Person.objects.get(email="ada@acme.example")
    assert ada.updated_at == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert Person.objects.get(email="di@acme.example").updated_at == datetime(
        2026, 5, 1, 9, 0, tzinfo=UTC
    )


def test_it_takes_people_out_of_a_team_when_the_cell_is_empty(db: None) -> None:
    acme = make_organisation()
    import_people(acme, _file(*ROWS))
    summary = import_people(acme, _file(ROWS[0], ROWS[1], [*ROWS[2][:3], "", "Analyst"]))
    assert summary.updated == (PersonChange("di@acme.example", "Di Report", ("team",)),)
    assert _chart(acme)["di@acme.example"][2] is None
    assert Team.objects.filter(name="Operations").exists()  # Bo is still in it


def test_it_leaves_people_who_are_not_in_the_file_as_they_are(org_world: OrgWorld) -> None:
    acme = org_world.organisation
    before = _chart(acme)
    summary = import_people(
        acme, _file(["Ada Lead", "ada@acme.example", "", "Leadership", "Managing Director"])
    )
    assert summary.unchanged == ("ada@acme.example",)
    assert summary.not_in_file == tuple(sorted(e for e in before if e != "ada@acme.example"))
    assert _chart(acme) == before
    assert "6 people not in the file left as they are" in summary_text(summary)


def test_it_finds_a_team_whatever_the_case_of_its_name(org_world: OrgWorld) -> None:
    acme = org_world.organisation
    summary = import_people(
        acme,
        _file(
            ["Ada Lead", "ada@acme.example", "", "LEADERSHIP", "Managing Director"],
            ["New Hire", "new@acme.example", "ada@acme.example", "sales", ""],
            ["Other Hire", "other@acme.example", "ada@acme.example", "Research", ""],
            ["Third Hire", "third@acme.example", "ada@acme.example", "research", ""],
        ),
    )
    assert summary.unchanged == ("ada@acme.example",)
    assert summary.teams_created == ("Research",)
    chart = _chart(acme)
    assert chart["new@acme.example"][2] == "Sales"
    assert chart["third@acme.example"][2] == "Research"
    assert Team.objects.filter(organisation=acme, name__iexact="research").count() == 1


def test_it_writes_nothing_on_a_dry_run(org_world: OrgWorld) -> None:
    acme = org_world.organisation
    before = _chart(acme)
    summary = import_people(
        acme,
        _file(
            ["Ada Lead", "ada@acme.example", "", "Board", "Chair"],
            ["New Hire", "new@acme.example", "ada@acme.example", "Research", ""],
        ),
        dry_run=True,
    )
    assert summary.dry_run
    assert summary.created == ("new@acme.example",)
    assert summary.updated == (PersonChange("ada@acme.example", "Ada Lead", ("team", "job_title")),)
    assert summary.teams_created == ("Board", "Research")
    assert _chart(acme) == before
    assert not Team.objects.filter(name__in=["Board", "Research"]).exists()


def test_it_keeps_each_organisations_people_apart(org_world: OrgWorld) -> None:
    # The same address in another organisation is another person.
    summary = import_people(
        org_world.other, _file(["Ada Elsewhere", "ada@acme.example", "", "", ""])
    )
    assert summary.created == ("ada@acme.example",)
    assert summary.not_in_file == ("olly@globex.example",)
    assert Person.objects.get(
        organisation=org_world.organisation, email="ada@acme.example"
    ).name == ("Ada Lead")


def test_it_summarises_an_import_in_one_line(db: None) -> None:
    acme = make_organisation()
    summary = import_people(acme, _file(ROWS[0]))
    assert summary_text(summary) == "1 person created, 0 updated, 0 unchanged, 1 team created"


BAD_FILES = {
    "a missing column": (b"name\nAda\n", "line 1: no 'email' column"),
    "an empty name": (b"name,email\n,ada@acme.example\n", "line 2, column name: empty"),
    "an address that is not one": (
        b"name,email\nAda,ada.acme.example\n",
        "line 2, column email: 'ada.acme.example' is not an email address",
    ),
    "an address used twice": (
        b"name,email\nAda,ada@acme.example\nAda Again,ADA@acme.example\n",
        "line 3, column email: ada@acme.example is also on line 2",
    ),
    "a manager who is not in the file": (
        b"name,email,manager_email\nDi,di@acme.example,bo@acme.example\n",
        "line 2, column manager_email: bo@acme.example is not in the file",
    ),
    "a person who manages themself": (
        b"name,email,manager_email\nDi,di@acme.example,di@acme.example\n",
        "line 2, column manager_email: a person cannot manage themself",
    ),
    "a loop of managers": (
        b"name,email,manager_email\nAda,ada@acme.example,bo@acme.example\n"
        b"Bo,bo@acme.example,ada@acme.example\n",
        "lines 2, 3: the managers form a loop",
    ),
    "text a spreadsheet runs": (
        b"name,email\n=cmd(),ada@acme.example\n",
        "line 2, column name: starts with '='",
    ),
    "a control character": (
        b"name,email\nAda\x00,ada@acme.example\n",
        "line 2, column name: holds a control character",
    ),
    "a text too long": (
        b"name,email\n" + b"A" * 201 + b",ada@acme.example\n",
        "line 2, column name: longer than 200 characters",
    ),
    "an address too long to sign in with": (
        b"name,email\nAl Long," + b"a" * 139 + b"@acme.example\n",
        "line 2, column email: longer than 150 characters, the longest address a person "
        "can sign in with",
    ),
    "cells past the header": (
        b"name,email\nAda,ada@acme.example,extra\n",
        "line 2: more cells than the header has columns",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_it_imports_nothing_from_a_file_with_a_bad_row(org_world: OrgWorld, kind: str) -> None:
    data, problem = BAD_FILES[kind]
    good = b"Zed New,zed@acme.example\n"  # a good row that must not be imported either
    before = _chart(org_world.organisation)
    with pytest.raises(PeopleError) as caught:
        import_people(org_world.organisation, read_people_bytes(data + good, "people.csv"))
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems
    assert _chart(org_world.organisation) == before


def test_a_persons_address_fits_the_account_that_signs_in_with_it() -> None:
    # Anyone imported may be made a participant, a manager or a member, and then
    # signs in with their address: it must fit where accounts keep it.
    username = User._meta.get_field("username").max_length
    assert Person._meta.get_field("email").max_length == MAX_EMAIL == username


def test_a_person_with_the_longest_address_can_be_given_an_account(db: None) -> None:
    longest = "a" * 137 + "@acme.example"
    assert len(longest) == MAX_EMAIL
    acme = make_organisation()
    import_people(acme, _file(["Al Long", longest.upper(), "", "", ""]))
    person = Person.objects.get(organisation=acme)
    membership, created = ensure_membership(person, Role.PARTICIPANT, invite=False)
    assert created
    assert User.objects.get(pk=membership.user_id).username == longest


def test_it_refuses_a_manager_who_is_in_twofold_but_not_in_the_file(org_world: OrgWorld) -> None:
    # Managers come from the file alone: that is what keeps an import from closing a
    # loop through people it leaves as they are (here Fay, under Di, under Bo).
    with pytest.raises(PeopleError) as caught:
        parse_people([HEADER, ["Bo Manager", "bo@acme.example", "fay@acme.example", "", ""]])
    assert caught.value.problems == [
        "line 2, column manager_email: fay@acme.example is not in the file; add a row for "
        "them or leave the cell empty"
    ]


emails = st.sampled_from([f"p{i}@acme.example" for i in range(6)])


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stored=st.lists(st.tuples(emails, st.one_of(st.none(), emails)), unique_by=lambda r: r[0]),
    filed=st.lists(st.tuples(emails, st.one_of(st.none(), emails)), unique_by=lambda r: r[0]),
)
def test_it_never_leaves_a_loop_in_the_chart(
    db: None,
    stored: list[tuple[str, str | None]],
    filed: list[tuple[str, str | None]],
) -> None:
    rows = [[f"P {e}", e, m or "", "", ""] for e, m in filed]
    try:
        people = parse_people([HEADER, *rows])
    except PeopleError:
        return  # refused whole; nothing to import
    with transaction.atomic():
        acme = make_organisation()
        made = {e: add_person(acme, f"P {e}", e) for e, _ in stored}
        for email, manager in stored:
            # Only links that keep the stored chart free of loops, as imports leave it.
            if manager in made and manager != email and not _reaches(made, manager, email):
                Person.objects.filter(pk=made[email].pk).update(manager=made[manager])
                made[email].manager_id = made[manager].pk
        import_people(acme, people)
        manager_of = dict(Person.objects.values_list("pk", "manager_id"))
        for start in manager_of:
            seen, at = set(), start
            while at is not None:
                assert at not in seen, "a loop of managers"
                seen.add(at)
                at = manager_of[at]
        transaction.set_rollback(True)


def _reaches(made: dict[str, Person], start: str, target: str) -> bool:
    """True when ``target`` is ``start`` or above it in the stored chart."""
    by_pk = {p.pk: p for p in made.values()}
    at: Person | None = made[start]
    while at is not None:
        if at.email == target:
            return True
        at = by_pk.get(at.manager_id) if at.manager_id else None
    return False
