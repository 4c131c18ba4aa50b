"""GET /api/reports/{token} for a campaign participant: the 360 report, to those allowed only."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from tests.docs.test_api_examples import _compare
from tests.web.campaign_rows import World, released_360
from tests.web.helpers import assert_error_shape

from twofold.web.accounts.models import ApiToken
from twofold.web.audit.models import Action, Event

DOCS = Path(__file__).resolve().parents[2] / "docs/api.md"


@pytest.fixture
def world(db: None) -> World:
    return released_360()


def _as(client: Client, world: World, who: str) -> Any:
    client.force_login(world.users[who])
    response = client.get(world.api_url)
    assert response.status_code == 200, response.content
    return response.json()


def _numbers(value: object) -> list[float]:
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    if isinstance(value, float):
        return [value]
    return []


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (str(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _documented(marker: str) -> Any:
    """The ```json block after ``<!-- marker…-->`` in docs/api.md."""
    page = DOCS.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {marker}[^>]*-->\n```json\n(.*?)^```$", page, re.S | re.M)
    assert found, f"no {marker} block in docs/api.md"
    return json.loads(found.group(1))


def test_it_answers_as_the_docs_show(client: Client, world: World) -> None:
    body = _as(client, world, "participant")
    assert _compare(_documented("360-report-example"), body, "body", {}) == []


def test_it_lists_every_group_and_withholds_the_small_ones_whole(
    client: Client, world: World
) -> None:
    groups = {g["group"]: g for g in _as(client, world, "admin")["rater_groups"]}
    assert list(groups) == ["self", "manager", "peers", "direct_reports", "others", "all"]
    for name in ("direct_reports", "others"):
        group = groups[name]
        assert (group["withheld"], group["n"]) == (True, None)
        assert len(group["scales"]) == 16
        assert set(group["scales"].values()) == {None}
        assert set(group["composites"].values()) == {None}
    assert (groups["peers"]["n"], groups["all"]["n"]) == (3, 4)
    assert groups["manager"]["anonymous"] is False
    assert math.isclose(groups["all"]["scales"]["planning"], 2.75, rel_tol=1e-12)


def test_it_carries_no_number_or_comment_of_a_withheld_group(client: Client, world: World) -> None:
    body = _as(client, world, "admin")
    # The two direct reports would be 1.0 and 2.0, 1.5 together.
    for number in _numbers(body):
        assert all(not math.isclose(number, x, abs_tol=1e-9) for x in (1.0, 1.5, 2.0)), number
    assert not any("SECRET-DR" in s for s in _strings(body))


def test_it_gives_the_360s_gaps_agreement_categories_and_comments(
    client: Client, world: World
) -> None:
    body = _as(client, world, "participant")
    assert body["basis"] == "all"
    assert body["release"]["number"] == 1
    multirater = body["multirater"]
    assert len(multirater["gaps"]) == len(multirater["agreement"]) == 16
    # Agreement to two decimals, as the page shows it, and no more.
    measured = [a["rwg"] for a in multirater["agreement"] if a["rwg"] is not None]
    assert measured
    assert all(abs(v * 100 - round(v * 100)) < 1e-9 for v in measured)
    assert {g["kind"] for g in multirater["gaps"]} == {"blind_spot"}
    assert [c["category"] for c in multirater["categories"]] == ["over_estimator"] * 2
    peers = next(c for c in multirater["comments"] if c["group"] == "peers")
    said = sorted(c for topic in peers["topics"] for c in topic["comments"])
    assert said == ["Calm under pressure", "Generous with time", "Great coach", "Say no more often"]


def test_it_asks_for_a_session_or_a_token(client: Client, world: World) -> None:
    response = client.get(world.api_url)
    assert_error_shape(response, 401)
    assert _compare(_documented("360-report-unauthorised"), response.json(), "body", {}) == []
    assert Event.objects.count() == 0


def test_it_takes_a_personal_api_token(client: Client, world: World) -> None:
    _, secret = ApiToken.issue(world.users["coach"], "script")
    response = client.get(world.api_url, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["basis"] == "all"
    event = Event.objects.get(action=Action.REPORT_VIEWED)
    assert event.actor == world.users["coach"]
    assert event.summary.endswith("(API)")


def test_it_refuses_a_revoked_or_unknown_token(client: Client, world: World) -> None:
    response = client.get(world.api_url, HTTP_AUTHORIZATION="Bearer tfk_nope")
    assert_error_shape(response, 401)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 200),
        ("coach", 200),
        ("other_coach", 404),
        ("manager", 200),
        ("participant", 200),
        ("other_participant", 404),
        ("outsider", 404),
    ],
)
def test_it_answers_only_those_allowed(client: Client, world: World, who: str, status: int) -> None:
    client.force_login(world.users[who])
    response = client.get(world.api_url)
    if status == 404:
        error = assert_error_shape(response, 404)
        assert error["message"] == "No report has this token."
    else:
        assert response.status_code == 200


def test_it_hides_the_report_from_the_manager_when_the_campaign_says_so(
    client: Client, db: None
) -> None:
    world = released_360(managers_see_reports=False)
    client.force_login(world.users["manager"])
    assert_error_shape(client.get(world.api_url), 404)


def test_it_409s_before_the_release_without_any_number(client: Client, db: None) -> None:
    world = released_360(released=False)
    client.force_login(world.users["participant"])
    error = assert_error_shape(client.get(world.api_url), 409)
    assert error["message"] == "This report has not been released yet."
    assert Event.objects.count() == 0


def test_it_records_every_read_in_the_audit_log(client: Client, world: World) -> None:
    _as(client, world, "admin")
    _as(client, world, "admin")
    events = Event.objects.filter(action=Action.REPORT_VIEWED, object_id=world.participant.pk)
    assert events.count() == 2


def test_a_self_assessment_still_needs_no_sign_in(client: Client, completed: Any) -> None:
    body = client.get(f"/api/reports/{completed.report_token}").json()
    assert (body["basis"], body["release"], body["multirater"]) == ("self", None, None)
    (group,) = body["rater_groups"]
    assert group["group"] == "self"
    assert group["composites"] == {"leadership": 4.0, "management": 4.0}
