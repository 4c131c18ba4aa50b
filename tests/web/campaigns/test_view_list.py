"""GET /o/<slug>/campaigns/ : the campaigns a member may see."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.helpers import DEADLINE

from twofold.web.campaigns import campaign_settings
from twofold.web.campaigns.models import Campaign


def test_it_lists_every_campaign_for_administrators(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    campaign_settings.create_campaign(opened.organisation, "Autumn 360", DEADLINE)
    page = client_for(admin).get("/o/acme/campaigns/").content.decode()
    assert "Spring 360" in page
    assert "Autumn 360" in page
    assert "New campaign" in page


def test_it_lists_opened_campaigns_of_people_a_member_follows(
    client_for: Callable[[User], Client], coach: User, opened: Campaign
) -> None:
    campaign_settings.create_campaign(opened.organisation, "Autumn 360", DEADLINE)
    page = client_for(coach).get("/o/acme/campaigns/").content.decode()
    assert "Spring 360" in page
    assert "Autumn 360" not in page
    assert "New campaign" not in page
    assert "0% (0 of 2)" in page  # Dan: self-assessment and manager


def test_it_is_not_there_for_another_organisation(
    client_for: Callable[[User], Client], outsider: User, opened: Campaign
) -> None:
    assert client_for(outsider).get("/o/acme/campaigns/").status_code == 404
