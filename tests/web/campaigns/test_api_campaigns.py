"""GET /api/organisations/{slug}/campaigns and GET /api/campaigns/{id}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.helpers import DEADLINE, participant_of
from tests.web.helpers import assert_error_shape

from twofold.web.accounts.models import ApiToken
from twofold.web.campaigns import campaign_settings, draft_participants, lifecycle
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus, Participant
from twofold.web.organisations.models import Person


@pytest.fixture
def raters(
    opened: Campaign, people: dict[str, Person], invite: Callable[..., Invitation]
) -> Campaign:
    ann = participant_of(opened, people["ann"])
    invite(ann, "peers", "Pat Peer", answered=True)
    invite(ann, "peers", "Quinn Peer")
    invite(ann, "peers", "Ray Peer", status=InvitationStatus.DECLINED)
    return opened


def _get(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()


def _groups(participant: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {
        g["group"]: (g["invited"], g["answered"], g["declined"], g["not_answered"])
        for g in participant["groups"]
    }


def test_it_lists_every_campaign_for_an_administrator(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    autumn = campaign_settings.create_campaign(opened.organisation, "Autumn 360", DEADLINE)
    body = _get(client_for(admin), "/api/organisations/acme/campaigns")
    assert [(c["id"], c["name"], c["status"], c["participants"]) for c in body] == [
        (autumn.pk, "Autumn 360", "draft", 0),
        (opened.pk, "Spring 360", "open", 3),
    ]
    assert body[1]["instrument"] == "tlmi@1.0"
    assert body[1]["deadline"] == "2027-03-15T09:00:00Z"
    assert body[1]["opened_at"] == "2027-03-01T09:00:00Z"
    assert body[1]["closed_at"] is None


def test_it_lists_only_opened_campaigns_of_people_a_member_follows(
    client_for: Callable[[User], Client], manager: User, opened: Campaign
) -> None:
    campaign_settings.create_campaign(opened.organisation, "Autumn 360", DEADLINE)
    body = _get(client_for(manager), "/api/organisations/acme/campaigns")
    assert [(c["name"], c["participants"]) for c in body] == [("Spring 360", 2)]


def test_it_gives_a_campaigns_settings(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    body = _get(client_for(admin), f"/api/campaigns/{opened.pk}")
    assert body["organisation"] == "acme"
    assert body["policy"] == {
        "scores": {"manager": 1, "peers": 3, "direct_reports": 3, "others": 3, "all": 4},
        "comments": {"manager": 1, "peers": 3, "direct_reports": 3, "others": 3, "all": 4},
    }
    assert body["nomination_limits"] == {
        "peers": {"min": 3, "max": 8},
        "direct_reports": {"min": 0, "max": 10},
        "others": {"min": 0, "max": 5},
    }
    assert body["reminder_days"] == [7, 2]
    assert (body["coach_may_release"], body["managers_see_reports"]) == (False, True)


def test_it_names_who_has_not_answered_for_an_administrator(
    client_for: Callable[[User], Client], admin: User, raters: Campaign
) -> None:
    body = _get(client_for(admin), f"/api/campaigns/{raters.pk}")
    ann, ben, dan = body["participant_progress"]
    assert (ann["name"], ben["name"], dan["name"]) == ("Ann Archer", "Ben Baker", "Dan Dias")
    assert ann["self_assessment_done"] is False
    assert ann["released"] is False
    assert _groups(ann) == {
        "manager": (1, 0, 0, ["Mia Moreau"]),
        "peers": (3, 1, 1, ["Quinn Peer"]),
        "direct_reports": (0, 0, 0, []),
        "others": (0, 0, 0, []),
    }


def test_it_gives_others_counts_only(
    client_for: Callable[[User], Client], participant: User, raters: Campaign
) -> None:
    body = _get(client_for(participant), f"/api/campaigns/{raters.pk}")
    [ann] = body["participant_progress"]
    assert _groups(ann)["peers"] == (3, 1, 1, None)
    assert "Quinn Peer" not in str(body)
    assert "Pat Peer" not in str(body)


def test_it_counts_after_release_without_declines_or_names(
    client_for: Callable[[User], Client],
    admin: User,
    raters: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
) -> None:
    lifecycle.close(raters, by=admin)
    release(participant_of(raters, people["ann"]))
    body = _get(client_for(admin), f"/api/campaigns/{raters.pk}")
    ann = body["participant_progress"][0]
    assert ann["released"] is True
    assert _groups(ann)["peers"] == (3, 1, None, None)


def test_it_names_raters_asked_after_a_release_who_have_not_answered(
    client_for: Callable[[User], Client],
    admin: User,
    raters: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
    invite: Callable[..., Invitation],
) -> None:
    ann = participant_of(raters, people["ann"])
    release(ann)
    invite(ann, "peers", "Una Later")
    body = _get(client_for(admin), f"/api/campaigns/{raters.pk}")
    groups = _groups(body["participant_progress"][0])
    assert groups["peers"] == (4, 1, None, ["Una Later"])
    assert groups["others"] == (0, 0, None, [])


def test_it_takes_a_personal_api_token(admin: User, opened: Campaign) -> None:
    _, secret = ApiToken.issue(admin, "script")
    response = Client().get(f"/api/campaigns/{opened.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["name"] == "Spring 360"


@pytest.mark.parametrize("path", ["/api/organisations/acme/campaigns", "/api/campaigns/1"])
def test_it_needs_a_signed_in_caller(client: Client, db: None, path: str) -> None:
    assert_error_shape(client.get(path), 401)


def test_it_404s_for_a_campaign_the_caller_may_not_see(
    client_for: Callable[[User], Client],
    outsider: User,
    coach: User,
    opened: Campaign,
    people: dict[str, Person],
) -> None:
    error = assert_error_shape(client_for(outsider).get(f"/api/campaigns/{opened.pk}"), 404)
    assert error["message"] == "No such campaign."
    # The same answer as for a campaign that does not exist.
    missing = assert_error_shape(client_for(outsider).get("/api/campaigns/999999"), 404)
    assert missing == error
    draft = campaign_settings.create_campaign(opened.organisation, "Autumn 360", DEADLINE)
    draft_participants.add_participants(draft, [people["dan"]])
    assert_error_shape(client_for(coach).get(f"/api/campaigns/{draft.pk}"), 404)


def test_it_404s_for_an_organisation_the_caller_has_no_role_in(
    client_for: Callable[[User], Client], outsider: User, opened: Campaign
) -> None:
    error = assert_error_shape(client_for(outsider).get("/api/organisations/acme/campaigns"), 404)
    assert error["message"] == "No such organisation."
    nowhere = assert_error_shape(client_for(outsider).get("/api/organisations/nope/campaigns"), 404)
    assert nowhere == error


def test_it_says_a_campaign_id_is_a_number(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    error = assert_error_shape(client_for(admin).get("/api/campaigns/spring"), 422)
    assert error["details"][0].startswith("campaign_id:")
