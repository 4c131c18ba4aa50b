"""GET /o/ : the organisations the signed-in account has a role in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, reverse
from tests.web.org_fixtures import OrgWorld, add_account

from twofold.web.accounts.models import Role


def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, login_path: str) -> None:
    response = client.get("/o/")
    assert response.status_code == 302
    assert response["Location"] == f"{login_path}?next=/o/"


def test_it_goes_straight_to_the_only_organisation(org_world: OrgWorld) -> None:
    try:
        reverse("campaigns:dashboard", kwargs={"slug": "acme"})
    except NoReverseMatch:
        pytest.xfail("the organisation's home page (campaigns:dashboard) is not on this branch")
    response = org_world.client_as("manager").get("/o/")
    assert response.status_code == 302
    assert response["Location"] == "/o/acme/"


def test_it_lists_several_organisations_with_the_role_in_each(org_world: OrgWorld) -> None:
    user = org_world.users["participant"]
    add_account(org_world.other, Role.COACH, email=user.username)
    response = org_world.client_as("participant").get("/o/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Acme") < page.index("Globex")
    assert 'href="/o/acme/people/"' in page
    assert 'href="/o/globex/people/"' in page
    assert "Participant" in page
    assert "Coach" in page


def test_it_says_when_an_account_has_no_role_anywhere(client: Client, db: None) -> None:
    client.force_login(User.objects.create_user("nobody@example.org"))
    response = client.get("/o/")
    assert response.status_code == 200
    assert b"no role in an organisation yet" in response.content


def test_it_only_allows_get(org_world: OrgWorld) -> None:
    assert org_world.client_as("admin").post("/o/").status_code == 405
