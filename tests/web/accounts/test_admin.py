"""Accounts in Django's admin: tokens read-only and without their digest."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.accounts.helpers import Actors

from twofold.web.accounts.models import ApiToken, Role
from twofold.web.audit.models import Action, Event


@pytest.fixture
def superuser(actors: Actors) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


def test_it_shows_a_token_without_its_digest(superuser: Client, actors: Actors) -> None:
    token, secret = ApiToken.issue(actors.coach.user, "script")
    for url in ["/admin/accounts/apitoken/", f"/admin/accounts/apitoken/{token.pk}/change/"]:
        response = superuser.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "script" in page
        assert token.digest not in page
        assert secret not in page


def test_it_neither_adds_nor_edits_tokens(superuser: Client, actors: Actors) -> None:
    token, _ = ApiToken.issue(actors.coach.user, "script")
    assert superuser.get("/admin/accounts/apitoken/add/").status_code == 403
    page = superuser.get(f"/admin/accounts/apitoken/{token.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    superuser.post(f"/admin/accounts/apitoken/{token.pk}/change/", {"name": "renamed"})
    token.refresh_from_db()
    assert token.name == "script"


def test_it_lets_a_user_with_tokens_be_deleted(superuser: Client, actors: Actors) -> None:
    ApiToken.issue(actors.coach.user, "script")
    page = superuser.get(f"/admin/auth/user/{actors.coach.user.pk}/delete/").content.decode()
    assert "Are you sure" in page
    assert "permission to delete" not in page


def test_it_lists_memberships_and_coach_assignments(superuser: Client, actors: Actors) -> None:
    assert superuser.get("/admin/accounts/membership/").status_code == 200
    assert superuser.get("/admin/accounts/coachassignment/").status_code == 200


def test_it_audits_a_role_changed_in_the_admin(superuser: Client, actors: Actors) -> None:
    membership = actors.participant
    response = superuser.post(
        f"/admin/accounts/membership/{membership.pk}/change/",
        {
            "user": membership.user_id,
            "organisation": membership.organisation_id,
            "role": "coach",
            "person": membership.person_id,
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.COACH
    event = Event.objects.get()
    assert event.action == Action.ROLE_CHANGED
    assert event.summary == "pat@acme.example: Coach (in the admin)"


def test_it_keeps_other_staff_out(actors: Actors) -> None:
    client = Client()
    client.force_login(actors.admin.user)  # an organisation's administrator is not staff
    response = client.get("/admin/accounts/apitoken/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_it_keeps_out_a_staff_account_that_is_not_a_superuser(db: None) -> None:
    # Django's admin would let any staff account in; it lists every organisation's rows.
    client = Client()
    client.force_login(User.objects.create_user("staff@example.org", is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
