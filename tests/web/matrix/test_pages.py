"""Every page and form of the site against every actor (tests/web/matrix/pages.py).

An allowed actor gets the page, or the redirect that is its normal behaviour,
and a form they post does what it is for; anyone else is sent to sign in or
told there is no such page, and nothing they sent changed anything. No
response shows anyone another organisation's people, a person they may not
see, a rater's link or an API token.
"""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks
from tests.web.matrix.checks import (
    SIGN_IN,
    assert_nothing_leaks,
    assert_sent_to_sign_in,
    changed_tables,
    client_for,
    snapshot,
)
from tests.web.matrix.page import Page
from tests.web.matrix.pages import PAGES
from tests.web.matrix.world import ACTORS, World

CASES = [pytest.param(row, actor, id=f"{row.id} as {actor}") for row in PAGES for actor in ACTORS]


@pytest.fixture(autouse=True)
def _rolled_back(world: World, db: None) -> None:
    """Each test in a savepoint of the world's transaction, undone after it."""


def request(client: Client, row: Page, world: World, url: str) -> HttpResponse:
    if row.method == "GET":
        return client.get(url)
    data = row.data(world) if row.data is not None else {}
    return client.post(url, data)


@pytest.mark.parametrize(("row", "actor"), CASES)
def test_it_lets_in_only_whom_the_rules_allow(
    row: Page,
    actor: str,
    world: World,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client = client_for(world, actor)
    if row.prepare is not None:
        row.prepare(client, world)
    url = row.url(world)
    # Reading every table takes longer than most requests: only around those that change things.
    writes = row.method != "GET"
    before = snapshot() if writes else {}
    # What a request leaves for after its transaction (emails) runs, as in production.
    with django_capture_on_commit_callbacks(execute=True):
        response = request(client, row, world, url)
    changed = changed_tables(before, snapshot()) if writes else []

    expected = row.expected(actor)
    if expected == SIGN_IN:
        assert_sent_to_sign_in(response, url)
    else:
        assert response.status_code == expected, response.get("Location", "")
    if actor not in row.allowed:
        assert changed == [], "a refused request changed the database"
    elif row.changes is not None:
        assert bool(changed) == row.changes, changed
    assert_nothing_leaks(
        world,
        actor,
        response.content.decode(errors="replace"),
        sees_quinn=actor == "admin",
        names_raters=actor == "admin" or actor in row.names_raters,
        holds_link=row.holds_link,
    )
