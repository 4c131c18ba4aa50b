"""Failed sign-ins in a row pause signing in to that address from that IP address.

The counting is django-axes' (twofold.web.accounts.throttle); these tests hold
what a person relies on: the pause, its length, who else it touches (nobody),
and that it tells no one which addresses have accounts.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings
from tests.web.accounts.helpers import PASSWORD, Actors, link_in, path_of
from tests.web.rating.helpers import rate_url
from tests.web.rating.raters import invite_rater

from twofold.web.accounts.models import ApiToken
from twofold.web.settings import _at_least_one

URL = "/accounts/login/"
HOME = "203.0.113.7"
ELSEWHERE = "198.51.100.4"
PAUSED = "Signing in is paused"


def attempt(
    client: Client, email: str, password: str, address: str = HOME, **headers: str
) -> HttpResponse:
    return client.post(
        URL, {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail_until_paused(client: Client, email: str, address: str = HOME, **headers: str) -> None:
    """Fail as often as the setting allows; the last failure pauses signing in."""
    for _ in range(settings.SIGNIN_ATTEMPTS - 1):
        response = attempt(client, email, "wrong", address, **headers)
        assert response.status_code == 200
        assert PAUSED not in response.content.decode()
    response = attempt(client, email, "wrong", address, **headers)
    assert response.status_code == 429
    assert PAUSED in response.content.decode()


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_it_pauses_signing_in_after_repeated_failures(client: Client, actors: Actors) -> None:
    fail_until_paused(client, "ada@acme.example")
    response = attempt(client, "ada@acme.example", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert f"paused for {settings.SIGNIN_PAUSE_MINUTES} minutes" in page
    assert 'href="/accounts/password_reset/"' in page


def test_it_lets_the_person_in_once_the_pause_is_over(client: Client, actors: Actors) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_until_paused(client, "ada@acme.example")
    pause = timedelta(minutes=settings.SIGNIN_PAUSE_MINUTES)
    with time_machine.travel(start + pause - timedelta(seconds=30), tick=False):
        assert attempt(client, "ada@acme.example", PASSWORD).status_code == 429
    with time_machine.travel(start + pause + timedelta(seconds=30), tick=False):
        assert attempt(client, "ada@acme.example", PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_starts_the_count_again(client: Client, actors: Actors) -> None:
    for _ in range(settings.SIGNIN_ATTEMPTS - 1):
        attempt(client, "ada@acme.example", "wrong")
    assert attempt(client, "ada@acme.example", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(settings.SIGNIN_ATTEMPTS - 1):
        assert attempt(client, "ada@acme.example", "wrong").status_code == 200
    assert attempt(client, "ada@acme.example", PASSWORD).status_code == 302


def test_it_counts_an_address_in_any_case_as_one(client: Client, actors: Actors) -> None:
    spellings = ["ada@acme.example", "Ada@ACME.example", " ADA@acme.EXAMPLE "]
    for n in range(settings.SIGNIN_ATTEMPTS):
        attempt(client, spellings[n % len(spellings)], "wrong")
    assert attempt(client, "ada@acme.example", PASSWORD).status_code == 429


def test_it_pauses_only_that_address_from_that_ip_address(actors: Actors) -> None:
    fail_until_paused(Client(), "ada@acme.example", HOME)
    # The person at their own desk, and a colleague where the failures came from.
    assert attempt(Client(), "ada@acme.example", PASSWORD, ELSEWHERE).status_code == 302
    assert attempt(Client(), "pat@acme.example", PASSWORD, HOME).status_code == 302


def test_it_pauses_an_unknown_address_just_the_same(actors: Actors) -> None:
    known, unknown = Client(), Client()
    fail_until_paused(known, "ada@acme.example")
    fail_until_paused(unknown, "nobody@acme.example")
    paused_known = attempt(known, "ada@acme.example", "wrong")
    paused_unknown = attempt(unknown, "nobody@acme.example", "wrong")
    assert paused_known.status_code == paused_unknown.status_code == 429
    assert paused_known.content == paused_unknown.content


def test_it_leaves_api_tokens_and_raters_links_alone(client: Client, actors: Actors) -> None:
    fail_until_paused(client, "ada@acme.example")
    _token, secret = ApiToken.issue(actors.admin.user, "script")
    me = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}", REMOTE_ADDR=HOME)
    assert me.status_code == 200
    assert me.json()["email"] == "ada@acme.example"
    invitation = invite_rater(email="ada@acme.example")
    assert client.get(rate_url(invitation), REMOTE_ADDR=HOME).status_code == 200


def test_a_password_chosen_from_an_emailed_link_lifts_the_pause(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    fail_until_paused(client, "ada@acme.example")
    client.post("/accounts/password_reset/", {"email": "ada@acme.example"})
    form = client.get(path_of(link_in(mailoutbox[0])), follow=True).redirect_chain[-1][0]
    new = "quiet-Harbour-lamp-38"
    chosen = client.post(form, {"new_password1": new, "new_password2": new})
    assert chosen.status_code == 302
    assert attempt(client, "ada@acme.example", new).status_code == 302


def test_it_pauses_the_admins_sign_in_too(client: Client, actors: Actors) -> None:
    data = {"username": "ada@acme.example", "password": "wrong", "next": "/admin/"}
    statuses = [
        client.post("/admin/login/", data, REMOTE_ADDR=HOME).status_code
        for _ in range(settings.SIGNIN_ATTEMPTS)
    ]
    assert statuses[-1] == 429
    assert attempt(client, "ada@acme.example", PASSWORD).status_code == 429


def test_it_counts_the_address_the_proxy_saw_behind_a_proxy(
    actors: Actors, settings: Settings
) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxy = "127.0.0.1"
    # Whatever the client puts first, the proxy adds the address it saw last.
    for n in range(settings.SIGNIN_ATTEMPTS):
        attempt(
            Client(),
            "ada@acme.example",
            "wrong",
            proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {HOME}",
        )
    paused = attempt(Client(), "ada@acme.example", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert paused.status_code == 429
    other = attempt(Client(), "ada@acme.example", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert other.status_code == 302


@pytest.mark.parametrize("name", ["SIGNIN_ATTEMPTS", "SIGNIN_PAUSE_MINUTES"])
def test_it_refuses_a_setting_below_one(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "0")
    with pytest.raises(ImproperlyConfigured, match=f"{name} must be at least 1, not 0"):
        _at_least_one(name, 5)
