"""/accounts/tokens/: your personal API tokens; the secret is shown once."""

from __future__ import annotations

import re
from io import StringIO

from django.core.management import call_command
from django.test import Client
from tests.web.accounts.helpers import Actors, client_for

from twofold.web.accounts.models import TOKEN_PREFIX, ApiToken, token_digest

URL = "/accounts/tokens/"


def _secret_in(page: str) -> str:
    found = re.findall(r'id="token-secret"[^>]*value="(tfk_[^"]+)"', page)
    assert len(found) == 1, "the page shows no new secret"
    return found[0]


def test_it_needs_sign_in(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/tokens/"


def test_it_creates_a_token_and_shows_its_secret_once(actors: Actors) -> None:
    client = client_for(actors.participant)
    response = client.post(URL, {"name": "HR dashboard"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = _secret_in(response.content.decode())
    assert secret.startswith(TOKEN_PREFIX)
    assert len(secret) == len(TOKEN_PREFIX) + 43  # 32 random bytes, base64url

    token = ApiToken.objects.get(user=actors.participant.user)
    assert token.name == "HR dashboard"
    assert token.hint == secret[:8]
    assert token.digest == token_digest(secret)

    later = client.get(URL).content.decode()
    assert secret not in later
    assert "HR dashboard" in later
    assert f"{token.hint}…" in later


def test_it_keeps_the_secret_nowhere_in_the_database(actors: Actors) -> None:
    client = client_for(actors.participant)
    secret = _secret_in(client.post(URL, {"name": "laptop"}).content.decode())
    dump = StringIO()
    call_command("dumpdata", stdout=dump)  # every table, sessions included
    assert secret not in dump.getvalue()
    assert secret[8:20] not in dump.getvalue()
    assert token_digest(secret) in dump.getvalue()


def test_it_lists_only_your_live_tokens(actors: Actors) -> None:
    ApiToken.issue(actors.participant.user, "mine")
    revoked, _ = ApiToken.issue(actors.participant.user, "old one")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at="2026-01-01T00:00:00Z")
    ApiToken.issue(actors.admin.user, "someone else's")
    page = client_for(actors.participant).get(URL).content.decode()
    assert "mine" in page
    assert "old one" not in page
    assert "someone else" not in page


def test_it_refuses_a_token_without_a_name(actors: Actors) -> None:
    response = client_for(actors.participant).post(URL, {"name": "  "})
    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token(actors: Actors) -> None:
    token, _ = ApiToken.issue(actors.participant.user, "laptop")
    client = client_for(actors.participant)
    response = client.post(f"{URL}{token.pk}/revoke/", follow=True)
    assert response.redirect_chain == [(URL, 302)]
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "The token “laptop” is revoked" in response.content.decode()


def test_it_revokes_only_by_post(actors: Actors) -> None:
    token, _ = ApiToken.issue(actors.participant.user, "laptop")
    response = client_for(actors.participant).get(f"{URL}{token.pk}/revoke/")
    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_never_revokes_someone_elses_token(actors: Actors) -> None:
    token, _ = ApiToken.issue(actors.admin.user, "admin's")
    response = client_for(actors.participant).post(f"{URL}{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_needs_the_csrf_token_to_create_one(actors: Actors) -> None:
    response = client_for(actors.participant, enforce_csrf=True).post(URL, {"name": "x"})
    assert response.status_code == 403
    assert not ApiToken.objects.exists()
