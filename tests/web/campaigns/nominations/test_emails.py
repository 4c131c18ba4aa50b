"""What each email of a campaign says, and to whom: links, deadline, anonymity, nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from tests.web.campaigns.nominations.conftest import SITE_URL
from tests.web.campaigns.nominations.world import World, build, invite

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns import nominations, tasks
from twofold.web.campaigns.models import InvitationStatus
from twofold.web.campaigns.signals import campaign_launched

pytestmark = pytest.mark.django_db

DEADLINE = datetime(2027, 3, 19, 17, 0, tzinfo=UTC)


@pytest.fixture
def world(db: None) -> Iterator[World]:
    with time_machine.travel(datetime(2027, 3, 1, 10, 0, tzinfo=UTC)):
        yield build(deadline=DEADLINE)


def launch(world: World) -> None:
    campaign_launched.send(sender=type(world.campaign), campaign=world.campaign)


def to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def send_peers(world: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    nominations.approve_all(world.participant, by=world.users["mia"])


def html(message: mail.EmailMessage) -> str:
    assert isinstance(message, mail.EmailMultiAlternatives)
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return str(content)


def test_it_invites_a_peer_with_their_own_link_and_how_they_are_protected(world: World) -> None:
    send_peers(world)
    [message] = to("quinn@acme.example")
    quinn = world.participant.invitations.get(email="quinn@acme.example")
    assert message.subject == "Pat Participant would value your feedback"
    body = message.body
    assert "Hello Quinn Peer," in body
    assert "Pat Participant would value your feedback, as a peer, in “Spring 360”" in body
    assert f"{SITE_URL}/rate/{quinn.token}/\n" in body
    assert "Please answer by Friday 19 March 2027, 17:00 UTC." in body
    assert "only once at least 3 peers have answered" in body
    assert "the manager's answers are shown as the manager's" in body
    assert f"{SITE_URL}/rate/{quinn.token}/decline/" in body
    assert f'href="{SITE_URL}/rate/{quinn.token}/"' in html(message)


def test_it_tells_the_manager_their_answers_are_shown_as_the_managers(world: World) -> None:
    launch(world)
    [message] = [m for m in to("mia@acme.example") if "feedback" in m.subject]
    assert "You are asked for your feedback about Pat Participant, as their manager" in message.body
    assert "they are not anonymous" in message.body
    assert "only once at least" not in message.body


def test_it_names_whoever_added_a_rater_as_the_one_who_asked(world: World) -> None:
    launch(world)
    nominations.nominate(
        world.participant,
        group="others",
        by=world.users["mia"],
        name="Xena Client",
        email="xena@client.example",
    )
    for key in ("uma", "vic"):
        nominations.nominate(
            world.participant,
            group="others",
            by=world.users["mia"],
            person_id=world.person(key).pk,
        )
    nominations.approve_all(world.participant, by=world.users["ada"])
    [message] = to("xena@client.example")
    assert (
        "Mia Manager asks for your feedback about Pat Participant, as someone who works with them"
        in message.body
    )


def test_it_puts_no_answers_and_no_other_raters_in_a_raters_email(world: World) -> None:
    send_peers(world)
    sam = world.participant.invitations.get(email="sam@acme.example")
    assert sam.response_set is not None
    ResponseSet.objects.filter(pk=sam.response_set.pk).update(answers={"env1": 5})
    mail.outbox.clear()
    invite(world, "tia", "peers")
    nominations.approve_all(world.participant, by=world.users["mia"])
    [message] = to("tia@acme.example")
    for text in (message.body, html(message)):
        for other in ("Quinn", "Rae", "Sam", "quinn@", "env1"):
            assert other not in text


def test_it_tells_a_participant_at_launch_where_to_assess_themself_and_choose_raters(
    world: World,
) -> None:
    launch(world)
    [message] = to("pat@acme.example")
    self_token = world.participant.assessment.self_response_set().respond_token
    nominations_url = (
        f"{SITE_URL}/o/acme/campaigns/{world.campaign.pk}"
        f"/participants/{world.participant.pk}/nominations/"
    )
    assert message.subject == "Your 360 feedback: Spring 360"
    assert f"{SITE_URL}/respond/{self_token}/\n" in message.body
    assert f"{nominations_url}\n" in message.body
    assert "Answers close on Friday 19 March 2027, 17:00 UTC." in message.body
    assert "- 3 to 8 peers\n- none, or 3 to 10 direct reports\n" in message.body
    assert "Your manager, Mia Manager, is invited already." in message.body
    assert f'href="{nominations_url}"' in html(message)


def test_it_tells_the_manager_that_a_submitted_list_waits_for_them(world: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    assert nominations.submit(world.participant) == []
    [message] = to("mia@acme.example")
    assert message.subject == "Pat Participant's raters wait for your approval"
    assert "Pat Participant has proposed 3 raters for “Spring 360”" in message.body
    assert f"{SITE_URL}/o/acme/approvals/\n" in message.body


def test_it_asks_the_administrators_when_there_is_no_manager(world: World) -> None:
    world.person("pat").manager = None
    world.person("pat").save()
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    assert nominations.submit(world.participant) == []
    assert [m.to for m in mail.outbox] == [["ada@acme.example"]]


def test_it_tells_the_approvers_once_per_submission(world: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    nominations.submit(world.participant)
    nominations.submit(world.participant)
    assert tasks.email_approvers.call(world.participant.pk) is False
    assert len(mail.outbox) == 1
    nominations.nominate(
        world.participant, group="peers", by=world.users["pat"], person_id=world.person("tia").pk
    )
    nominations.submit(world.participant)
    assert len(mail.outbox) == 2


def test_it_tells_nobody_when_nothing_waits_for_a_decision(world: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers", InvitationStatus.APPROVED)
    nominations.submit(world.participant)
    assert not any("approval" in m.subject for m in mail.outbox)
