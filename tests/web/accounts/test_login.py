"""/accounts/login/: sign in with an email address and a password."""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from tests.web.accounts.helpers import PASSWORD, Actors

URL = "/accounts/login/"
GENERIC = "That email and password do not match an account."


def test_it_labels_the_field_email(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert b'<label for="id_username">Email</label>' in response.content
    assert b'type="email"' in response.content


def test_it_signs_in_with_the_email_in_any_case(client: Client, actors: Actors) -> None:
    response = client.post(URL, {"username": "  Ada@ACME.example ", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:home")
    assert client.session["_auth_user_id"] == str(actors.admin.user.pk)


def test_it_goes_where_the_visitor_was_sent_from(client: Client, actors: Actors) -> None:
    data = {"username": "ada@acme.example", "password": PASSWORD, "next": "/o/acme/members/"}
    response = client.post(URL, data)
    assert response["Location"] == "/o/acme/members/"


def test_it_never_goes_to_another_site(client: Client, actors: Actors) -> None:
    data = {"username": "ada@acme.example", "password": PASSWORD, "next": "https://evil.example/"}
    response = client.post(URL, data)
    assert response["Location"] == reverse("organisations:home")


def test_it_refuses_a_wrong_password_with_a_generic_message(client: Client, actors: Actors) -> None:
    response = client.post(URL, {"username": "ada@acme.example", "password": "wrong"})
    assert response.status_code == 200
    assert GENERIC in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_says_the_same_for_an_unknown_address(client: Client, actors: Actors) -> None:
    # Whether an address has an account must not show: same words, same page.
    known = client.post(URL, {"username": "ada@acme.example", "password": "wrong"})
    unknown = client.post(URL, {"username": "nobody@acme.example", "password": "wrong"})
    assert unknown.status_code == known.status_code == 200
    assert GENERIC in unknown.content.decode()
    assert _without_csrf(unknown).replace("nobody@", "ada@") == _without_csrf(known)


def _without_csrf(response: HttpResponse) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_it_refuses_an_invited_account_without_a_password(client: Client, actors: Actors) -> None:
    user = actors.participant.user
    user.set_unusable_password()
    user.save()
    response = client.post(URL, {"username": "pat@acme.example", "password": ""})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_sends_a_signed_in_visitor_on(client: Client, actors: Actors) -> None:
    client.force_login(actors.admin.user)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:home")


def test_it_says_why_a_page_sent_the_visitor_here(client: Client, db: None) -> None:
    page = client.get(URL, {"next": "/o/acme/"}).content.decode()
    assert "The page you asked for is for signed-in members" in page
    assert 'name="next" value="/o/acme/"' in page
    assert "The page you asked for" not in client.get(URL).content.decode()


def test_it_keeps_the_address_and_waits_in_the_password_box_after_a_refusal(
    client: Client, actors: Actors
) -> None:
    response = client.post(URL, {"username": "ada@acme.example", "password": "wrong"})
    page = response.content.decode()
    assert "<title>Error: Sign in" in page
    email = re.search(r"<input[^>]*id=\"id_username\"[^>]*>", page)
    password = re.search(r"<input[^>]*id=\"id_password\"[^>]*>", page)
    assert email is not None
    assert password is not None
    assert 'value="ada@acme.example"' in email.group()
    assert "autofocus" not in email.group()
    assert "autofocus" in password.group()
