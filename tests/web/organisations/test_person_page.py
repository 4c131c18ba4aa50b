"""GET /o/<slug>/people/<id>/ : one person, their manager, team and direct reports."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.web.org_fixtures import OrgWorld


def _url(world: OrgWorld, first_name: str) -> str:
    return f"/o/acme/people/{world.people[first_name].pk}/"


def test_it_shows_a_person_with_their_manager_team_and_reports(org_world: OrgWorld) -> None:
    response = org_world.client_as("admin").get(_url(org_world, "bo"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Bo Manager</h1>" in page
    assert "bo@acme.example" in page
    assert "Operations Manager" in page
    assert f'href="{_url(org_world, "ada")}">Ada Lead</a>' in page
    assert f'href="{_url(org_world, "di")}">Di Report</a>' in page
    assert f'href="{_url(org_world, "ed")}">Ed Report</a>' in page
    assert "Fay Deep" not in page  # Di's report, not Bo's


@pytest.mark.parametrize(
    ("role", "seen", "hidden"),
    [
        ("manager", ["bo", "di", "ed", "fay"], ["ada", "cy", "hana"]),
        ("participant", ["di"], ["bo", "fay", "ada"]),
        ("coach", ["cy"], ["ada", "bo", "di"]),
    ],
)
def test_it_shows_a_person_only_to_those_who_may_see_them(
    org_world: OrgWorld, role: str, seen: list[str], hidden: list[str]
) -> None:
    client = org_world.client_as(role)
    for first_name in seen:
        assert client.get(_url(org_world, first_name)).status_code == 200, first_name
    for first_name in hidden:
        assert client.get(_url(org_world, first_name)).status_code == 404, first_name


def test_it_names_a_manager_the_viewer_may_not_see_without_a_link(org_world: OrgWorld) -> None:
    page = org_world.client_as("manager").get(_url(org_world, "bo")).content.decode()
    assert "Ada Lead" in page
    assert _url(org_world, "ada") not in page


def test_it_lists_only_the_reports_the_viewer_may_see(org_world: OrgWorld) -> None:
    # Di manages Fay in the chart, but Di's account is a participant's: it sees Di alone.
    page = org_world.client_as("participant").get(_url(org_world, "di")).content.decode()
    assert "Fay Deep" not in page
    assert "No direct reports to show." in page


def test_it_never_shows_a_person_of_another_organisation(org_world: OrgWorld) -> None:
    olly = org_world.users["outsider"].memberships.get().person
    assert org_world.client_as("admin").get(f"/o/acme/people/{olly.pk}/").status_code == 404
    assert org_world.client_as("outsider").get(_url(org_world, "ada")).status_code == 404
    assert org_world.client_as("outsider").get(f"/o/acme/people/{olly.pk}/").status_code == 404


def test_it_says_there_is_no_such_person(org_world: OrgWorld) -> None:
    client = org_world.client_as("admin")
    assert client.get("/o/acme/people/999999/").status_code == 404
    assert client.get("/o/acme/people/99999999999999999999999/").status_code == 404


def test_it_sends_an_anonymous_visitor_to_sign_in(
    client: Client, org_world: OrgWorld, login_path: str
) -> None:
    response = client.get(_url(org_world, "ada"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{login_path}?next=")
