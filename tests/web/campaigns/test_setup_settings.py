"""create_campaign and update_campaign: settings, and thresholds that only rise."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from tests.web.campaigns.helpers import DEADLINE, NOW

from twofold.web.audit.models import Action, Event
from twofold.web.campaigns import campaign_settings, changes
from twofold.web.campaigns.models import Campaign, Release, default_policy
from twofold.web.organisations.models import Organisation


def _policy(**changes: int) -> dict[str, dict[str, int]]:
    """The default policy with changes such as ``scores_peers=4``."""
    policy = default_policy()
    for key, value in changes.items():
        kind, group = key.split("_", 1)
        policy[kind][group] = value
    return policy


def test_it_creates_a_draft_pinned_to_the_installed_instrument(
    org: Organisation, admin: User
) -> None:
    campaign = campaign_settings.create_campaign(
        org,
        "  Spring 360 ",
        DEADLINE,
        policy=_policy(scores_peers=4, comments_peers=5),
        nomination_limits={"peers": [4, 6], "direct_reports": [0, 8], "others": [0, 3]},
        reminder_days=[2, 7, 7],
        coach_may_release=True,
        by=admin,
    )
    campaign.refresh_from_db()
    assert campaign.name == "Spring 360"
    assert campaign.status == "draft"
    assert campaign.instrument_ref == "tlmi@1.0"
    assert campaign.policy["scores"]["peers"] == 4
    assert campaign.policy["comments"]["peers"] == 5
    assert campaign.nomination_limits["peers"] == [4, 6]
    assert campaign.reminder_days == [7, 2]
    assert campaign.coach_may_release is True
    assert campaign.created_by == admin


def test_it_lists_every_problem_of_new_settings(org: Organisation) -> None:
    with pytest.raises(changes.SetupError) as caught:
        campaign_settings.create_campaign(
            org,
            " ",
            NOW - timedelta(minutes=1),
            instrument="nope",
            policy=_policy(scores_peers=1),
            reminder_days=[0],
        )
    assert set(caught.value.problems) == {
        "name",
        "deadline",
        "instrument",
        "scores.peers",
        "reminder_days",
    }
    assert not Campaign.objects.exists()


def test_it_keeps_names_to_the_columns_length(org: Organisation) -> None:
    with pytest.raises(changes.SetupError) as caught:
        campaign_settings.create_campaign(org, "x" * 201, DEADLINE)
    assert caught.value.problems == {"name": "Keep the name to 200 characters."}


def test_it_changes_anything_in_a_draft(draft: Campaign, admin: User) -> None:
    later = DEADLINE + timedelta(days=7)
    campaign_settings.update_campaign(
        draft,
        name="Autumn 360",
        deadline=later,
        policy=_policy(scores_peers=2, comments_peers=2),
        nomination_limits={"peers": [2, 5], "direct_reports": [0, 10], "others": [0, 5]},
        by=admin,
    )
    draft.refresh_from_db()
    assert (draft.name, draft.deadline) == ("Autumn 360", later)
    assert draft.policy["scores"]["peers"] == 2
    assert draft.nomination_limits["peers"] == [2, 5]


def test_it_lets_an_open_campaign_raise_thresholds(opened: Campaign, admin: User) -> None:
    campaign_settings.update_campaign(
        opened, policy=_policy(scores_peers=4, comments_peers=5), by=admin
    )
    opened.refresh_from_db()
    assert opened.policy["scores"]["peers"] == 4
    assert opened.policy["comments"]["peers"] == 5


@pytest.mark.parametrize(
    ("lowered", "key"),
    [
        (_policy(scores_peers=3, comments_peers=5), "scores.peers"),
        (_policy(scores_peers=4, comments_peers=4), "comments.peers"),
    ],
)
def test_it_never_lowers_an_open_campaigns_thresholds(
    opened: Campaign, admin: User, lowered: dict[str, dict[str, int]], key: str
) -> None:
    campaign_settings.update_campaign(
        opened, policy=_policy(scores_peers=4, comments_peers=5), by=admin
    )
    with pytest.raises(changes.SetupError) as caught:
        campaign_settings.update_campaign(opened, policy=lowered, by=admin)
    assert list(caught.value.problems) == [key]
    assert "can only be raised once the campaign is open" in caught.value.problems[key]
    opened.refresh_from_db()
    assert opened.policy == _policy(scores_peers=4, comments_peers=5)


def test_it_lets_a_draft_lower_thresholds(draft: Campaign, admin: User) -> None:
    campaign_settings.update_campaign(draft, policy=_policy(scores_all=3, comments_all=3), by=admin)
    draft.refresh_from_db()
    assert draft.policy["scores"]["all"] == 3


@pytest.mark.parametrize(
    "change",
    [
        {"deadline": DEADLINE + timedelta(days=1)},
        {"nomination_limits": {"peers": [3, 9], "direct_reports": [0, 10], "others": [0, 5]}},
    ],
)
def test_it_fixes_deadline_and_limits_once_open(
    opened: Campaign, admin: User, change: dict[str, Any]
) -> None:
    with pytest.raises(changes.SetupError) as caught:
        campaign_settings.update_campaign(opened, by=admin, **change)
    [key] = change
    assert caught.value.problems == {key: "This can no longer change: the campaign is open."}


def test_it_accepts_the_fixed_settings_unchanged_once_open(opened: Campaign, admin: User) -> None:
    campaign_settings.update_campaign(
        opened,
        name="Spring 360 (Acme)",
        deadline=opened.deadline,
        instrument="tlmi",
        nomination_limits=opened.nomination_limits,
        by=admin,
    )
    opened.refresh_from_db()
    assert opened.name == "Spring 360 (Acme)"


def test_it_records_every_policy_change_old_to_new(opened: Campaign, admin: User) -> None:
    campaign_settings.update_campaign(
        opened, policy=_policy(scores_peers=4, comments_peers=5, comments_all=6), by=admin
    )
    event = Event.objects.get(action=Action.POLICY_CHANGED)
    assert event.actor == admin
    assert (event.object_type, event.object_id) == ("campaign", opened.pk)
    assert event.summary == (
        "Spring 360: Peers, scores: 3 → 4; Peers, comments: 3 → 5; All raters, comments: 4 → 6"
    )


def test_it_records_a_drafts_policy_change_too(draft: Campaign, admin: User) -> None:
    campaign_settings.update_campaign(
        draft, policy=_policy(scores_others=2, comments_others=2), by=admin
    )
    [event] = Event.objects.filter(action=Action.POLICY_CHANGED)
    assert event.summary == "Spring 360: Others, scores: 3 → 2; Others, comments: 3 → 2"


def test_it_records_nothing_when_the_policy_stays(opened: Campaign, admin: User) -> None:
    campaign_settings.update_campaign(opened, name="Renamed", policy=default_policy(), by=admin)
    assert not Event.objects.filter(action=Action.POLICY_CHANGED).exists()


def test_it_fixes_the_thresholds_once_anything_is_released(opened: Campaign, admin: User) -> None:
    # A released report applies the thresholds each time it is opened, so a
    # change now would change what was released, outside any release.
    participant = opened.participants.first()
    assert participant is not None
    Release.objects.create(participant=participant, number=1)
    with pytest.raises(changes.SetupError) as refused:
        campaign_settings.update_campaign(opened, policy=_policy(scores_peers=4), by=admin)
    assert "policy" in refused.value.problems
    opened.refresh_from_db()
    assert opened.policy == default_policy()
    campaign_settings.update_campaign(opened, name="Renamed", by=admin)  # the rest still may
