"""GET /o/<slug>/ : the organisation's home, for each role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import Client
from tests.web.campaigns.helpers import participant_of

from twofold.content import builtin_instrument
from twofold.web.campaigns import campaign_settings, lifecycle
from twofold.web.campaigns.models import Campaign, Invitation, Participant, Status
from twofold.web.organisations.models import Person

URL = "/o/acme/"
TLMI = builtin_instrument("tlmi")


def _page(client: Client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _self_token(campaign: Campaign, person: Person) -> str:
    assessment = participant_of(campaign, person).assessment
    assert assessment is not None
    return assessment.self_response_set().respond_token


def _report_token(campaign: Campaign, person: Person) -> str:
    assessment = participant_of(campaign, person).assessment
    assert assessment is not None
    return assessment.report_token


def test_it_shows_administrators_the_campaigns_and_their_progress(
    client_for: Callable[[User], Client],
    admin: User,
    opened: Campaign,
    people: dict[str, Person],
    invite: Callable[..., Invitation],
) -> None:
    invite(participant_of(opened, people["ann"]), "peers", "Pat Peer", answered=True)
    campaign_settings.create_campaign(opened.organisation, "Autumn 360", opened.deadline)
    page = _page(client_for(admin))
    assert "Spring 360" in page
    assert "Autumn 360" in page
    assert "14% (1 of 7)" in page  # 3 self-assessments, 3 managers, Pat
    assert "Not open yet" in page
    assert 'href="/o/acme/campaigns/new/"' in page
    assert "All campaigns (2)" in page


def test_it_shows_a_participant_their_self_assessment_and_counts(
    client_for: Callable[[User], Client],
    participant: User,
    opened: Campaign,
    people: dict[str, Person],
    invite: Callable[..., Invitation],
) -> None:
    ann = participant_of(opened, people["ann"])
    invite(ann, "peers", "Pat Peer", answered=True)
    invite(ann, "peers", "Quinn Peer")
    page = _page(client_for(participant))
    assert "Your 360s" in page
    assert f'href="/respond/{_self_token(opened, people["ann"])}/"' in page
    assert "1 of 2" in page  # peers
    assert "0 of 1" in page  # manager
    assert "Pat Peer" not in page
    assert "Quinn Peer" not in page
    assert "/report/" not in page
    assert "/o/acme/campaigns/new/" not in page
    # Nobody else's questionnaire.
    assert _self_token(opened, people["ben"]) not in page


def test_it_drops_the_self_assessment_link_once_answering_ends(
    client_for: Callable[[User], Client], participant: User, admin: User, opened: Campaign
) -> None:
    lifecycle.close(opened, by=admin)
    page = _page(client_for(participant))
    assert "/respond/" not in page
    assert "Your self-assessment was not finished." in page


def test_it_says_when_the_self_assessment_is_done(
    client_for: Callable[[User], Client],
    participant: User,
    opened: Campaign,
    people: dict[str, Person],
) -> None:
    assessment = participant_of(opened, people["ann"]).assessment
    assert assessment is not None
    answers = assessment.self_response_set()
    answers.record(TLMI, dict.fromkeys(TLMI.item_ids, 3))
    answers.submit(TLMI)
    page = _page(client_for(participant))
    assert "Your self-assessment is done." in page
    assert "/respond/" not in page


def test_it_links_a_participant_to_their_released_report(
    client_for: Callable[[User], Client],
    participant: User,
    admin: User,
    opened: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
) -> None:
    lifecycle.close(opened, by=admin)
    release(participant_of(opened, people["ann"]))
    page = _page(client_for(participant))
    assert f'href="/report/{_report_token(opened, people["ann"])}/"' in page


def test_it_shows_a_manager_their_lines_360s(
    client_for: Callable[[User], Client], manager: User, opened: Campaign
) -> None:
    page = _page(client_for(manager))
    assert "Your team’s 360s" in page
    assert "Ann Archer" in page
    assert "Ben Baker" in page
    assert "Dan Dias" not in page
    assert "/respond/" not in page


@pytest.mark.parametrize(("managers_see_reports", "shown"), [(True, True), (False, False)])
def test_it_links_a_manager_to_released_reports_if_the_campaign_allows(
    client_for: Callable[[User], Client],
    manager: User,
    admin: User,
    opened: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
    managers_see_reports: bool,
    shown: bool,
) -> None:
    campaign_settings.update_campaign(opened, managers_see_reports=managers_see_reports, by=admin)
    lifecycle.close(opened, by=admin)
    release(participant_of(opened, people["ben"]))
    page = _page(client_for(manager))
    assert (f"/report/{_report_token(opened, people['ben'])}/" in page) is shown
    assert _report_token(opened, people["ann"]) not in page  # not released


def test_it_shows_a_coach_their_coachees(
    client_for: Callable[[User], Client], coach: User, opened: Campaign
) -> None:
    page = _page(client_for(coach))
    assert "The people you coach" in page
    assert "Dan Dias" in page
    assert "Ann Archer" not in page
    assert "Ben Baker" not in page


def test_it_shows_no_draft_to_non_administrators(
    client_for: Callable[[User], Client], participant: User, draft: Campaign
) -> None:
    page = _page(client_for(participant))
    assert "Spring 360" not in page
    assert "You are not being assessed in any campaign." in page


def test_it_is_not_there_for_another_organisation(
    client_for: Callable[[User], Client], outsider: User, opened: Campaign
) -> None:
    assert client_for(outsider).get(URL).status_code == 404


def test_it_links_only_to_pages_that_exist(db: None) -> None:
    template = Template(
        "{% load campaign_links %}"
        "{% optional_url 'campaigns:dashboard' 'acme' as here %}"
        "{% optional_url 'campaigns:no_such_page' 'acme' as nowhere %}"
        "[{{ here }}][{{ nowhere }}]"
    )
    assert template.render(Context()) == "[/o/acme/][]"


def test_it_lists_the_latest_released_campaigns_apart(
    client_for: Callable[[User], Client],
    admin: User,
    opened: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
) -> None:
    lifecycle.close(opened, by=admin)
    for participant in opened.participants.all():
        release(participant)
    Campaign.objects.filter(pk=opened.pk).update(status=Status.RELEASED)
    campaign_settings.create_campaign(opened.organisation, "Autumn 360", opened.deadline)
    page = _page(client_for(admin))
    under_way, _, released = page.partition("Reports released")
    assert "Autumn 360" in under_way
    assert "Spring 360" not in under_way
    assert f'href="/o/acme/campaigns/{opened.pk}/"' in released
    assert "All campaigns (2)" in released


def test_it_lists_no_released_campaigns_to_others(
    client_for: Callable[[User], Client],
    admin: User,
    participant: User,
    opened: Campaign,
    people: dict[str, Person],
    release: Callable[[Participant], object],
) -> None:
    lifecycle.close(opened, by=admin)
    release(participant_of(opened, people["ann"]))
    Campaign.objects.filter(pk=opened.pk).update(status=Status.RELEASED)
    page = _page(client_for(participant))
    assert "Reports released" not in page
    assert f'href="/report/{_report_token(opened, people["ann"])}/"' in page
