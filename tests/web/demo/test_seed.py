"""The demo organisation that `make run` adds: what a new user finds, and that it comes once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from twofold.web.assessments.models import ResponseSet
from twofold.web.audit.models import Action, Event
from twofold.web.campaigns.models import Campaign, Invitation, Participant, Release, Status
from twofold.web.campaigns.results import latest_release
from twofold.web.demo.history import Timeline
from twofold.web.demo.seed import (
    OPEN_ANSWERED,
    OPEN_NAME,
    RELEASED_NAME,
    SLUG,
    seed_demo_organisation,
)
from twofold.web.organisations.models import Organisation, Person
from twofold.web.reports.services import campaign_report

pytestmark = pytest.mark.django_db


def test_it_builds_forty_people_in_six_teams_with_a_manager_line() -> None:
    seed_demo_organisation()
    org = Organisation.objects.get(slug=SLUG)
    people = Person.objects.filter(organisation=org)
    assert people.count() == 40
    assert org.teams.count() == 6
    assert people.filter(manager__isnull=True).count() == 1  # the chief executive


def test_it_releases_one_campaign_with_a_withheld_group_and_leaves_one_open() -> None:
    seed_demo_organisation()
    released = Campaign.objects.get(name=RELEASED_NAME)
    assert released.status == Status.RELEASED
    participants = list(released.participants.select_related("person", "campaign"))
    assert len(participants) == 5
    withheld = set()
    for participant in participants:
        release = latest_release(participant)
        assert release is not None
        report = campaign_report(participant, release)
        withheld |= {(participant.person.name, g.group) for g in report.withheld_groups}
    # One peer declined, so Sofia's two remaining peers are too few to show.
    assert ("Sofia Lindqvist", "peers") in withheld
    assert Campaign.objects.get(name=OPEN_NAME).status == Status.OPEN


def _signs_in(client: Client, email: str, password: str) -> bool:
    """Whether the sign-in page lets ``email`` in with ``password``, as a new user would try."""
    response = client.post("/accounts/login/", {"username": email, "password": password})
    return response.status_code == 302


def test_it_gives_links_a_new_user_can_open(client: Client) -> None:
    links = seed_demo_organisation()
    assert len(links.reports) >= 2
    assert len(links.raters) >= 2
    for _rater, _about, path in links.raters:
        assert client.get(path).status_code == 200
    assert client.get(links.reports[0][1]).status_code == 302  # sign in first
    assert _signs_in(client, links.admin_email, links.admin_password)
    page = client.get(links.reports[0][1])
    assert page.status_code == 200
    assert "360" in page.content.decode()


def test_seeding_again_changes_nothing_but_the_administrators_password(client: Client) -> None:
    first = seed_demo_organisation()
    counts = (Person.objects.count(), Participant.objects.count(), Invitation.objects.count())
    second = seed_demo_organisation()
    assert (Person.objects.count(), Participant.objects.count(), Invitation.objects.count()) == (
        counts
    )
    assert second.reports == first.reports
    assert second.admin_password != first.admin_password
    assert not _signs_in(client, first.admin_email, first.admin_password)
    assert _signs_in(client, second.admin_email, second.admin_password)


def test_the_released_campaign_reads_as_history_in_order() -> None:
    seed_demo_organisation()
    spring = Campaign.objects.get(name=RELEASED_NAME)
    assert spring.opened_at is not None
    assert spring.closed_at is not None
    releases = Release.objects.filter(participant__campaign=spring)
    released_at = {r.released_at for r in releases}
    assert len(released_at) == 1
    released = released_at.pop()
    assert spring.created_at < spring.opened_at < spring.deadline < spring.closed_at < released
    assert released < timezone.now()
    for participant in spring.participants.select_related("assessment"):
        assessment = participant.assessment
        assert assessment is not None
        assert assessment.completed_at is not None
        assert spring.opened_at < assessment.completed_at < spring.deadline
        for response_set in assessment.response_sets.all():
            assert response_set.submitted_at is not None
            if response_set.rater_role == "self":
                assert spring.opened_at <= response_set.started_at < response_set.submitted_at
                assert response_set.submitted_at < spring.deadline
            else:  # a released copy has the release's time as its only time
                times = {response_set.started_at, response_set.submitted_at}
                assert times | {response_set.updated_at} == {released}


def test_the_audit_log_tells_the_same_story() -> None:
    seed_demo_organisation()
    spring = Campaign.objects.get(name=RELEASED_NAME)
    autumn = Campaign.objects.get(name=OPEN_NAME)
    released = Release.objects.filter(participant__campaign=spring).first()
    assert released is not None
    events = {
        e.action: e for e in Event.objects.filter(object_type="campaign", object_id=spring.pk)
    }
    assert events[Action.CAMPAIGN_OPENED].at == spring.opened_at
    assert events[Action.CAMPAIGN_CLOSED].at == spring.closed_at
    assert events[Action.CAMPAIGN_RELEASED].at == released.released_at
    opening = events[Action.CAMPAIGN_OPENED].summary
    assert f"answers until {_as_the_log_writes(spring.deadline)}" in opening
    assert _as_the_log_writes(autumn.deadline) not in opening


def test_the_open_campaign_opened_days_ago_and_its_deadline_is_ahead() -> None:
    seed_demo_organisation()
    autumn = Campaign.objects.get(name=OPEN_NAME)
    now = timezone.now()
    assert autumn.opened_at is not None
    assert autumn.created_at < autumn.opened_at < now - timedelta(days=1)
    assert autumn.deadline > now + timedelta(days=7)
    assert autumn.accepts_answers()
    event = Event.objects.get(object_type="campaign", object_id=autumn.pk)
    assert event.at == autumn.opened_at
    answered = ResponseSet.objects.filter(
        assessment__participant__campaign=autumn, submitted_at__isnull=False
    )
    assert answered.count() == len(OPEN_ANSWERED)
    for response_set in answered:
        assert response_set.submitted_at is not None
        assert autumn.opened_at < response_set.started_at < response_set.submitted_at < now


def test_it_names_the_report_that_withholds_a_group() -> None:
    links = seed_demo_organisation()
    assert links.withheld == {"Sofia Lindqvist": ("peers",)}


def test_a_timeline_is_in_order() -> None:
    opened = timezone.now() - timedelta(days=30)
    with pytest.raises(ValueError, match="opens, reaches its deadline, closes"):
        Timeline(opened=opened, deadline=opened + timedelta(days=21), closed=opened)


def _as_the_log_writes(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")
