"""GET and POST /o/<slug>/campaigns/<pk>/extend/ : a later deadline for an open campaign."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.helpers import DEADLINE

from twofold.web.audit.models import Action, Event
from twofold.web.campaigns.models import Campaign


def _url(campaign: Campaign) -> str:
    return f"/o/acme/campaigns/{campaign.pk}/extend/"


def test_it_shows_the_current_deadline(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    response = client_for(admin).get(_url(opened))
    assert response.status_code == 200
    assert "The deadline is now 15 March 2027, 09:00 UTC." in response.content.decode()


def test_it_extends_the_deadline(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    data = {"deadline_0": "2027-03-22", "deadline_1": "17:30"}
    response = client_for(admin).post(_url(opened), data)
    assert response.status_code == 302
    assert response["Location"] == f"/o/acme/campaigns/{opened.pk}/"
    opened.refresh_from_db()
    assert opened.deadline.isoformat() == "2027-03-22T17:30:00+00:00"
    assert Event.objects.get(action=Action.DEADLINE_EXTENDED).actor == admin


@pytest.mark.parametrize(
    ("date", "time", "message"),
    [
        ("2027-03-15", "08:00", "Choose a time after the current deadline, 2027-03-15 09:00 UTC."),
        ("", "", "Enter a date and a time."),
    ],
)
def test_it_says_what_is_wrong_with_the_new_deadline(
    client_for: Callable[[User], Client],
    admin: User,
    opened: Campaign,
    date: str,
    time: str,
    message: str,
) -> None:
    response = client_for(admin).post(_url(opened), {"deadline_0": date, "deadline_1": time})
    assert response.status_code == 400
    assert message in response.content.decode()
    opened.refresh_from_db()
    assert opened.deadline == DEADLINE


def test_it_extends_only_open_campaigns(
    client_for: Callable[[User], Client], admin: User, draft: Campaign
) -> None:
    response = client_for(admin).post(
        _url(draft), {"deadline_0": "2027-04-01", "deadline_1": "09:00"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.deadline == DEADLINE


@pytest.mark.parametrize("role", ["manager", "coach", "participant", "outsider"])
def test_it_is_for_administrators_only(
    request: pytest.FixtureRequest,
    client_for: Callable[[User], Client],
    opened: Campaign,
    role: str,
) -> None:
    client = client_for(request.getfixturevalue(role))
    response = client.post(_url(opened), {"deadline_0": "2027-04-01", "deadline_1": "09:00"})
    assert response.status_code == 404
    opened.refresh_from_db()
    assert opened.deadline == DEADLINE
