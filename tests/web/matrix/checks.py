"""What every matrix test checks: the outcome an actor gets, and that a refusal changed nothing.

Outcomes are an HTTP status an allowed actor gets (200, or the redirect that
is the page's normal behaviour), :data:`SIGN_IN` (a page that needs an
account, asked by someone without one: a redirect to the sign-in page that
comes back here), or 404 (not theirs, told it does not exist). A refusal
must change nothing in the database: :func:`snapshot` reads every row of
every table that holds data (sessions aside), before and after.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.apps import apps
from django.http import HttpResponse
from django.test import Client
from django.test.client import ClientHandler
from tests.web.matrix.world import (
    GLOBEX_SECRETS,
    QUINN_SECRETS,
    RATER_NAMES,
    World,
)

#: An anonymous visitor of a page that needs an account is sent to sign in.
SIGN_IN = "sign-in"
LOGIN_PATH = "/accounts/login/"

#: Tables that are not the application's data: sessions come and go with every sign-in.
NOT_DATA = {"sessions.Session", "contenttypes.ContentType", "auth.Permission"}
#: Fields a request may touch without changing anything anyone relies on.
TOUCHED = {"auth.User": {"last_login"}, "accounts.ApiToken": {"last_used_at"}}

# One request handler for every test client: building one loads the middleware,
# and WhiteNoise then indexes every static file, which takes longer than most requests.
_HANDLER = ClientHandler(enforce_csrf_checks=False)


def client_for(world: World, actor: str) -> Client:
    """A browser as ``actor``: signed in when they have an account, else with no session."""
    client = Client()
    client.handler = _HANDLER
    user = world.users.get(actor)
    if user is not None:
        client.force_login(user)
    return client


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table, in primary-key order."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in NOT_DATA:
            continue
        skip = TOUCHED.get(label, set())
        fields = [f.attname for f in model._meta.concrete_fields if f.name not in skip]
        state[label] = list(model._default_manager.order_by("pk").values_list(*fields))
    return state


def changed_tables(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def assert_sent_to_sign_in(response: HttpResponse, url: str) -> None:
    """A redirect to the sign-in page, which comes back to ``url`` once signed in."""
    assert response.status_code == 302, response.status_code
    location = urlsplit(response["Location"])
    assert location.path == LOGIN_PATH, response["Location"]
    assert parse_qs(location.query).get("next") == [url], response["Location"]


def assert_nothing_leaks(
    world: World,
    actor: str,
    body: str,
    *,
    sees_quinn: bool,
    names_raters: bool,
    holds_link: bool,
) -> None:
    """Nothing in ``body`` that ``actor`` may not read.

    Globex's people are Globex's alone; Quinn is seen by whoever may see him
    (``sees_quinn``); who was asked to rate Pat, by whoever may see his list
    (``names_raters``); a rater's link, a rater's answers' own token and every
    API token's secret are on no page but the rater's own link pages (``holds_link``).
    """
    if actor != "outsider":
        assert not [s for s in GLOBEX_SECRETS if s in body], "Globex's data shown"
    if not sees_quinn:
        assert not [s for s in QUINN_SECRETS if s in body], "Quinn shown"
    if not names_raters:
        assert not [s for s in RATER_NAMES if s in body], "a rater named"
    secrets = world.secrets()
    if holds_link:
        secrets.remove(world.rater.token)
    assert not [s for s in secrets if s in body], "a secret link or token shown"
