"""The audit log page: administrators read it, newest first, filtered and paged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.audit.models import Action, Event

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def org():
    return make.organisation()


@pytest.fixture
def admin(org):
    return make.account(org, Role.ADMIN, "hr@example.org")


def _event(org, action, minutes, summary="", label="hr@example.org") -> Event:
    return Event.objects.create(
        organisation=org,
        at=START + timedelta(minutes=minutes),
        actor_label=label,
        action=action,
        summary=summary,
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(org, query: str = "") -> str:
    return reverse("audit:log", args=[org.slug]) + query


def test_it_lists_events_newest_first(org, admin) -> None:
    _event(org, Action.CAMPAIGN_CLOSED, 1, "Spring 360")
    _event(org, Action.CAMPAIGN_RELEASED, 2, "Spring 360: released 4 participants")
    page = _client(admin).get(_url(org)).content.decode()
    rows = page.split("<tbody>")[1]
    assert rows.index("released 4 participants") < rows.index("Closed a campaign")
    assert "2026-12-01 09:02" in page
    assert "hr@example.org" in page


def test_it_shows_one_kind_of_event(org, admin) -> None:
    _event(org, Action.CAMPAIGN_CLOSED, 1, "Closed one")
    _event(org, Action.REPORT_VIEWED, 2, "Read one")
    page = _client(admin).get(_url(org, "?action=report.viewed")).content.decode()
    assert "Read one" in page
    assert "Closed one" not in page
    assert '<option value="report.viewed" selected>' in page


def test_it_shows_everything_for_an_unknown_kind(org, admin) -> None:
    _event(org, Action.CAMPAIGN_CLOSED, 1, "Closed one")
    response = _client(admin).get(_url(org, "?action=<script>"))
    assert response.status_code == 200
    assert "Closed one" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_it_pages_the_log_keeping_the_filter(org, admin, monkeypatch) -> None:
    monkeypatch.setattr("twofold.web.audit.views.PER_PAGE", 2)
    for minute in range(3):
        _event(org, Action.CAMPAIGN_CLOSED, minute, f"Closed {minute}")
    _event(org, Action.REPORT_VIEWED, 9, "Read")
    client = _client(admin)
    first = client.get(_url(org, "?action=campaign.closed")).content.decode()
    assert "Closed 2" in first
    assert "Closed 1" in first
    assert "Closed 0" not in first
    assert "?action=campaign.closed&amp;page=2" in first
    second = client.get(_url(org, "?action=campaign.closed&page=2")).content.decode()
    assert "Closed 0" in second
    assert "Page 2 of 2" in second
    assert "Read" not in second.split("<table")[1]


def test_it_shows_only_its_own_organisation(org, admin) -> None:
    elsewhere = make.organisation("globex")
    _event(elsewhere, Action.CAMPAIGN_CLOSED, 1, "Globex secret")
    page = _client(admin).get(_url(org)).content.decode()
    assert "Globex secret" not in page
    assert "Nothing has been recorded yet." in page


@pytest.mark.parametrize("role", [Role.COACH, Role.MANAGER, Role.PARTICIPANT])
def test_it_is_not_found_for_anyone_but_administrators(org, role) -> None:
    user = make.account(org, role, "someone@example.org")
    assert _client(user).get(_url(org)).status_code == 404


def test_it_sends_a_signed_out_visitor_to_sign_in() -> None:
    response = Client().get(_url(make.organisation()))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_is_not_found_for_another_organisation(org) -> None:
    other = make.account(make.organisation("globex"), Role.ADMIN, "hr@globex.example")
    assert _client(other).get(_url(org)).status_code == 404
