"""/accounts/logout/: signing out, by POST only."""

from __future__ import annotations

from django.urls import reverse
from tests.web.accounts.helpers import Actors, client_for

URL = "/accounts/logout/"


def test_it_signs_out_by_post(actors: Actors) -> None:
    client = client_for(actors.participant)
    response = client.post(URL, follow=True)
    assert response.redirect_chain == [(reverse("accounts:login"), 302)]
    assert "_auth_user_id" not in client.session
    assert "You are signed out." in response.content.decode()


def test_it_only_asks_on_get(actors: Actors) -> None:
    # A link or an image on another page must not sign anyone out.
    client = client_for(actors.participant)
    response = client.get(URL)
    assert response.status_code == 200
    assert '<form method="post" action="/accounts/logout/">' in response.content.decode()
    assert client.session["_auth_user_id"] == str(actors.participant.user.pk)


def test_it_needs_the_csrf_token(actors: Actors) -> None:
    client = client_for(actors.participant, enforce_csrf=True)
    response = client.post(URL)
    assert response.status_code == 403
    assert client.session["_auth_user_id"] == str(actors.participant.user.pk)
