"""Reminders: scheduled at launch, sent on their days to whoever has not finished, once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from tests.web.campaigns.nominations.backend import RunNowOrLater
from tests.web.campaigns.nominations.world import World, build, invite

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns import nominations, rating, tasks
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus, Status
from twofold.web.campaigns.signals import campaign_launched, deadline_extended

pytestmark = pytest.mark.django_db

LAUNCH = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
DEADLINE = datetime(2027, 3, 19, 17, 0, tzinfo=UTC)
# The campaign's default reminder days are 7 and 2 days before the deadline, at 09:00.
SEVEN_DAYS_BEFORE = datetime(2027, 3, 12, 9, 0, tzinfo=UTC)
TWO_DAYS_BEFORE = datetime(2027, 3, 17, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(LAUNCH, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db: None, clock: time_machine.Coordinates) -> World:
    """Launched: Pat, Mia (manager) and three peers invited, nobody has answered."""
    found = build(deadline=DEADLINE)
    campaign_launched.send(sender=Campaign, campaign=found.campaign)
    for key in ("quinn", "rae", "sam"):
        invite(found, key, "peers")
    nominations.approve_all(found.participant, by=found.users["mia"])
    mail.outbox.clear()
    return found


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def submit(world: World, email: str) -> None:
    answers = world.participant.invitations.get(email=email).response_set
    assert answers is not None
    ResponseSet.objects.filter(pk=answers.pk).update(submitted_at=LAUNCH)


def test_it_schedules_one_reminder_task_per_reminder_day_at_launch(
    world: World, tasks_backend: RunNowOrLater
) -> None:
    scheduled = sorted((item.run_after, item.args) for item in tasks_backend.later)
    assert scheduled == [
        (SEVEN_DAYS_BEFORE, [world.campaign.pk, 7]),
        (TWO_DAYS_BEFORE, [world.campaign.pk, 2]),
    ]


def test_it_skips_reminder_days_already_past(
    db: None, clock: time_machine.Coordinates, tasks_backend: RunNowOrLater
) -> None:
    clock.move_to(datetime(2027, 3, 12, 10, 0, tzinfo=UTC))
    late = build(deadline=DEADLINE)
    campaign_launched.send(sender=Campaign, campaign=late.campaign)
    assert [item.run_after for item in tasks_backend.later] == [TWO_DAYS_BEFORE]


def test_it_reminds_only_those_who_have_not_finished(
    world: World, clock: time_machine.Coordinates, tasks_backend: RunNowOrLater
) -> None:
    submit(world, "quinn@acme.example")
    rating.decline(world.participant.invitations.get(email="rae@acme.example"))
    clock.move_to(SEVEN_DAYS_BEFORE)
    tasks_backend.run_due()
    # Sam and Mia have not answered; Pat has not finished their self-assessment.
    assert recipients() == ["mia@acme.example", "pat@acme.example", "sam@acme.example"]
    reminders = {m.to[0]: m for m in mail.outbox}
    assert reminders["sam@acme.example"].subject == "Reminder: your feedback for Pat Participant"
    assert reminders["pat@acme.example"].subject == "Reminder: your self-assessment for Spring 360"
    sam = world.participant.invitations.get(email="sam@acme.example")
    assert sam.reminded_at == SEVEN_DAYS_BEFORE


def test_it_leaves_a_participant_who_has_assessed_themself_alone(
    world: World, clock: time_machine.Coordinates, tasks_backend: RunNowOrLater
) -> None:
    assessment = world.participant.assessment
    assert assessment is not None
    assessment.response_sets.filter(rater_role="self").update(submitted_at=LAUNCH)
    clock.move_to(SEVEN_DAYS_BEFORE)
    tasks_backend.run_due()
    assert "pat@acme.example" not in recipients()


def test_a_reminder_says_nothing_of_who_else_has_answered(
    world: World, clock: time_machine.Coordinates, tasks_backend: RunNowOrLater
) -> None:
    submit(world, "quinn@acme.example")
    clock.move_to(SEVEN_DAYS_BEFORE)
    tasks_backend.run_due()
    [message] = [m for m in mail.outbox if m.to == ["sam@acme.example"]]
    for other in ("Quinn", "Rae", "Mia", "answered yet"):
        assert other not in message.body
    token = world.participant.invitations.get(email="sam@acme.example").token
    assert f"https://twofold.example.org/rate/{token}/" in message.body


def test_a_reminder_task_does_nothing_on_another_day(
    world: World, clock: time_machine.Coordinates
) -> None:
    clock.move_to(SEVEN_DAYS_BEFORE - timedelta(days=1))
    assert tasks.send_reminders.call(world.campaign.pk, 7) == 0
    assert mail.outbox == []


def test_it_sends_no_reminder_once_the_campaign_has_closed(
    world: World, clock: time_machine.Coordinates, tasks_backend: RunNowOrLater
) -> None:
    Campaign.objects.filter(pk=world.campaign.pk).update(status=Status.CLOSED)
    clock.move_to(SEVEN_DAYS_BEFORE)
    assert tasks_backend.run_due() == [0]
    assert mail.outbox == []


def test_a_moved_deadline_makes_the_old_reminders_do_nothing(
    world: World, clock: time_machine.Coordinates, tasks_backend: RunNowOrLater
) -> None:
    clock.move_to(datetime(2027, 3, 5, 12, 0, tzinfo=UTC))
    world.campaign.deadline = DEADLINE + timedelta(days=7)
    world.campaign.save(update_fields=["deadline"])
    deadline_extended.send(sender=Campaign, campaign=world.campaign)
    assert len(tasks_backend.later) == 4

    for old_day in (SEVEN_DAYS_BEFORE, TWO_DAYS_BEFORE):
        clock.move_to(old_day)
        assert tasks_backend.run_due() == [0]
    assert mail.outbox == []

    clock.move_to(SEVEN_DAYS_BEFORE + timedelta(days=7))
    assert tasks_backend.run_due() == [5]
    assert len(mail.outbox) == 5


def test_two_reminders_due_on_one_day_send_one_email_each(
    world: World, clock: time_machine.Coordinates, tasks_backend: RunNowOrLater
) -> None:
    # The deadline moves by an hour: old and new reminders fall on the same days.
    world.campaign.deadline = DEADLINE + timedelta(hours=1)
    world.campaign.save(update_fields=["deadline"])
    deadline_extended.send(sender=Campaign, campaign=world.campaign)
    clock.move_to(SEVEN_DAYS_BEFORE)
    tasks_backend.run_due()
    assert recipients() == [
        "mia@acme.example",
        "pat@acme.example",
        "quinn@acme.example",
        "rae@acme.example",
        "sam@acme.example",
    ]


def test_a_task_run_twice_sends_once(world: World, clock: time_machine.Coordinates) -> None:
    clock.move_to(SEVEN_DAYS_BEFORE)
    sam = world.participant.invitations.get(email="sam@acme.example")
    assert tasks.remind_rater.call(sam.pk) is True
    assert tasks.remind_rater.call(sam.pk) is False
    assert tasks.remind_participant.call(world.participant.pk) is True
    assert tasks.remind_participant.call(world.participant.pk) is False
    assert recipients() == ["pat@acme.example", "sam@acme.example"]
    tasks.send_reminders.call(world.campaign.pk, 7)
    tasks.send_reminders.call(world.campaign.pk, 7)
    assert recipients() == [
        "mia@acme.example",
        "pat@acme.example",
        "quinn@acme.example",
        "rae@acme.example",
        "sam@acme.example",
    ]
    # Sent at launch, or with the approvals: running them again sends nothing.
    assert tasks.email_invitation.call(sam.pk) is False
    assert tasks.email_participant_opening.call(world.participant.pk) is False
    assert len(mail.outbox) == 5


def test_it_reminds_again_on_the_next_reminder_day(
    world: World, clock: time_machine.Coordinates, tasks_backend: RunNowOrLater
) -> None:
    clock.move_to(SEVEN_DAYS_BEFORE)
    tasks_backend.run_due()
    clock.move_to(TWO_DAYS_BEFORE)
    tasks_backend.run_due()
    assert recipients().count("sam@acme.example") == 2


def test_it_gives_the_claim_back_when_sending_fails(
    world: World, clock: time_machine.Coordinates
) -> None:
    clock.move_to(SEVEN_DAYS_BEFORE)
    sam = world.participant.invitations.get(email="sam@acme.example")
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("mail server down")),
        pytest.raises(OSError, match="mail server down"),
    ):
        tasks.remind_rater.call(sam.pk)
    sam.refresh_from_db()
    assert sam.reminded_at is None
    assert tasks.remind_rater.call(sam.pk) is True
    assert recipients() == ["sam@acme.example"]


def test_it_sends_an_invitation_once_and_none_after_the_deadline(
    world: World, clock: time_machine.Coordinates
) -> None:
    nominations.nominate(
        world.participant, group="peers", by=world.users["mia"], person_id=world.person("tia").pk
    )
    nominations.approve_all(world.participant, by=world.users["ada"])
    tia = world.participant.invitations.get(email="tia@acme.example")
    assert tia.status == InvitationStatus.SENT
    assert tia.sent_at == LAUNCH
    assert tasks.email_invitation.call(tia.pk) is False
    assert recipients() == ["tia@acme.example"]
    clock.move_to(DEADLINE)
    Invitation.objects.filter(pk=tia.pk).update(sent_at=None)
    assert tasks.email_invitation.call(tia.pk) is False
