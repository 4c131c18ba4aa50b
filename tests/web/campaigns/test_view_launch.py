"""GET and POST /o/<slug>/campaigns/<pk>/launch/ : confirm, then open the campaign."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from twofold.web.audit.models import Action, Event
from twofold.web.campaigns import lifecycle
from twofold.web.campaigns.models import Campaign, Status


def _url(campaign: Campaign) -> str:
    return f"/o/acme/campaigns/{campaign.pk}/launch/"


def test_it_says_what_launching_does_before_doing_it(
    client_for: Callable[[User], Client], admin: User, draft: Campaign
) -> None:
    response = client_for(admin).get(_url(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 participants get a self-assessment" in page
    assert "3 participants have a manager in the org chart" in page
    assert "Answers are taken until 15 March 2027, 09:00 UTC." in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_it_launches(client_for: Callable[[User], Client], admin: User, draft: Campaign) -> None:
    response = client_for(admin).post(_url(draft))
    assert response.status_code == 302
    assert response["Location"] == f"/o/acme/campaigns/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == Status.OPEN
    assert Event.objects.filter(action=Action.CAMPAIGN_OPENED, actor=admin).count() == 1


def test_it_explains_why_a_campaign_cannot_open(
    client_for: Callable[[User], Client],
    admin: User,
    draft: Campaign,
    clock: time_machine.Coordinates,
) -> None:
    draft.participants.all().delete()
    clock.shift(timedelta(days=30))
    client = client_for(admin)
    page = client.get(_url(draft)).content.decode()
    assert "Add at least one participant." in page
    assert "Choose a time in the future." in page
    assert "Launch the campaign" not in page
    response = client.post(_url(draft))
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_it_leaves_an_open_campaign_alone(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    response = client_for(admin).post(_url(opened))
    assert response.status_code == 302
    assert Event.objects.filter(action=Action.CAMPAIGN_OPENED).count() == 1


@pytest.mark.parametrize("role", ["manager", "coach", "participant", "outsider"])
def test_it_is_for_administrators_only(
    request: pytest.FixtureRequest,
    client_for: Callable[[User], Client],
    draft: Campaign,
    role: str,
) -> None:
    client = client_for(request.getfixturevalue(role))
    assert client.get(_url(draft)).status_code == 404
    assert client.post(_url(draft)).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_it_never_launches_another_organisations_campaign(
    client_for: Callable[[User], Client], outsider: User, draft: Campaign
) -> None:
    # Globex's administrator, at Globex's address, with Acme's campaign number.
    response = client_for(outsider).post(f"/o/globex/campaigns/{draft.pk}/launch/")
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert lifecycle.launch_problems(draft) == {}
