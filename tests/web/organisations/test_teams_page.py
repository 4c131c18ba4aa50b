"""GET /o/<slug>/teams/ : teams and how many of the people the viewer may see are in each."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from tests.web.org_fixtures import OrgWorld, add_person

from twofold.web.organisations.models import Team

URL = "/o/acme/teams/"


def _counts(content: bytes) -> dict[str, int]:
    rows = re.findall(
        r'<th scope="row">(?:<a [^>]+>)?([^<]+)(?:</a>)?</th>\s*<td class="num">(\d+)</td>',
        content.decode(),
    )
    return {name: int(count) for name, count in rows}


@pytest.mark.parametrize(
    ("role", "counts"),
    [
        ("admin", {"Leadership": 1, "Operations": 4, "People": 1, "Sales": 1}),
        ("manager", {"Operations": 4}),
        ("participant", {"Operations": 1}),
        ("coach", {"Sales": 1}),
    ],
)
def test_it_counts_the_people_each_role_may_see(
    org_world: OrgWorld, role: str, counts: dict[str, int]
) -> None:
    response = org_world.client_as(role).get(URL)
    assert response.status_code == 200
    assert _counts(response.content) == counts


def test_it_shows_empty_teams_and_people_without_one_to_administrators(
    org_world: OrgWorld,
) -> None:
    Team.objects.create(organisation=org_world.organisation, name="Research")
    add_person(org_world.organisation, "Gus Loose", "gus@acme.example")
    counts = _counts(org_world.client_as("admin").get(URL).content)
    assert counts["Research"] == 0
    assert counts["Not in a team"] == 1
    assert "Research" not in _counts(org_world.client_as("manager").get(URL).content)


def test_it_links_each_team_to_its_people(org_world: OrgWorld) -> None:
    sales = Team.objects.get(name="Sales")
    page = org_world.client_as("admin").get(URL).content.decode()
    assert f'href="/o/acme/people/?team={sales.pk}">Sales</a>' in page


def test_it_hides_the_organisation_from_an_outsider(org_world: OrgWorld) -> None:
    assert org_world.client_as("outsider").get(URL).status_code == 404


def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, login_path: str) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{login_path}?next={URL}"
