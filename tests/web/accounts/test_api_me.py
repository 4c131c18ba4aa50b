"""GET /api/me: who is calling, by a personal API token or a signed-in session."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from django.test import Client
from tests.web.accounts.helpers import Actors, client_for
from tests.web.helpers import assert_error_shape

from twofold.web.accounts.models import ApiToken, Membership, Role
from twofold.web.organisations.models import Organisation

URL = "/api/me"


def test_it_answers_a_token(client: Client, actors: Actors) -> None:
    Membership.objects.create(
        user=actors.coach.user,
        organisation=Organisation.objects.create(name="Beta", slug="beta"),
        role=Role.PARTICIPANT,
    )
    _token, secret = ApiToken.issue(actors.coach.user, "script")
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json() == {
        "email": "cy@acme.example",
        "name": "Cy Coach",
        "organisations": [
            {"slug": "acme", "name": "Acme", "role": "coach", "person_name": "Cy Coach"},
            {"slug": "beta", "name": "Beta", "role": "participant", "person_name": None},
        ],
    }


def test_it_notes_when_a_token_was_last_used(client: Client, actors: Actors) -> None:
    token, secret = ApiToken.issue(actors.coach.user, "script")
    with time_machine.travel(datetime(2026, 12, 1, 9, 30, tzinfo=UTC), tick=False):
        client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def test_it_answers_a_signed_in_session(actors: Actors) -> None:
    response = client_for(actors.admin, enforce_csrf=True).get(URL)
    assert response.status_code == 200
    assert response.json()["email"] == "ada@acme.example"


def test_it_refuses_a_revoked_token(client: Client, actors: Actors) -> None:
    token, secret = ApiToken.issue(actors.coach.user, "script")
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=datetime(2026, 12, 1, tzinfo=UTC))
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    error = assert_error_shape(response, 401)
    assert error["message"] == "Sign in, or send a personal API token."


def test_it_refuses_an_unknown_token(client: Client, actors: Actors) -> None:
    response = client.get(URL, HTTP_AUTHORIZATION="Bearer tfk_made-up")
    assert_error_shape(response, 401)


def test_it_refuses_the_token_of_a_deactivated_account(client: Client, actors: Actors) -> None:
    _token, secret = ApiToken.issue(actors.coach.user, "script")
    actors.coach.user.is_active = False
    actors.coach.user.save()
    assert_error_shape(client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}"), 401)


def test_it_refuses_a_caller_with_neither(client: Client, db: None) -> None:
    assert_error_shape(client.get(URL), 401)
