"""Approving raters, and when their invitations go out: at once, or once a group is big enough."""

from __future__ import annotations

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from tests.web.campaigns.nominations.world import World, build, invite

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns import invitations, nominations, rating
from twofold.web.campaigns.models import Invitation, InvitationStatus, Status
from twofold.web.campaigns.signals import campaign_launched

pytestmark = pytest.mark.django_db

PEERS = ("quinn", "rae", "sam")


def approve(world: World, invitation: Invitation, group: str = "") -> Invitation:
    return nominations.decide(invitation, approve=True, by=world.users["mia"], group=group)


def invited(world: World) -> list[str]:
    """Who has been emailed, by address; the manager (invited at launch) left out."""
    manager = world.person("mia").email
    return sorted(a for message in mail.outbox for a in message.to if a != manager)


def sent_peers(world: World) -> list[Invitation]:
    for key in PEERS:
        approve(world, invite(world, key, "peers"))
    return list(world.participant.invitations.filter(group="peers").order_by("name"))


def test_it_records_who_decided_and_when(world: World) -> None:
    proposal = invite(world, "uma", "direct_reports")
    with time_machine.travel(timezone.now(), tick=False):
        decided = nominations.decide(proposal, approve=False, by=world.users["mia"])
        assert (decided.status, decided.decided_by, decided.decided_at) == (
            InvitationStatus.REJECTED,
            world.users["mia"],
            timezone.now(),
        )


def test_it_moves_a_rater_to_another_group_as_it_approves(world: World) -> None:
    proposal = invite(world, "uma", "peers")
    assert approve(world, proposal, group="direct_reports").group == "direct_reports"


def test_it_holds_an_anonymous_groups_invitations_until_its_threshold_is_approved(
    world: World,
) -> None:
    first, second, third = (invite(world, key, "peers") for key in PEERS)
    approve(world, first)
    approve(world, second)
    statuses = dict(world.participant.invitations.values_list("email", "status"))
    assert statuses["quinn@acme.example"] == statuses["rae@acme.example"] == "approved"
    assert invited(world) == []
    [held] = invitations.waiting(world.participant)
    assert (held.group, held.approved, held.threshold, held.needed) == ("peers", 2, 3, 1)

    approve(world, third)
    assert invitations.waiting(world.participant) == []
    assert invited(world) == ["quinn@acme.example", "rae@acme.example", "sam@acme.example"]
    for invitation in world.participant.invitations.filter(group="peers"):
        assert invitation.status == InvitationStatus.SENT
        assert invitation.sent_at is not None


def test_it_gives_each_sent_rater_answers_of_their_own(world: World) -> None:
    for key in PEERS:
        approve(world, invite(world, key, "peers"))
    campaign = world.campaign
    for invitation in world.participant.invitations.filter(group="peers"):
        answers = invitation.response_set
        assert isinstance(answers, ResponseSet)
        assert answers.assessment_id == world.participant.assessment_id
        assert answers.rater_role == "peers"
        assert (answers.instrument_id, answers.instrument_version) == (
            campaign.instrument_id,
            campaign.instrument_version,
        )
        assert answers.answers == {}
    # Self, the manager (sent with the first approval), and three peers.
    assert ResponseSet.objects.filter(assessment=world.participant.assessment).count() == 5


def test_it_sends_a_later_approval_of_a_group_that_has_gone_out_at_once(world: World) -> None:
    for key in PEERS:
        approve(world, invite(world, key, "peers"))
    mail.outbox.clear()
    approve(world, invite(world, "tia", "peers"))
    assert invited(world) == ["tia@acme.example"]


def test_it_leaves_a_rejected_rater_out_of_the_threshold(world: World) -> None:
    first, second, third = (invite(world, key, "peers") for key in PEERS)
    approve(world, first)
    approve(world, second)
    nominations.decide(third, approve=False, by=world.users["mia"])
    assert invited(world) == []
    approve(world, third)
    assert len(invited(world)) == 3


