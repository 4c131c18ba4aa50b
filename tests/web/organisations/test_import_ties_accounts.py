"""import_people ties an account made before its person to that person.

A new organisation gets its administrator (``twofold org admin``) before anyone
is imported; that account must become the person of its address once the
person exists, or it has no name and the rules that go by person miss it.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from tests.web.org_fixtures import OrgWorld, add_account, add_person, make_organisation

from twofold.core.people import parse_people
from twofold.web.accounts.models import Membership, Role
from twofold.web.organisations.services import import_people, summary_text

HEADER = ["name", "email", "manager_email", "team", "job_title"]
HANA = ["Hana Admin", "hana@acme.example", "", "People", "HR Director"]
ADA = ["Ada Lead", "ada@acme.example", "", "Leadership", "Managing Director"]


def _file(*rows: list[str]) -> list:
    return parse_people([HEADER, *rows], "people.csv")


def _person_of(user: User) -> str | None:
    membership = Membership.objects.select_related("person").get(user=user)
    return membership.person.email if membership.person else None


def test_it_ties_an_account_to_the_person_the_file_creates(db: None) -> None:
    acme = make_organisation()
    hana = add_account(acme, Role.ADMIN, email="Hana@Acme.example")
    summary = import_people(acme, _file(HANA, ADA))
    assert summary.accounts_tied == ("hana@acme.example",)
    assert summary.changes_anything
    assert summary_text(summary).endswith(", 1 account tied to its person")
    assert _person_of(hana) == "hana@acme.example"


def test_a_dry_run_says_so_and_ties_nothing(db: None) -> None:
    acme = make_organisation()
    hana = add_account(acme, Role.ADMIN, email="hana@acme.example")
    summary = import_people(acme, _file(HANA), dry_run=True)
    assert summary.accounts_tied == ("hana@acme.example",)
    assert _person_of(hana) is None


def test_it_ties_to_a_person_already_there_and_then_has_nothing_left_to_do(
    db: None,
) -> None:
    acme = make_organisation()
    add_person(acme, "Hana Admin", "hana@acme.example", team="People", job_title="HR Director")
    hana = add_account(acme, Role.ADMIN, email="hana@acme.example")
    assert import_people(acme, _file(HANA)).accounts_tied == ("hana@acme.example",)
    assert _person_of(hana) == "hana@acme.example"
    again = import_people(acme, _file(HANA))
    assert again.accounts_tied == ()
    assert not again.changes_anything


def test_it_matches_the_accounts_email_when_it_signs_in_with_another_name(db: None) -> None:
    acme = make_organisation()
    user = User.objects.create_user(username="hadmin", email="hana@acme.example")
    Membership.objects.create(user=user, organisation=acme, role=Role.ADMIN)
    import_people(acme, _file(HANA))
    assert _person_of(user) == "hana@acme.example"


def test_a_person_keeps_the_account_they_have(org_world: OrgWorld) -> None:
    acme = org_world.organisation
    # Another account with Hana's address, and no person: Hana is already the administrator's.
    twin = User.objects.create_user(username="hana.twin", email="hana@acme.example")
    Membership.objects.create(user=twin, organisation=acme, role=Role.PARTICIPANT)
    summary = import_people(acme, _file(HANA))
    assert summary.accounts_tied == ()
    assert _person_of(twin) is None
    assert _person_of(org_world.users["admin"]) == "hana@acme.example"


def test_it_leaves_accounts_of_other_organisations_alone(org_world: OrgWorld) -> None:
    # Kit coaches in Acme from outside and has no person there; in Globex, Kit is nobody.
    globex, kit = org_world.other, org_world.users["coach"]
    Membership.objects.create(user=kit, organisation=globex, role=Role.PARTICIPANT)
    summary = import_people(
        org_world.organisation, _file(["Kit Coach", "kit@coaching.example", "", "", "Coach"])
    )
    assert summary.accounts_tied == ("kit@coaching.example",)
    tied = Membership.objects.get(user=kit, organisation=org_world.organisation)
    assert tied.person is not None
    assert tied.person.name == "Kit Coach"
    assert Membership.objects.get(user=kit, organisation=globex).person is None
