"""Django's admin is for the superusers who run the server: nobody else reaches any of its pages.

Every page of the admin (walked from the URL resolver) against every actor of
the matrix, and a staff account that is not a superuser: each is sent to the
admin's sign-in page, which is all they may see. A superuser is let in. A
form posted to the admin by anyone else changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import HttpResponse
from tests.web.matrix.admin_site import LOGIN_PATH, admin_pages
from tests.web.matrix.checks import changed_tables, client_for, snapshot
from tests.web.matrix.world import ACTORS, World

#: Everyone but the superuser: the matrix's actors and a staff account.
KEPT_OUT = (*ACTORS, "staff")

PAGE_CASES = [
    pytest.param(page, actor, id=f"GET {page.id} as {actor}")
    for page in admin_pages()
    for actor in (*KEPT_OUT, "superuser")
]


def _membership_form(world: World) -> dict[str, Any]:
    mo = world.memberships["manager"]
    return {
        "user": mo.user_id,
        "organisation": mo.organisation_id,
        "role": "admin",
        "person": mo.person_id,
    }


FORMS: list[tuple[str, Callable[[World], str], Callable[[World], dict[str, Any]]]] = [
    (
        "make Mo an administrator",
        lambda w: f"/admin/accounts/membership/{w.memberships['manager'].pk}/change/",
        _membership_form,
    ),
    (
        "add an account",
        lambda w: "/admin/auth/user/add/",
        lambda w: {"username": "eve@example.org", "usable_password": "false"},
    ),
    (
        "delete Pat's API token",
        lambda w: f"/admin/accounts/apitoken/{w.pat_script.pk}/delete/",
        lambda w: {"post": "yes"},
    ),
]
FORM_CASES = [
    pytest.param(url, data, actor, id=f"POST {name} as {actor}")
    for name, url, data in FORMS
    for actor in (*KEPT_OUT, "superuser")
]


@pytest.fixture(autouse=True)
def _rolled_back(world: World, db: None) -> None:
    """Each test in a savepoint of the world's transaction, undone after it."""


def _sent_to_admin_sign_in(response: HttpResponse, url: str) -> bool:
    location = urlsplit(response.get("Location", ""))
    return (
        response.status_code == 302
        and location.path == LOGIN_PATH
        and parse_qs(location.query).get("next") == [url]
    )


@pytest.mark.parametrize(("admin_page", "actor"), PAGE_CASES)
def test_it_keeps_everyone_but_superusers_out(admin_page: Any, actor: str, world: World) -> None:
    response = client_for(world, actor).get(admin_page.url)
    if admin_page.url.startswith("/admin/r/"):
        # "View on site" is refused to everyone: it would hand out report links.
        assert response.status_code == 404
    elif actor == "superuser":
        assert response.status_code < 500
        assert not _sent_to_admin_sign_in(response, admin_page.url)
    elif admin_page.route.name == "admin:logout":
        # Signing out of an admin they are not in: to its front page, which sends them to sign in.
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    elif admin_page.route.name == "admin:login":
        # The sign-in form itself, and nothing else.
        assert response.status_code == 200
        assert b"<table" not in response.content
    else:
        assert _sent_to_admin_sign_in(response, admin_page.url), response.get("Location")


@pytest.mark.parametrize(("url", "data", "actor"), FORM_CASES)
def test_it_changes_nothing_for_a_form_posted_by_anyone_but_a_superuser(
    url: Callable[[World], str],
    data: Callable[[World], dict[str, Any]],
    actor: str,
    world: World,
) -> None:
    address = url(world)
    before = snapshot()
    response = client_for(world, actor).post(address, data(world))
    changed = changed_tables(before, snapshot())
    if actor == "superuser":
        assert response.status_code == 302
        assert changed
    else:
        assert _sent_to_admin_sign_in(response, address)
        assert changed == []
