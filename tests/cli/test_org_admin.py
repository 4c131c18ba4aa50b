"""twofold org admin: how a new organisation gets its first administrator.

Nobody can sign in to a new organisation to invite anyone, so whoever runs the
server makes the first administrator from the command line and hands them the
printed link to choose a password.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from tests.cli.conftest import write_csv

from twofold.cli.main import cli
from twofold.web.accounts.models import Membership, Role
from twofold.web.audit.models import Event
from twofold.web.organisations.models import Organisation, Person

pytestmark = pytest.mark.django_db
PASSWORD = "quiet-Harbour-lamp-38"


def _link(output: str) -> str:
    links = re.findall(r"https?://\S+", output)
    assert len(links) == 1, output
    return links[0]


def test_a_new_organisation_gets_an_administrator_who_can_sign_in(
    runner: CliRunner, client: Client
) -> None:
    runner.invoke(cli, ["org", "create", "Acme"])
    result = runner.invoke(cli, ["org", "admin", "Hana@Acme.example"])
    assert result.exit_code == 0, result.output
    assert "made an account for hana@acme.example, an administrator of Acme (acme)" in (
        result.stdout
    )
    assert "this link works for 3 days" in result.stdout
    link = _link(result.stdout)
    assert link.startswith("http://localhost:8000/accounts/set-password/")

    form_url = client.get(link.removeprefix("http://localhost:8000"))["Location"]
    client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    signed_in = Client()
    answer = signed_in.post(
        reverse("accounts:login"), {"username": "hana@acme.example", "password": PASSWORD}
    )
    assert answer.status_code == 302
    page = signed_in.get(reverse("members:list", kwargs={"slug": "acme"}))
    assert page.status_code == 200
    membership = Membership.objects.get(user__username="hana@acme.example")
    assert membership.role == Role.ADMIN
    assert membership.person is None
    assert Event.objects.filter(organisation__slug="acme").count() == 1


def test_it_ties_the_account_to_the_person_of_that_address(runner: CliRunner) -> None:
    acme = Organisation.objects.create(name="Acme", slug="acme")
    person = Person.objects.create(organisation=acme, name="Hana Admin", email="hana@acme.example")
    result = runner.invoke(cli, ["org", "admin", "hana@acme.example", "--org", "acme"])
    assert result.exit_code == 0, result.output
    assert Membership.objects.get().person == person


def test_it_raises_an_existing_role_and_says_when_a_password_is_set(runner: CliRunner) -> None:
    acme = Organisation.objects.create(name="Acme", slug="acme")
    user = User.objects.create_user("bo@acme.example", "bo@acme.example", PASSWORD)
    Membership.objects.create(user=user, organisation=acme, role=Role.MANAGER)
    result = runner.invoke(cli, ["org", "admin", "bo@acme.example"])
    assert result.exit_code == 0, result.output
    assert "found the account of bo@acme.example, an administrator of Acme" in result.stdout
    assert "it already has a password: sign in at http://localhost:8000/accounts/login/" in (
        result.stdout
    )
    assert Membership.objects.get().role == Role.ADMIN
    assert User.objects.get().check_password(PASSWORD)  # the command never touches a password


def test_running_it_again_changes_nothing(runner: CliRunner) -> None:
    runner.invoke(cli, ["org", "create", "Acme"])
    runner.invoke(cli, ["org", "admin", "hana@acme.example"])
    again = runner.invoke(cli, ["org", "admin", "hana@acme.example"])
    assert again.exit_code == 0, again.output
    assert "found the account of hana@acme.example" in again.stdout
    assert (User.objects.count(), Membership.objects.count(), Event.objects.count()) == (1, 1, 1)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("hana", "EMAIL: hana is not an email address"),
        (
            "h" * 140 + "@acme.example",
            "is longer than the 150 characters an account's address may have",
        ),
    ],
)
def test_it_refuses_an_address_that_cannot_sign_in(
    runner: CliRunner, email: str, message: str
) -> None:
    runner.invoke(cli, ["org", "create", "Acme"])
    result = runner.invoke(cli, ["org", "admin", email])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not User.objects.exists()


def test_it_needs_to_know_which_organisation(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["org", "admin", "hana@acme.example"])
    assert result.exit_code == 2
    assert "--org" in result.stderr
    assert "twofold org create NAME" in result.stderr


def test_an_administrator_made_before_the_import_becomes_their_person(
    runner: CliRunner, client: Client, tmp_path: Path
) -> None:
    # The order a new organisation takes: an administrator first, then its people.
    runner.invoke(cli, ["org", "create", "Acme"])
    runner.invoke(cli, ["org", "admin", "hr@acme.example"])
    people = write_csv(
        tmp_path / "people.csv",
        """
        name,email,manager_email,team,job_title
        Hana Admin,HR@acme.example,,People,HR Director
        Ada Lead,ada@acme.example,,Leadership,Managing Director
        """.replace("        ", ""),
    )
    dry = runner.invoke(cli, ["people", "import", str(people), "--dry-run"])
    assert "1 account tied to its person" in dry.stdout
    assert Membership.objects.get().person is None  # a dry run ties nothing

    result = runner.invoke(cli, ["people", "import", str(people)])

    assert result.exit_code == 0, result.output
    counts = "2 people created, 0 updated, 0 unchanged, 2 teams created, 1 account tied to its"
    assert counts in result.stdout
    assert Membership.objects.get().person == Person.objects.get(email="hr@acme.example")
    client.force_login(User.objects.get(username="hr@acme.example"))
    me = client.get("/api/me").json()
    assert me["name"] == "Hana Admin"
    assert me["organisations"][0]["person_name"] == "Hana Admin"
