"""GET and POST /o/<slug>/campaigns/<pk>/close/ : confirm, then end answering at once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.helpers import NOW, participant_of

from twofold.content import builtin_instrument
from twofold.web.assessments.models import AnswersClosedError
from twofold.web.audit.models import Action, Event
from twofold.web.campaigns.models import Campaign, Status
from twofold.web.organisations.models import Person


def _url(campaign: Campaign) -> str:
    return f"/o/acme/campaigns/{campaign.pk}/close/"


def test_it_asks_before_closing(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    response = client_for(admin).get(_url(opened))
    assert response.status_code == 200
    assert "0 of 6 questionnaires have been answered." in response.content.decode()
    opened.refresh_from_db()
    assert opened.status == Status.OPEN


def test_it_closes_and_answering_ends(
    client_for: Callable[[User], Client], admin: User, opened: Campaign, people: dict[str, Person]
) -> None:
    response = client_for(admin).post(_url(opened))
    assert response.status_code == 302
    opened.refresh_from_db()
    assert (opened.status, opened.closed_at) == (Status.CLOSED, NOW)
    assert Event.objects.get(action=Action.CAMPAIGN_CLOSED).actor == admin
    assessment = participant_of(opened, people["ann"]).assessment
    assert assessment is not None
    with pytest.raises(AnswersClosedError):
        assessment.self_response_set().record(builtin_instrument("tlmi"), {"env1": 4})


def test_it_leaves_a_closed_campaign_alone(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    client = client_for(admin)
    client.post(_url(opened))
    response = client.post(_url(opened))
    assert response.status_code == 302
    assert Event.objects.filter(action=Action.CAMPAIGN_CLOSED).count() == 1


@pytest.mark.parametrize("role", ["manager", "coach", "participant", "outsider"])
def test_it_is_for_administrators_only(
    request: pytest.FixtureRequest,
    client_for: Callable[[User], Client],
    opened: Campaign,
    role: str,
) -> None:
    assert client_for(request.getfixturevalue(role)).post(_url(opened)).status_code == 404
    opened.refresh_from_db()
    assert opened.status == Status.OPEN
