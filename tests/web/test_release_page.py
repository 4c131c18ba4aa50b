"""The release page: what a release will contain, in counts only, and one button."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.campaigns.models import Release, Status
from twofold.web.campaigns.release import release_participants, reopen

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return make.organisation()


@pytest.fixture
def admin(org):
    return make.account(org, Role.ADMIN, "hr@example.org")


@pytest.fixture
def campaign(org):
    return make.campaign(org)


def _url(campaign) -> str:
    return reverse("campaigns:release", args=[campaign.organisation.slug, campaign.pk])


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_what_each_report_will_show_in_counts_only(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.rater(ada, "manager", "Mo Manager")
    make.raters(ada, "peers", 4, given=make.answers(2))
    make.raters(ada, "direct_reports", 2)
    response = _client(admin).get(_url(campaign))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ada Lovelace" in page
    assert "1 participant will be released." in page
    assert "4 answered" in page
    assert "Withheld: fewer than 3 direct reports answered." in page
    assert "Shown, not anonymous: labelled as such." in page  # the manager
    # Never a score, and never a rater's name.
    assert "Mo Manager" not in page
    assert "peers 1" not in page
    assert "2.0" not in page


def test_it_releases_on_confirm(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    response = _client(admin).post(_url(campaign), follow=True)
    assert response.status_code == 200
    assert "Released 1 participant." in response.content.decode()
    assert Release.objects.filter(participant=ada, number=1).exists()
    campaign.refresh_from_db()
    assert campaign.status == Status.RELEASED


def test_it_needs_the_form_s_token(campaign, admin) -> None:
    make.participant(campaign, "Ada Lovelace")
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    assert client.post(_url(campaign)).status_code == 403
    assert not Release.objects.exists()


def test_it_says_who_would_be_refused_a_new_release_and_why(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    release_participants([ada], admin)
    reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), admin)
    make.raters(ada, "peers", 2, start=4)
    campaign.status = Status.CLOSED
    campaign.save(update_fields=["status"])
    page = _client(admin).get(_url(campaign)).content.decode()
    assert "Not released again" in page
    assert (
        "2 peers answered since the last release; the report can change only when at least 3 have."
        in page
    )
    assert "release-confirm" not in page  # nothing to release: no button


def test_it_asks_to_close_an_open_campaign_first(org, admin) -> None:
    running = make.campaign(org, status=Status.OPEN)
    make.participant(running, "Ada Lovelace")
    page = _client(admin).get(_url(running)).content.decode()
    assert "Close it before releasing its results." in page
    assert "release-confirm" not in page


def test_it_lets_a_coach_release_only_their_coachees(org, admin) -> None:
    allowing = make.campaign(org, coach_may_release=True)
    ada = make.participant(allowing, "Ada Lovelace")
    make.participant(allowing, "Bob Ross")
    coach = make.coach_of(org, "coach@example.org", ada.person)
    page = _client(coach).get(_url(allowing)).content.decode()
    assert "Ada Lovelace" in page
    assert "Bob Ross" not in page
    _client(coach).post(_url(allowing))
    assert list(Release.objects.values_list("participant", flat=True)) == [ada.pk]


@pytest.mark.parametrize("role", [Role.COACH, Role.MANAGER, Role.PARTICIPANT])
def test_it_is_not_found_for_anyone_who_may_not_release(campaign, org, role) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    user = make.account(org, role, "someone@example.org", person=ada.person)
    make.coach_of(org, "coach@example.org", ada.person)
    client = _client(user)
    assert client.get(_url(campaign)).status_code == 404
    assert client.post(_url(campaign)).status_code == 404
    assert not Release.objects.exists()


def test_it_is_not_found_for_a_coach_while_the_campaign_is_a_draft(org) -> None:
    # Coaches may release this campaign once closed, but a draft is for administrators only.
    draft = make.campaign(org, status=Status.DRAFT, coach_may_release=True)
    ada = make.participant(draft, "Ada Lovelace")
    coach = make.coach_of(org, "coach@example.org", ada.person)
    response = _client(coach).get(_url(draft))
    assert response.status_code == 404
    assert "Spring 360" not in response.content.decode()


def test_it_sends_a_signed_out_visitor_to_sign_in(campaign) -> None:
    make.participant(campaign, "Ada Lovelace")
    response = Client().post(_url(campaign))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={_url(campaign)}"
    assert not Release.objects.exists()


def test_it_is_not_found_for_other_organisations(campaign) -> None:
    make.participant(campaign, "Ada Lovelace")
    elsewhere = make.account(make.organisation("globex"), Role.ADMIN, "hr@globex.example")
    assert _client(elsewhere).get(_url(campaign)).status_code == 404
    other_slug = reverse("campaigns:release", args=["globex", campaign.pk])
    assert _client(elsewhere).get(other_slug).status_code == 404


def test_it_pages_a_long_list(campaign, admin, monkeypatch) -> None:
    monkeypatch.setattr("twofold.web.campaigns.release_views.PER_PAGE", 2)
    for name in ("Ann", "Ben", "Cat"):
        make.participant(campaign, name)
    client = _client(admin)
    first = client.get(_url(campaign)).content.decode()
    second = client.get(_url(campaign) + "?page=2").content.decode()
    assert "Ann" in first
    assert "Cat" not in first
    assert "Cat" in second
    assert "Page 2 of 2" in second
    assert "3 participants will be released." in second


def test_it_warns_before_releasing_a_report_with_nothing_to_show(campaign, admin) -> None:
    make.participant(campaign, "Ada Lovelace", own=None)
    bob = make.participant(campaign, "Bob Ross")
    make.raters(bob, "peers", 2)
    cy = make.participant(campaign, "Cy Twombly")
    make.raters(cy, "peers", 3)
    page = _client(admin).get(_url(campaign)).content.decode()
    ada, bob_card, cy_card = page.split('<article class="card release-card"')[1:]
    assert "the report will have no scores" in ada
    assert "the report will show their own answers only" in bob_card
    assert "callout" not in cy_card
