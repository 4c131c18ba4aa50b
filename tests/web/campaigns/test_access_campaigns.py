"""Viewer.campaigns: which campaigns each role may see (twofold.web.accounts.access)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from tests.web.campaigns.helpers import DEADLINE, account

from twofold.web.accounts.access import viewer_for
from twofold.web.accounts.models import Role
from twofold.web.campaigns import campaign_settings, draft_participants
from twofold.web.campaigns.models import Campaign
from twofold.web.organisations.models import Organisation, Person


@pytest.fixture
def campaigns(
    opened: Campaign, org: Organisation, people: dict[str, Person]
) -> dict[str, Campaign]:
    """Spring (open: Ann, Ben, Dan), a draft with Cat, and Globex's own campaign."""
    draft = campaign_settings.create_campaign(org, "Draft with Cat", DEADLINE)
    draft_participants.add_participants(draft, [people["cat"]])
    globex = Organisation.objects.create(name="Globex", slug="globex2")
    return {
        "spring": opened,
        "draft": draft,
        "globex": campaign_settings.create_campaign(globex, "Globex 360", DEADLINE),
    }


def _seen(user: User, org: Organisation) -> set[str]:
    viewer = viewer_for(user, org)
    assert viewer is not None
    return set(viewer.campaigns(Campaign.objects.all()).values_list("name", flat=True))


def test_it_shows_an_administrator_every_campaign_of_their_organisation(
    campaigns: dict[str, Campaign], admin: User, org: Organisation
) -> None:
    assert _seen(admin, org) == {"Spring 360", "Draft with Cat"}


def test_it_shows_a_manager_opened_campaigns_of_their_line(
    campaigns: dict[str, Campaign], manager: User, org: Organisation
) -> None:
    # Cat is in Mia's line, but her campaign is a draft.
    assert _seen(manager, org) == {"Spring 360"}


def test_it_shows_a_participant_the_campaigns_they_are_in(
    campaigns: dict[str, Campaign], participant: User, org: Organisation
) -> None:
    assert _seen(participant, org) == {"Spring 360"}


def test_it_shows_nothing_to_someone_followed_by_nobody_in_it(
    campaigns: dict[str, Campaign], org: Organisation, people: dict[str, Person]
) -> None:
    eve = account(org, people["eve"].email, Role.PARTICIPANT, people["eve"])
    assert _seen(eve, org) == set()


def test_it_lists_each_campaign_once(
    campaigns: dict[str, Campaign], manager: User, org: Organisation
) -> None:
    viewer = viewer_for(manager, org)
    assert viewer is not None
    # Ann and Ben are both in Mia's line: one row, not two.
    assert viewer.campaigns(Campaign.objects.all()).count() == 1
