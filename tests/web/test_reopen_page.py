"""Re-opening a closed or released campaign with a new deadline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.audit.models import Action, Event
from twofold.web.campaigns.models import InvitationStatus, Status
from twofold.web.campaigns.release import release_participants

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


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
    return reverse("campaigns:reopen", args=[campaign.organisation.slug, campaign.pk])


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_reopens_a_released_campaign_until_the_new_deadline(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    waiting = make.rater(ada, "others", "Olly", status=InvitationStatus.APPROVED)
    release_participants([ada], admin)
    response = _client(admin).post(_url(campaign), {"deadline": "2026-12-20T17:00"})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "campaigns:release", args=[campaign.organisation.slug, campaign.pk]
    )
    campaign.refresh_from_db()
    assert campaign.status == Status.OPEN
    assert campaign.deadline == datetime(2026, 12, 20, 17, 0, tzinfo=UTC)
    assert campaign.closed_at is None
    ada.assessment.refresh_from_db()
    assert ada.assessment.answers_until == campaign.deadline
    assert ada.assessment.accepts_answers()
    # Raters whose answers were released stay closed; one not yet asked may be invited.
    assert set(ada.invitations.values_list("status", flat=True)) == {
        InvitationStatus.CLOSED,
        InvitationStatus.APPROVED,
    }
    waiting.refresh_from_db()
    assert waiting.status == InvitationStatus.APPROVED


def test_it_records_who_reopened_it_until_when(campaign, admin) -> None:
    _client(admin).post(_url(campaign), {"deadline": "2026-12-20T17:00"})
    event = Event.objects.get(action=Action.CAMPAIGN_REOPENED)
    assert event.actor == admin
    assert event.object_id == campaign.pk
    assert event.summary == "Spring 360: open until 2026-12-20 17:00 UTC"


@pytest.mark.parametrize("deadline", ["2026-12-01T09:00", "2026-12-03T12:00"])
def test_it_refuses_a_deadline_that_is_not_in_the_future(campaign, admin, deadline) -> None:
    response = _client(admin).post(_url(campaign), {"deadline": deadline})
    assert response.status_code == 400
    assert "Choose a new deadline in the future." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Status.CLOSED


@pytest.mark.parametrize("deadline", ["", "next week", "2026-13-45T99:00"])
def test_it_names_the_field_when_the_deadline_is_not_a_time(campaign, admin, deadline) -> None:
    response = _client(admin).post(_url(campaign), {"deadline": deadline})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Status.CLOSED


def test_it_refuses_to_reopen_an_open_campaign(org, admin) -> None:
    running = make.campaign(org, status=Status.OPEN)
    page = _client(admin).get(_url(running)).content.decode()
    assert "Only a closed or released campaign can be re-opened" in page
    response = _client(admin).post(_url(running), {"deadline": "2026-12-20T17:00"})
    assert response.status_code == 400
    assert Event.objects.filter(action=Action.CAMPAIGN_REOPENED).count() == 0


@pytest.mark.parametrize("role", [Role.COACH, Role.MANAGER, Role.PARTICIPANT])
def test_it_is_for_administrators_only(campaign, org, role) -> None:
    user = make.account(org, role, "someone@example.org")
    client = _client(user)
    assert client.get(_url(campaign)).status_code == 404
    assert client.post(_url(campaign), {"deadline": "2026-12-20T17:00"}).status_code == 404
    campaign.refresh_from_db()
    assert campaign.status == Status.CLOSED


def test_it_is_not_found_for_another_organisation(campaign) -> None:
    elsewhere = make.account(make.organisation("globex"), Role.ADMIN, "hr@globex.example")
    url = reverse("campaigns:reopen", args=["globex", campaign.pk])
    assert _client(elsewhere).get(url).status_code == 404
    assert _client(elsewhere).get(_url(campaign)).status_code == 404


def _words(page) -> str:
    return " ".join(page.content.decode().split())


def test_it_says_raters_asked_before_a_release_cannot_answer_again(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    make.rater(ada, "peers", "Sam", submitted=False)
    release_participants([ada], admin)
    page = _words(_client(admin).get(_url(campaign)))
    assert "Participants can nominate more raters" in page
    assert "Approved raters get their personal link" in page
    assert "Raters asked before a participant’s release cannot answer again" in page
    assert "nobody can tell any more which of them answered" in page
    assert "Raters who have not answered yet may answer" not in page
    assert "Raters of participants not released yet" not in page
    # What the page says: Sam's link stays closed once the campaign is open again.
    _client(admin).post(_url(campaign), {"deadline": "2026-12-20T17:00"})
    sam = ada.invitations.get(name="Sam")
    assert sam.status == InvitationStatus.CLOSED
    closed = _client(admin).get(reverse("rating:start", args=[sam.token]))
    assert "This questionnaire has closed" in closed.content.decode()


def test_it_says_raters_may_still_answer_when_nobody_was_released(campaign, admin) -> None:
    make.raters(make.participant(campaign, "Ada Lovelace"), "peers", 3)
    page = _words(_client(admin).get(_url(campaign)))
    assert "Raters who have not answered yet may answer until the new deadline." in page
    assert "cannot answer again" not in page


def test_it_says_both_when_some_participants_are_released(campaign, admin) -> None:
    ada, bob = make.participant(campaign, "Ada Lovelace"), make.participant(campaign, "Bob Ross")
    release_participants([ada], admin)
    page = _words(_client(admin).get(_url(campaign)))
    assert "Raters asked before a participant’s release cannot answer again" in page
    assert "Raters of participants not released yet who have not answered may still answer" in page
    assert bob.releases.count() == 0


def test_a_link_closed_by_a_release_says_when_it_closed_not_the_new_deadline(
    campaign, admin
) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    sam = make.rater(ada, "peers", "Sam", submitted=False)
    release_participants([ada], admin)  # on 3 December
    _client(admin).post(_url(campaign), {"deadline": "2026-12-20T17:00"})
    rater = Client()
    page = rater.get(reverse("rating:start", args=[sam.token])).content.decode()
    assert "This questionnaire closed on 3 December 2026; thank you." in page
    saved = rater.post(
        reverse("rating:answer", args=[sam.token]), {"env1": "4"}, HTTP_HX_REQUEST="true"
    )
    assert "closed on 3 December 2026." in saved.content.decode()
    # Three peers asked after the re-opening, released on 21 December.
    with time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=UTC), tick=False):
        late = make.raters(ada, "peers", 3, start=4)
        campaign.refresh_from_db()
        campaign.status = Status.CLOSED
        campaign.save(update_fields=["status"])
        release_participants([ada], admin)
    for invitation, day in ((sam, "3 December 2026"), (late[0], "21 December 2026")):
        page = rater.get(reverse("rating:start", args=[invitation.token])).content.decode()
        assert f"This questionnaire closed on {day}; thank you." in page


def test_it_schedules_the_reminders_of_the_new_deadline(campaign, admin) -> None:
    from django_tasks_db.models import DBTaskResult

    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    release_participants([ada], admin)
    DBTaskResult.objects.all().delete()
    _client(admin).post(_url(campaign), {"deadline": "2026-12-20T17:00"})
    queued = DBTaskResult.objects.filter(task_path__endswith=".send_reminders")
    days = sorted(q.args_kwargs["args"][1] for q in queued)
    assert days
    assert days == sorted(campaign.reminder_days)
    assert all(q.args_kwargs["args"][0] == campaign.pk for q in queued)
