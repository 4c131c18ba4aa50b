"""GET and POST /o/<slug>/campaigns/new/ : an administrator creates a campaign."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.test_campaign_form import valid

from twofold.web.campaigns.models import Campaign

URL = "/o/acme/campaigns/new/"


def test_it_shows_the_form_with_the_default_settings(
    client_for: Callable[[User], Client], admin: User
) -> None:
    response = client_for(admin).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "New campaign" in page
    assert 'name="scores_all" value="4"' in page
    assert 'name="reminder_days" value="7, 2"' in page
    assert 'type="date"' in page
    assert 'type="time"' in page


def test_it_creates_a_draft_and_goes_on_to_its_participants(
    client_for: Callable[[User], Client], admin: User
) -> None:
    response = client_for(admin).post(
        URL, valid(name="Spring 360", scores_peers="4", comments_peers="4", limits_peers_min="4")
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/o/acme/campaigns/{campaign.pk}/participants/"
    assert campaign.name == "Spring 360"
    assert campaign.status == "draft"
    assert campaign.policy["scores"]["peers"] == 4
    assert campaign.created_by == admin
    assert campaign.organisation.slug == "acme"


def test_it_shows_each_problem_beside_its_field(
    client_for: Callable[[User], Client], admin: User
) -> None:
    response = client_for(admin).post(URL, valid(scores_peers="1", comments_peers="1"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Check 2 settings" in page
    assert 'id="id_scores_peers_error"' in page
    assert 'aria-invalid="true"' in page
    assert page.count("a group of one person is never anonymous") == 4  # summary and fields
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("role", ["manager", "coach", "participant", "outsider"])
def test_it_is_for_administrators_only(
    request: pytest.FixtureRequest, client_for: Callable[[User], Client], role: str
) -> None:
    client = client_for(request.getfixturevalue(role))
    assert client.get(URL).status_code == 404
    assert client.post(URL, valid()).status_code == 404
    assert not Campaign.objects.exists()


def test_it_sends_visitors_to_sign_in(client: Client, org: object, settings: object) -> None:
    settings.LOGIN_URL = "/accounts/login/"  # type: ignore[attr-defined]
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_it_starts_with_a_deadline_three_weeks_ahead_at_five(
    client_for: Callable[[User], Client], admin: User
) -> None:
    # NOW is 1 March 2027, 09:00 UTC.
    page = client_for(admin).get(URL).content.decode()
    assert 'name="deadline_0" value="2027-03-22"' in page
    assert 'name="deadline_1" value="17:00"' in page
