"""GET /api/organisations : the caller's organisations and their role in each."""

from __future__ import annotations

from django.test import Client
from tests.web.helpers import assert_error_shape
from tests.web.org_fixtures import OrgWorld, add_account

from twofold.web.accounts.models import ApiToken, Role

URL = "/api/organisations"


def test_it_lists_the_callers_organisations_with_their_role(org_world: OrgWorld) -> None:
    add_account(org_world.other, Role.PARTICIPANT, email=org_world.users["admin"].username)
    response = org_world.client_as("admin").get(URL)
    assert response.status_code == 200
    assert response.json() == [
        {"slug": "acme", "name": "Acme", "role": "admin"},
        {"slug": "globex", "name": "Globex", "role": "participant"},
    ]


def test_it_answers_a_personal_api_token(org_world: OrgWorld) -> None:
    _token, secret = ApiToken.issue(org_world.users["coach"], "script")
    response = Client().get(URL, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.json() == [{"slug": "acme", "name": "Acme", "role": "coach"}]


def test_it_lists_nothing_for_an_account_without_a_role(org_world: OrgWorld) -> None:
    client = Client()
    client.force_login(org_world.users["outsider"])
    assert client.get(URL).json() == [{"slug": "globex", "name": "Globex", "role": "admin"}]


def test_it_refuses_a_caller_who_is_not_signed_in(client: Client, db: None) -> None:
    error = assert_error_shape(client.get(URL), 401)
    assert error["message"] == "Sign in, or send a personal API token."


def test_it_refuses_a_revoked_token(org_world: OrgWorld) -> None:
    from django.utils import timezone

    token, secret = ApiToken.issue(org_world.users["admin"], "old")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    response = Client().get(URL, headers={"Authorization": f"Bearer {secret}"})
    assert_error_shape(response, 401)
