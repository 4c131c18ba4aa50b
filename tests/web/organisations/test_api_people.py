"""GET /api/organisations/{slug}/people[/{id}] : the people the caller may see."""

from __future__ import annotations

import pytest
from tests.web.helpers import assert_error_shape
from tests.web.org_fixtures import OrgWorld

URL = "/api/organisations/acme/people"


@pytest.mark.parametrize(
    ("role", "emails"),
    [
        ("admin", ["ada", "bo", "cy", "di", "ed", "fay", "hana"]),
        ("manager", ["bo", "di", "ed", "fay"]),
        ("participant", ["di"]),
        ("coach", ["cy"]),
    ],
)
def test_it_lists_the_people_each_role_may_see(
    org_world: OrgWorld, role: str, emails: list[str]
) -> None:
    response = org_world.client_as(role).get(URL)
    assert response.status_code == 200
    assert [p["email"] for p in response.json()] == [f"{e}@acme.example" for e in emails]


def test_it_gives_the_fields_of_the_export_with_the_id(org_world: OrgWorld) -> None:
    people = {p["email"]: p for p in org_world.client_as("admin").get(URL).json()}
    assert people["di@acme.example"] == {
        "id": org_world.people["di"].pk,
        "name": "Di Report",
        "email": "di@acme.example",
        "manager_email": "bo@acme.example",
        "team": "Operations",
        "job_title": "Analyst",
    }
    assert people["ada@acme.example"]["manager_email"] is None


def test_it_gives_one_person(org_world: OrgWorld) -> None:
    fay = org_world.people["fay"]
    response = org_world.client_as("manager").get(f"{URL}/{fay.pk}")
    assert response.status_code == 200
    assert response.json()["name"] == "Fay Deep"


@pytest.mark.parametrize(
    ("role", "hidden"),
    [("manager", "ada"), ("manager", "cy"), ("participant", "fay"), ("coach", "bo")],
)
def test_it_answers_404_for_a_person_the_caller_may_not_see(
    org_world: OrgWorld, role: str, hidden: str
) -> None:
    response = org_world.client_as(role).get(f"{URL}/{org_world.people[hidden].pk}")
    missing = org_world.client_as(role).get(f"{URL}/999999")
    # Hidden and missing look the same, so ids cannot be probed.
    assert assert_error_shape(response, 404) == assert_error_shape(missing, 404)
    assert assert_error_shape(response, 404)["message"] == "No such person."


def test_it_never_gives_a_person_of_another_organisation(org_world: OrgWorld) -> None:
    olly = org_world.users["outsider"].memberships.get().person
    assert_error_shape(org_world.client_as("admin").get(f"{URL}/{olly.pk}"), 404)


@pytest.mark.parametrize(
    "path",
    [
        "/api/organisations/globex/people",
        "/api/organisations/no-such-org/people",
        "/api/organisations/a%00b/people",
        "/api/organisations/globex/people/1",
    ],
)
def test_it_answers_404_for_an_organisation_the_caller_has_no_role_in(
    org_world: OrgWorld, path: str
) -> None:
    error = assert_error_shape(org_world.client_as("admin").get(path), 404)
    assert error["message"] == "No such organisation."


@pytest.mark.parametrize("person_id", ["0", "abc", "99999999999999999999"])
def test_it_refuses_an_id_that_cannot_be_one(org_world: OrgWorld, person_id: str) -> None:
    error = assert_error_shape(org_world.client_as("admin").get(f"{URL}/{person_id}"), 422)
    assert error["details"][0].startswith("person_id: ")


def test_it_refuses_a_caller_who_is_not_signed_in(org_world: OrgWorld) -> None:
    assert_error_shape(org_world.client_as(None).get(URL), 401)
    assert_error_shape(org_world.client_as(None).get(f"{URL}/1"), 401)


def test_it_only_reads(org_world: OrgWorld) -> None:
    response = org_world.client_as("admin").post(URL, "{}", content_type="application/json")
    assert_error_shape(response, 405)
