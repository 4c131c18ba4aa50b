"""GET and POST /o/<slug>/campaigns/<pk>/edit/ : a campaign's settings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.helpers import DEADLINE
from tests.web.campaigns.test_campaign_form import valid

from twofold.web.audit.models import Action, Event
from twofold.web.campaigns import campaign_settings
from twofold.web.campaigns.models import Campaign
from twofold.web.organisations.models import Organisation


def _url(campaign: Campaign) -> str:
    return f"/o/{campaign.organisation.slug}/campaigns/{campaign.pk}/edit/"


def test_it_shows_the_campaigns_settings(
    client_for: Callable[[User], Client], admin: User, draft: Campaign
) -> None:
    response = client_for(admin).get(_url(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Spring 360"' in page
    assert 'value="2027-03-15"' in page
    assert 'value="09:00"' in page


def test_it_saves_a_drafts_settings(
    client_for: Callable[[User], Client], admin: User, draft: Campaign
) -> None:
    response = client_for(admin).post(
        _url(draft), valid(name="Autumn 360", deadline_0="2027-04-30")
    )
    assert response.status_code == 302
    assert response["Location"] == f"/o/acme/campaigns/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.name == "Autumn 360"
    assert draft.deadline.isoformat() == "2027-04-30T17:00:00+00:00"


def test_it_shows_an_open_campaigns_fixed_settings_as_fixed(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    page = client_for(admin).get(_url(opened)).content.decode()
    assert "can only be raised" in page
    assert 'name="deadline_0" value="2027-03-15" aria-label="Date" required disabled' in page
    assert 'name="limits_peers_min" value="3" min="0" max="50" required disabled' in page


def test_it_raises_an_open_campaigns_thresholds_and_audits_it(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    data = valid(scores_direct_reports="4", comments_direct_reports="5", deadline_0="2030-01-01")
    response = client_for(admin).post(_url(opened), data)
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.policy["scores"]["direct_reports"] == 4
    assert opened.deadline == DEADLINE  # fixed: the posted date is ignored
    event = Event.objects.get(action=Action.POLICY_CHANGED)
    assert event.summary == (
        "Spring 360: Direct reports, scores: 3 → 4; Direct reports, comments: 3 → 5"
    )
    assert event.actor == admin


def test_it_refuses_to_lower_an_open_campaigns_thresholds(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    response = client_for(admin).post(_url(opened), valid(scores_all="3", comments_all="3"))
    assert response.status_code == 400
    assert "Choose 4 or more: thresholds can only be raised" in response.content.decode()
    opened.refresh_from_db()
    assert opened.policy["scores"]["all"] == 4
    assert not Event.objects.filter(action=Action.POLICY_CHANGED).exists()


@pytest.mark.parametrize("role", ["manager", "coach", "participant", "outsider"])
def test_it_is_for_administrators_only(
    request: pytest.FixtureRequest,
    client_for: Callable[[User], Client],
    opened: Campaign,
    role: str,
) -> None:
    client = client_for(request.getfixturevalue(role))
    assert client.get(_url(opened)).status_code == 404
    assert client.post(_url(opened), valid(name="Mine now")).status_code == 404
    opened.refresh_from_db()
    assert opened.name == "Spring 360"


def test_it_hides_another_organisations_campaign(
    client_for: Callable[[User], Client], admin: User, outsider: User
) -> None:
    globex = Organisation.objects.get(slug="globex")
    theirs = campaign_settings.create_campaign(globex, "Globex 360", DEADLINE)
    # Neither at Globex's address nor at Acme's.
    assert client_for(admin).get(_url(theirs)).status_code == 404
    assert client_for(admin).get(f"/o/acme/campaigns/{theirs.pk}/edit/").status_code == 404
