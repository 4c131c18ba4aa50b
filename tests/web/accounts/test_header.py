"""The header of every page: the account's links when signed in, else "Sign in"."""

from __future__ import annotations

import re

from django.test import Client
from tests.web.accounts.helpers import Actors, client_for


def test_it_offers_sign_in_to_a_visitor(client: Client, db: None) -> None:
    page = client.get("/").content.decode()
    assert '<a href="/accounts/login/">Sign in</a>' in page
    assert "/accounts/logout/" not in page


def test_it_shows_the_account_and_its_links(actors: Actors) -> None:
    page = client_for(actors.admin).get("/").content.decode()
    assert "ada@acme.example" in page
    assert '<a href="/o/">Your organisations</a>' in page
    assert '<a href="/accounts/tokens/">API tokens</a>' in page
    form = re.search(
        r'<form method="post" action="/accounts/logout/"[^>]*>(.*?)</form>', page, re.S
    )
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert ">Sign out</button>" in form.group(1)
    assert ">Sign in</a>" not in page


def test_signing_in_lands_on_your_one_organisation(actors: Actors) -> None:
    response = client_for(actors.admin).get("/o/")
    assert response.status_code == 302
    assert response["Location"] == "/o/acme/"
