"""SIGNED_IN on a route that changes something: a session needs CSRF, a token does not."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from tests.web.accounts.helpers import Actors, client_for
from tests.web.helpers import assert_error_shape

from twofold.web.accounts.models import ApiToken

pytestmark = pytest.mark.urls("tests.web.accounts.signed_in_urls")
URL = "/api/check/echo"
CSRF_SECRET = "abcdefghijklmnopqrstuvwxyz012345"  # 32 characters, as Django makes them


def test_it_refuses_a_session_without_the_csrf_token(actors: Actors) -> None:
    # What a forged form on another site would send: the cookie, no token.
    client = client_for(actors.admin, enforce_csrf=True)
    error = assert_error_shape(client.post(URL), 403)
    assert error["message"] == "CSRF check Failed"


def test_it_accepts_a_session_with_the_csrf_token(actors: Actors) -> None:
    # What a page's script sends: the CSRF cookie's value in the X-CSRFToken header.
    client = client_for(actors.admin, enforce_csrf=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    response = client.post(URL, HTTP_X_CSRFTOKEN=CSRF_SECRET)
    assert response.status_code == 200
    assert response.json() == {"username": "ada@acme.example"}


def test_it_accepts_a_token_without_csrf(actors: Actors) -> None:
    _token, secret = ApiToken.issue(actors.admin.user, "script")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json() == {"username": "ada@acme.example"}


def test_it_asks_a_caller_with_neither_to_sign_in(db: None) -> None:
    response = Client(enforce_csrf_checks=True).post(URL)
    assert_error_shape(response, 401)
