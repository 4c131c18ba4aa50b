"""Every route of the API against every actor, by session and by personal API token.

Routes about an organisation's data answer a caller without credentials 401
and a caller who may not see the thing 404, both in the API's one error
shape; a refused call changes nothing. The routes of a self-assessment are
reached by its secret token alone, whoever calls. A rater's answers are
reached by no token at all.
"""

from __future__ import annotations

import json

import pytest
from tests.web.helpers import assert_error_shape
from tests.web.matrix.checks import assert_nothing_leaks, changed_tables, client_for, snapshot
from tests.web.matrix.endpoints import ENDPOINTS, Endpoint
from tests.web.matrix.world import ACCOUNTS, ACTORS, World

#: How each actor calls: with their account, by its session or its token; without one, bare.
CALLERS = [
    (actor, auth)
    for actor in ACTORS
    for auth in (("session", "token") if actor in ACCOUNTS else ("none",))
]
CASES = [
    pytest.param(row, actor, auth, id=f"{row.id} as {actor} by {auth}")
    for row in ENDPOINTS
    for actor, auth in CALLERS
]


@pytest.fixture(autouse=True)
def _rolled_back(world: World, db: None) -> None:
    """Each test in a savepoint of the world's transaction, undone after it."""


@pytest.mark.parametrize(("row", "actor", "auth"), CASES)
def test_it_answers_only_whom_the_rules_allow(
    row: Endpoint, actor: str, auth: str, world: World
) -> None:
    headers = {}
    if auth == "token":
        client = client_for(world, "anonymous")
        headers["Authorization"] = f"Bearer {world.api_tokens[actor]}"
    else:
        client = client_for(world, actor)
    body = json.dumps(row.body) if row.body is not None else ""
    # Reading every table takes longer than most calls: only around those that change things.
    writes = row.method != "GET"
    before = snapshot() if writes else {}
    response = client.generic(
        row.method, row.url(world), body, content_type="application/json", headers=headers
    )
    changed = changed_tables(before, snapshot()) if writes else []

    expected = row.expected(actor)
    if expected >= 400 and actor not in row.allowed:
        assert_error_shape(response, expected)
    assert response.status_code == expected, response.content[:300]
    if actor not in row.allowed:
        assert changed == [], "a refused call changed the database"
    elif row.changes is not None:
        assert bool(changed) == row.changes, changed
    assert_nothing_leaks(
        world,
        actor,
        response.content.decode(),
        sees_quinn=actor == "admin",
        names_raters=actor == "admin",
        holds_link=False,
    )
