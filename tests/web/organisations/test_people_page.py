"""GET /o/<slug>/people/ : the people the viewer may see, to search and filter."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from tests.web.org_fixtures import OrgWorld, add_person

from twofold.web.organisations.models import Team

URL = "/o/acme/people/"


def _listed(content: bytes) -> list[str]:
    """The names in the list, in order."""
    return re.findall(
        r'<th scope="row">\s*<a href="/o/acme/people/\d+/">([^<]+)</a>', content.decode()
    )


@pytest.mark.parametrize(
    ("role", "names"),
    [
        (
            "admin",
            [
                "Ada Lead",
                "Bo Manager",
                "Cy Peer",
                "Di Report",
                "Ed Report",
                "Fay Deep",
                "Hana Admin",
            ],
        ),
        ("manager", ["Bo Manager", "Di Report", "Ed Report", "Fay Deep"]),
        ("participant", ["Di Report"]),
        ("coach", ["Cy Peer"]),
    ],
)
def test_it_lists_the_people_each_role_may_see(
    org_world: OrgWorld, role: str, names: list[str]
) -> None:
    response = org_world.client_as(role).get(URL)
    assert response.status_code == 200
    assert _listed(response.content) == names


def test_it_shows_job_title_team_and_manager(org_world: OrgWorld) -> None:
    response = org_world.client_as("admin").get(URL)
    page = response.content.decode()
    ed = page[page.index(">Ed Report<") : page.index(">Fay Deep<")]
    assert "ed@acme.example" in ed
    assert "Planner" in ed
    assert "Operations" in ed
    assert f'<a href="/o/acme/people/{org_world.people["bo"].pk}/">Bo Manager</a>' in ed


def test_it_links_a_manager_only_when_the_viewer_may_see_them(org_world: OrgWorld) -> None:
    page = org_world.client_as("manager").get(URL).content.decode()
    bo = page[page.index(">Bo Manager<") : page.index(">Di Report<")]
    assert "Ada Lead" in bo
    assert f"/o/acme/people/{org_world.people['ada'].pk}/" not in bo


def test_it_finds_people_by_name_or_email(org_world: OrgWorld) -> None:
    client = org_world.client_as("admin")
    assert _listed(client.get(URL, {"q": "report"}).content) == ["Di Report", "Ed Report"]
    assert _listed(client.get(URL, {"q": "HANA@"}).content) == ["Hana Admin"]
    response = client.get(URL, {"q": "nobody"})
    assert _listed(response.content) == []
    assert b"Nobody matches" in response.content


def test_it_never_finds_someone_the_viewer_may_not_see(org_world: OrgWorld) -> None:
    response = org_world.client_as("manager").get(URL, {"q": "Ada"})
    assert _listed(response.content) == []


def test_it_filters_by_team(org_world: OrgWorld) -> None:
    sales = Team.objects.get(name="Sales")
    response = org_world.client_as("admin").get(URL, {"team": sales.pk})
    assert _listed(response.content) == ["Cy Peer"]
    assert b"1 person found, of 7." in response.content


def test_it_offers_only_the_teams_of_people_the_viewer_may_see(org_world: OrgWorld) -> None:
    response = org_world.client_as("manager").get(URL)
    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', response.content.decode())
    assert options == ["Operations"]
    # A team the viewer cannot see is not a filter they can use either.
    sales = Team.objects.get(name="Sales")
    response = org_world.client_as("manager").get(URL, {"team": sales.pk})
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content


def test_it_refuses_a_search_with_a_nul_character(org_world: OrgWorld) -> None:
    # PostgreSQL cannot compare text holding NUL; the page says so instead of failing.
    response = org_world.client_as("admin").get(URL, {"q": "a\x00b"})
    assert response.status_code == 200
    assert b"Null characters are not allowed" in response.content


def test_it_shows_fifty_people_a_page_and_keeps_the_search(org_world: OrgWorld) -> None:
    for number in range(60):
        add_person(org_world.organisation, f"Temp {number:02d}", f"temp{number}@acme.example")
    client = org_world.client_as("admin")
    first = client.get(URL, {"q": "temp"})
    assert len(_listed(first.content)) == 50
    assert b'href="?q=temp&amp;page=2"' in first.content
    assert b"Page 1 of 2" in first.content
    second = client.get(URL, {"q": "temp", "page": 2})
    assert _listed(second.content) == [f"Temp {n}" for n in range(50, 60)]
    assert client.get(URL, {"page": "last"}).status_code == 200


def test_it_offers_import_and_export_to_administrators_only(org_world: OrgWorld) -> None:
    assert b"/o/acme/people/export/?format=csv" in org_world.client_as("admin").get(URL).content
    for role in ("manager", "participant", "coach"):
        page = org_world.client_as(role).get(URL).content
        assert b"/people/export/" not in page
        assert b"/people/import/" not in page


def test_it_hides_the_organisation_from_an_outsider(org_world: OrgWorld) -> None:
    assert org_world.client_as("outsider").get(URL).status_code == 404
    assert org_world.client_as("admin").get("/o/globex/people/").status_code == 404
    assert org_world.client_as("admin").get("/o/no-such-org/people/").status_code == 404


def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, login_path: str) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{login_path}?next={URL}"