def test_it_can_still_reject_an_approved_rater_who_waits(world: World) -> None:
    waiting = approve(world, invite(world, "quinn", "peers"))
    assert nominations.decide(waiting, approve=False, by=world.users["mia"]).status == (
        InvitationStatus.REJECTED
    )


def test_it_cannot_change_a_decision_once_the_invitation_is_sent(world: World) -> None:
    sent = sent_peers(world)
    with pytest.raises(nominations.NominationError, match="invited already"):
        nominations.decide(sent[0], approve=False, by=world.users["mia"])


def test_it_follows_the_campaigns_threshold(db: None) -> None:
    thresholds = {"manager": 1, "peers": 4, "direct_reports": 3, "others": 3, "all": 4}
    world = build(policy={"scores": thresholds, "comments": thresholds})
    for key in PEERS:
        approve(world, invite(world, key, "peers"))
    assert invited(world) == []
    approve(world, invite(world, "tia", "peers"))
    assert len(invited(world)) == 4


def test_a_rater_the_manager_adds_waits_for_someone_else_to_approve(world: World) -> None:
    """Nobody both adds and approves a rater: else a manager could fill a group with
    addresses they control and read the one real rater's answers off its mean."""
    mia, ada = world.users["mia"], world.users["ada"]
    invitation = nominations.nominate(
        world.participant, group="others", by=mia, name="Xena Client", email="xena@client.example"
    )
    assert invitation.status == InvitationStatus.PROPOSED
    with pytest.raises(nominations.NominationError, match="You added Xena Client yourself"):
        nominations.decide(invitation, approve=True, by=mia)
    assert nominations.approve_all(world.participant, by=mia) == 0
    decided = nominations.decide(invitation, approve=True, by=ada)
    assert (decided.status, decided.decided_by, decided.nominated_by) == (
        InvitationStatus.APPROVED,
        ada,
        mia,
    )


def test_it_approves_every_proposal_at_once(world: World) -> None:
    for key in PEERS:
        invite(world, key, "peers")
    assert nominations.approve_all(world.participant, by=world.users["ada"]) == 3
    assert len(invited(world)) == 3
    assert set(
        world.participant.invitations.filter(group="peers").values_list("decided_by", flat=True)
    ) == {world.users["ada"].pk}


def test_it_sends_nothing_before_the_campaign_opens_and_everything_ready_when_it_does(
    db: None,
) -> None:
    world = build(status=Status.DRAFT)
    for key in PEERS:
        approve(world, invite(world, key, "peers"))
    assert invited(world) == []
    # What launching does before it tells the others.
    from twofold.web.assessments.services import start_self_assessment

    world.participant.assessment = start_self_assessment("Pat Participant").assessment
    world.participant.save(update_fields=["assessment"])
    world.campaign.status = Status.OPEN
    world.campaign.save(update_fields=["status"])
    campaign_launched.send(sender=type(world.campaign), campaign=world.campaign)
    raters = sorted(
        message.to[0]
        for message in mail.outbox
        if "feedback" in message.subject.lower() and message.to != ["pat@acme.example"]
    )
    assert raters == [
        "mia@acme.example",
        "quinn@acme.example",
        "rae@acme.example",
        "sam@acme.example",
    ]


def test_a_rater_who_declines_has_their_answers_deleted(world: World) -> None:
    sent = sent_peers(world)
    answers = sent[0].response_set
    assert answers is not None
    rating.decline(sent[0])
    sent[0].refresh_from_db()
    assert (sent[0].status, sent[0].response_set) == (InvitationStatus.DECLINED, None)
    assert not ResponseSet.objects.filter(pk=answers.pk).exists()
    rating.decline(sent[0])  # declining again changes nothing
    sent[0].refresh_from_db()
    assert sent[0].status == InvitationStatus.DECLINED


def test_a_rater_who_has_submitted_cannot_decline(world: World) -> None:
    sent = sent_peers(world)
    answers = sent[0].response_set
    assert answers is not None
    ResponseSet.objects.filter(pk=answers.pk).update(submitted_at=timezone.now())
    with pytest.raises(rating.CannotDeclineError):
        rating.decline(sent[0])
