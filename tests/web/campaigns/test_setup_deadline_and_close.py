"""lifecycle.extend_deadline and lifecycle.close: answering by link follows the campaign."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from tests.web.campaigns.helpers import DEADLINE, NOW, participant_of

from twofold.content import builtin_instrument
from twofold.web.assessments.models import AnswersClosedError, ResponseSet
from twofold.web.audit.models import Action, Event
from twofold.web.campaigns import changes, lifecycle
from twofold.web.campaigns.models import Campaign, Status
from twofold.web.campaigns.signals import deadline_extended
from twofold.web.organisations.models import Person

TLMI = builtin_instrument("tlmi")


def _self_set(campaign: Campaign, person: Person) -> ResponseSet:
    assessment = participant_of(campaign, person).assessment
    assert assessment is not None
    return assessment.self_response_set()


def test_it_takes_answers_until_the_deadline(
    opened: Campaign, people: dict[str, Person], clock: time_machine.Coordinates
) -> None:
    answers = _self_set(opened, people["ann"])
    clock.move_to(DEADLINE - timedelta(seconds=1))
    answers.record(TLMI, {"env1": 4})
    clock.move_to(DEADLINE)
    with pytest.raises(AnswersClosedError):
        answers.record(TLMI, {"env2": 4})
    answers.refresh_from_db()
    assert answers.answers == {"env1": 4}


def test_it_extends_the_answering_window_with_the_deadline(
    opened: Campaign, admin: User, people: dict[str, Person], clock: time_machine.Coordinates
) -> None:
    later = DEADLINE + timedelta(days=7)
    lifecycle.extend_deadline(opened, later, by=admin)
    clock.move_to(DEADLINE + timedelta(days=1))
    answers = _self_set(opened, people["ann"])
    answers.record(TLMI, {"env1": 5})
    assert answers.assessment.answers_until == later


def test_it_revives_answering_when_a_passed_deadline_is_extended(
    opened: Campaign, admin: User, people: dict[str, Person], clock: time_machine.Coordinates
) -> None:
    clock.move_to(DEADLINE + timedelta(days=1))
    answers = _self_set(opened, people["dan"])
    with pytest.raises(AnswersClosedError):
        answers.record(TLMI, {"env1": 3})
    lifecycle.extend_deadline(opened, DEADLINE + timedelta(days=3), by=admin)
    answers.record(TLMI, {"env1": 3})
    assert answers.answers == {"env1": 3}


def test_it_records_the_extension_and_tells_the_reminders(opened: Campaign, admin: User) -> None:
    heard: list[tuple[datetime, datetime]] = []

    def receiver(
        sender: object, campaign: Campaign, previous_deadline: datetime, **_: object
    ) -> None:
        heard.append((previous_deadline, campaign.deadline))

    later = DEADLINE + timedelta(days=7)
    deadline_extended.connect(receiver)
    try:
        lifecycle.extend_deadline(opened, later, by=admin)
    finally:
        deadline_extended.disconnect(receiver)
    assert heard == [(DEADLINE, later)]
    event = Event.objects.get(action=Action.DEADLINE_EXTENDED)
    assert event.actor == admin
    assert event.summary == "Spring 360: 2027-03-15 09:00 UTC → 2027-03-22 09:00 UTC"


@pytest.mark.parametrize("offset", [timedelta(0), -timedelta(hours=1)])
def test_it_refuses_a_deadline_that_is_not_later(
    opened: Campaign, admin: User, offset: timedelta
) -> None:
    with pytest.raises(changes.SetupError) as caught:
        lifecycle.extend_deadline(opened, DEADLINE + offset, by=admin)
    assert caught.value.problems == {
        "deadline": "Choose a time after the current deadline, 2027-03-15 09:00 UTC."
    }
    opened.refresh_from_db()
    assert opened.deadline == DEADLINE
    assert not Event.objects.filter(action=Action.DEADLINE_EXTENDED).exists()


def test_it_refuses_a_later_deadline_that_has_passed_too(
    opened: Campaign, admin: User, clock: time_machine.Coordinates
) -> None:
    clock.move_to(DEADLINE + timedelta(days=5))
    with pytest.raises(changes.SetupError) as caught:
        lifecycle.extend_deadline(opened, DEADLINE + timedelta(days=2), by=admin)
    assert caught.value.problems == {"deadline": "Choose a time in the future."}


@pytest.mark.parametrize("fixture", ["draft", "closed"])
def test_it_extends_only_an_open_campaign(
    request: pytest.FixtureRequest, fixture: str, admin: User
) -> None:
    campaign = (
        request.getfixturevalue("draft")
        if fixture == "draft"
        else lifecycle.close(request.getfixturevalue("opened"), by=admin)
    )
    with pytest.raises(changes.SetupError) as caught:
        lifecycle.extend_deadline(campaign, DEADLINE + timedelta(days=7), by=admin)
    assert caught.value.problems == {
        "deadline": "Only an open campaign's deadline can be extended."
    }


def test_it_closes_at_once(opened: Campaign, admin: User) -> None:
    lifecycle.close(opened, by=admin)
    opened.refresh_from_db()
    assert opened.status == Status.CLOSED
    assert opened.closed_at == NOW
    event = Event.objects.get(action=Action.CAMPAIGN_CLOSED)
    assert (event.actor, event.object_id, event.summary) == (admin, opened.pk, "Spring 360")


def test_it_refuses_answers_on_every_set_after_close(
    opened: Campaign, admin: User, people: dict[str, Person]
) -> None:
    answers = _self_set(opened, people["ben"])
    answers.record(TLMI, dict.fromkeys(TLMI.item_ids, 4))
    lifecycle.close(opened, by=admin)
    with pytest.raises(AnswersClosedError):
        answers.record(TLMI, {"env1": 2})
    with pytest.raises(AnswersClosedError):
        answers.submit(TLMI)
    answers.refresh_from_db()
    assert answers.answers["env1"] == 4
    assert not answers.is_submitted


def test_it_keeps_answering_closed_when_the_clock_runs_back(
    opened: Campaign, admin: User, people: dict[str, Person], clock: time_machine.Coordinates
) -> None:
    # Closing sets the end to the moment of closing, not to the later deadline.
    lifecycle.close(opened, by=admin)
    clock.shift(timedelta(days=1))
    assert _self_set(opened, people["ann"]).assessment.answers_until == NOW


def test_it_closes_only_an_open_campaign(draft: Campaign, admin: User) -> None:
    with pytest.raises(changes.SetupError) as caught:
        lifecycle.close(draft, by=admin)
    assert caught.value.problems == {"status": "Only an open campaign can be closed."}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
