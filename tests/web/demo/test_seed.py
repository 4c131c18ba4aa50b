"""The demo organisation that `make run` adds: what a new user finds, and that it comes once."""

from __future__ import annotations

import pytest
from django.test import Client

from twofold.web.campaigns.models import Campaign, Invitation, Participant, Status
from twofold.web.campaigns.results import latest_release
from twofold.web.demo.seed import OPEN_NAME, RELEASED_NAME, SLUG, seed_demo_organisation
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
