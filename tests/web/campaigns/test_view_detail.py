"""GET /o/<slug>/campaigns/<pk>/ : a campaign's settings and progress, as each role may see it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.helpers import account, participant_of

from twofold.content import builtin_instrument
from twofold.web.accounts.models import Role
from twofold.web.campaigns import campaign_settings, lifecycle
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus, Participant
from twofold.web.organisations.models import Organisation, Person


def _url(campaign: Campaign) -> str:
    return f"/o/acme/campaigns/{campaign.pk}/"


@pytest.fixture
def raters(
    opened: Campaign, people: dict[str, Person], invite: Callable[..., Invitation]
) -> Campaign:
    """Ann: Pat answered (with a comment), Quinn has not, Ray declined; Dan: Vic has not."""
    ann = participant_of(opened, people["ann"])
    answered = invite(ann, "peers", "Pat Peer", answered=True)
    assert answered.response_set is not None
    answered.response_set.comments = {"strength": "Listens like nobody else"}
    answered.response_set.save()
    invite(ann, "peers", "Quinn Peer")
    invite(ann, "peers", "Ray Peer", status=InvitationStatus.DECLINED)
    invite(participant_of(opened, people["dan"]), "others", "Vic Other")
    return opened


def _page(client: Client, campaign: Campaign) -> str:
    response = client.get(_url(campaign))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_policy_in_plain_words(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    page = _page(client_for(admin), opened)
    assert "Peers are shown when at least 3 answer." in page
    assert "The manager’s answers are shown as theirs: the manager is not anonymous." in page
    assert "All raters together are shown when at least 4 answer." in page


def test_it_shows_administrators_who_has_not_answered(
    client_for: Callable[[User], Client], admin: User, raters: Campaign
) -> None:
    page = _page(client_for(admin), raters)
    assert "Ann Archer" in page
    assert "Ben Baker" in page
    assert "Dan Dias" in page
    assert "Quinn Peer" in page
    assert "Vic Other" in page
    assert "Olu Okafor" in page
    assert "Pat Peer" not in page  # answered: nothing to chase
    assert "Ray Peer" not in page  # declined
    assert "Listens like nobody else" not in page  # never an answer


def test_it_shows_a_participant_counts_of_their_own_raters_only(
    client_for: Callable[[User], Client], participant: User, raters: Campaign
) -> None:
    page = _page(client_for(participant), raters)
    assert "Ann Archer" in page
    assert "Ben Baker" not in page
    assert "Dan Dias" not in page
    for name in ("Quinn Peer", "Mia Moreau", "Pat Peer", "Ray Peer"):
        assert name not in page
    assert "Not answered yet" not in page
    assert "Listens like nobody else" not in page


def test_it_shows_a_manager_their_line(
    client_for: Callable[[User], Client], manager: User, raters: Campaign
) -> None:
    page = _page(client_for(manager), raters)
    assert "Ann Archer" in page
    assert "Ben Baker" in page
    assert "Dan Dias" not in page
    assert "Vic Other" not in page
    assert "Quinn Peer" not in page


def test_it_shows_a_coach_their_coachee(
    client_for: Callable[[User], Client], coach: User, raters: Campaign
) -> None:
    page = _page(client_for(coach), raters)
    assert "Dan Dias" in page
    assert "Ann Archer" not in page
    assert "Vic Other" not in page


def test_it_hides_a_campaign_from_members_who_follow_nobody_in_it(
    client_for: Callable[[User], Client],
    org: Organisation,
    people: dict[str, Person],
    opened: Campaign,
) -> None:
    eve = account(org, people["eve"].email, Role.PARTICIPANT, people["eve"])
    assert client_for(eve).get(_url(opened)).status_code == 404


@pytest.mark.parametrize("role", ["manager", "coach", "participant"])
def test_it_hides_drafts_from_everyone_but_administrators(
    request: pytest.FixtureRequest, client_for: Callable[[User], Client], draft: Campaign, role: str
) -> None:
    assert client_for(request.getfixturevalue(role)).get(_url(draft)).status_code == 404


def test_it_hides_the_campaign_from_another_organisation(
    client_for: Callable[[User], Client], outsider: User, opened: Campaign
) -> None:
    client = client_for(outsider)
    assert client.get(_url(opened)).status_code == 404
    assert client.get(f"/o/globex/campaigns/{opened.pk}/").status_code == 404


def test_it_lists_a_drafts_participants_and_the_next_steps(
    client_for: Callable[[User], Client], admin: User, draft: Campaign
) -> None:
    page = _page(client_for(admin), draft)
    assert "3 participants" in page
    assert f"/o/acme/campaigns/{draft.pk}/launch/" in page
    assert f"/o/acme/campaigns/{draft.pk}/participants/" in page


def test_it_offers_extend_and_close_while_open(
    client_for: Callable[[User], Client], admin: User, manager: User, opened: Campaign
) -> None:
    page = _page(client_for(admin), opened)
    assert f"/o/acme/campaigns/{opened.pk}/extend/" in page
    assert f"/o/acme/campaigns/{opened.pk}/close/" in page
    page = _page(client_for(manager), opened)
    assert "/extend/" not in page
    assert "/close/" not in page


def test_it_says_when_the_deadline_has_passed(
    client_for: Callable[[User], Client],
    admin: User,
    opened: Campaign,
    clock: time_machine.Coordinates,
) -> None:
    clock.shift(timedelta(days=20))
    assert "The deadline has passed" in _page(client_for(admin), opened)


def test_it_shows_counts_only_after_a_release(
    client_for: Callable[[User], Client],
    admin: User,
    raters: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
) -> None:
    lifecycle.close(raters, by=admin)
    release(participant_of(raters, people["ann"]))
    page = _page(client_for(admin), raters)
    assert "Released: counts only" in page
    assert "Quinn Peer" not in page  # Ann's released: no names any more
    assert "Vic Other" in page  # Dan is not released yet


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
    page = " ".join(_page(client_for(admin), raters).split())
    assert "Una Later" in page
    assert "Quinn Peer" not in page  # asked before the release: nobody can tell
    assert "Among the raters asked since the release" in page


def _report_url(campaign: Campaign, person: Person) -> str:
    assessment = participant_of(campaign, person).assessment
    assert assessment is not None
    return f"/report/{assessment.report_token}/"


def test_it_links_each_released_participant_to_their_report(
    client_for: Callable[[User], Client],
    admin: User,
    participant: User,
    opened: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
) -> None:
    lifecycle.close(opened, by=admin)
    for name in ("ann", "ben"):
        release(participant_of(opened, people[name]))
    page = _page(client_for(admin), opened)
    assert f'href="{_report_url(opened, people["ann"])}"' in page
    assert f'href="{_report_url(opened, people["ben"])}"' in page
    assert _report_url(opened, people["dan"]) not in page  # not released yet
    assert page.count("Read the 360 report") == 2
    # Ann, a participant, sees her own card and her own report only.
    page = _page(client_for(participant), opened)
    assert f'href="{_report_url(opened, people["ann"])}"' in page
    assert _report_url(opened, people["ben"]) not in page


@pytest.mark.parametrize(("managers_see_reports", "shown"), [(True, True), (False, False)])
def test_it_links_a_manager_to_reports_only_if_the_campaign_allows(
    client_for: Callable[[User], Client],
    admin: User,
    manager: User,
    opened: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
    managers_see_reports: bool,
    shown: bool,
) -> None:
    campaign_settings.update_campaign(opened, managers_see_reports=managers_see_reports, by=admin)
    lifecycle.close(opened, by=admin)
    release(participant_of(opened, people["ann"]))
    page = _page(client_for(manager), opened)
    assert (_report_url(opened, people["ann"]) in page) is shown


def test_it_names_the_questionnaire(
    client_for: Callable[[User], Client], admin: User, opened: Campaign
) -> None:
    tlmi = builtin_instrument("tlmi")
    page = _page(client_for(admin), opened)
    assert f"{tlmi.name}, version {tlmi.version}" in page
    assert tlmi.ref not in page  # an id for machines, not for people
