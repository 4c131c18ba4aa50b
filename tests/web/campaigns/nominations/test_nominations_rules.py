"""The rules of a participant's list: who may be on it, and when it may be submitted."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from tests.web.campaigns.nominations.world import World, build, invite

from twofold.web.campaigns import nominations
from twofold.web.campaigns.models import Campaign, InvitationStatus, Status
from twofold.web.organisations.models import Organisation, Person

pytestmark = pytest.mark.django_db


def propose(world: World, key: str | None = None, group: str = "peers", **rater: str):
    person_id = world.person(key).pk if key else None
    return nominations.nominate(
        world.participant, group=group, by=world.users["pat"], person_id=person_id, **rater
    )


def test_it_proposes_a_colleague_who_then_waits_for_a_decision(world: World) -> None:
    invitation = propose(world, "quinn")
    assert invitation.status == InvitationStatus.PROPOSED
    assert (invitation.person, invitation.name, invitation.email) == (
        world.person("quinn"),
        "Quinn Peer",
        "quinn@acme.example",
    )
    assert invitation.nominated_by == world.users["pat"]
    assert invitation.response_set is None


def test_it_never_lets_the_participant_rate_themself(world: World) -> None:
    with pytest.raises(nominations.NominationError, match="Pat Participant is the person"):
        propose(world, "pat")
    with pytest.raises(nominations.NominationError) as caught:
        propose(world, name="Me Again", email=" PAT@acme.example ")
    assert caught.value.field == "email"


def test_it_never_takes_the_same_email_twice(world: World) -> None:
    propose(world, name="Xena Client", email="xena@client.example", group="others")
    with pytest.raises(nominations.NominationError, match="Xena Client is already on the list"):
        propose(world, name="X. Client", email="  XENA@Client.example", group="peers")
    assert world.participant.invitations.filter(email="xena@client.example").count() == 1


def test_it_says_the_manager_is_invited_already(world: World) -> None:
    with pytest.raises(nominations.NominationError, match="already invited, as the manager"):
        propose(world, "mia")


def test_it_says_why_a_rater_asked_before_a_release_cannot_be_asked_again(
    world: World,
) -> None:
    invite(world, "quinn", "peers", InvitationStatus.CLOSED)
    with pytest.raises(nominations.NominationError, match="asked before the results were"):
        propose(world, "quinn")


def test_it_says_a_rejected_rater_was_not_approved(world: World) -> None:
    invite(world, "quinn", "peers", InvitationStatus.REJECTED)
    with pytest.raises(nominations.NominationError, match="proposed already and not approved"):
        propose(world, "quinn")


def test_it_takes_an_external_rater_by_name_and_email(world: World) -> None:
    invitation = propose(world, name=" Xena Client ", email="Xena@Client.example", group="others")
    assert (invitation.person, invitation.name, invitation.email) == (
        None,
        "Xena Client",
        "xena@client.example",
    )


def test_it_nominates_the_colleague_an_external_address_belongs_to(world: World) -> None:
    invitation = propose(world, name="Q", email="QUINN@acme.example")
    assert invitation.person == world.person("quinn")
    assert invitation.name == "Quinn Peer"


@pytest.mark.parametrize("email", ["xena", "xena@", "xena@client", "xena client@example.org"])
def test_it_explains_an_address_that_is_not_one(world: World, email: str) -> None:
    with pytest.raises(nominations.NominationError) as caught:
        propose(world, name="Xena Client", email=email)
    assert caught.value.field == "email"
    assert "is not an email address" in caught.value.message
    assert "name@example.org" in caught.value.message


def test_it_asks_for_an_external_raters_name(world: World) -> None:
    with pytest.raises(nominations.NominationError) as caught:
        propose(world, name="  ", email="xena@client.example")
    assert caught.value.field == "name"


def test_it_refuses_a_person_of_another_organisation(world: World) -> None:
    other = Organisation.objects.create(name="Other", slug="other")
    stranger = Person.objects.create(organisation=other, name="Stranger", email="s@other.example")
    with pytest.raises(nominations.NominationError, match="not in this organisation"):
        nominations.nominate(
            world.participant, group="peers", by=world.users["pat"], person_id=stranger.pk
        )


def test_it_nominates_no_second_manager(world: World) -> None:
    with pytest.raises(nominations.NominationError) as caught:
        propose(world, "bea", group="manager")
    assert caught.value.field == "group"


def test_it_takes_no_nominations_after_the_deadline(world: World) -> None:
    with (
        time_machine.travel(world.campaign.deadline + timedelta(minutes=1)),
        pytest.raises(nominations.NominationError, match="no longer takes nominations"),
    ):
        propose(world, "quinn")


def test_it_takes_nominations_for_a_draft(db: None) -> None:
    draft = build(status=Status.DRAFT)
    assert propose(draft, "quinn").status == InvitationStatus.PROPOSED


def test_it_lets_the_participant_change_a_proposal_until_it_is_decided(world: World) -> None:
    invitation = propose(world, "uma", group="peers")
    moved = nominations.regroup(invitation, "direct_reports")
    assert moved.group == "direct_reports"
    nominations.decide(moved, approve=False, by=world.users["mia"])
    with pytest.raises(nominations.NominationError, match="decided on already"):
        nominations.regroup(moved, "peers")
    with pytest.raises(nominations.NominationError, match="decided on already"):
        nominations.withdraw(moved)


def test_it_withdraws_an_undecided_proposal(world: World) -> None:
    invitation = propose(world, "uma", group="direct_reports")
    nominations.withdraw(invitation)
    assert not world.participant.invitations.filter(email="uma@acme.example").exists()


def complete_list(world: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")


def test_it_submits_a_list_that_keeps_the_rules(world: World) -> None:
    complete_list(world)
    with time_machine.travel(timezone.now(), tick=False):
        assert nominations.submit(world.participant) == []
        world.participant.refresh_from_db()
        assert world.participant.nominations_submitted_at == timezone.now()


def test_it_checks_the_fewest_when_the_list_is_submitted(world: World) -> None:
    Campaign.objects.filter(pk=world.campaign.pk).update(
        nomination_limits={"peers": [4, 8], "direct_reports": [0, 10], "others": [0, 5]}
    )
    world.participant.campaign.refresh_from_db()
    complete_list(world)
    assert nominations.submit(world.participant) == [
        "This campaign asks for at least 4 peers (you have nominated 3)."
    ]
    world.participant.refresh_from_db()
    assert world.participant.nominations_submitted_at is None


def test_it_checks_the_most_when_the_list_is_submitted(world: World) -> None:
    complete_list(world)
    for key in ("uma", "vic", "wes"):
        invite(world, key, "others")
    Campaign.objects.filter(pk=world.campaign.pk).update(
        nomination_limits={"peers": [3, 8], "direct_reports": [0, 10], "others": [0, 2]}
    )
    world.participant.campaign.refresh_from_db()
    assert nominations.problems(world.participant) == [
        "This campaign asks for at most 2 other raters (you have nominated 3)."
    ]


def test_it_asks_for_none_or_at_least_the_threshold_of_an_anonymous_group(world: World) -> None:
    complete_list(world)
    invite(world, "uma", "direct_reports")
    invite(world, "vic", "direct_reports")
    assert nominations.problems(world.participant) == [
        "So that nobody can tell direct reports' answers apart, nominate at least "
        "3 direct reports, or none (you have nominated 2)."
    ]
    invite(world, "wes", "direct_reports")
    assert nominations.problems(world.participant) == []


def test_it_says_the_peers_rule_in_plain_words(world: World) -> None:
    Campaign.objects.filter(pk=world.campaign.pk).update(
        nomination_limits={"peers": [0, 8], "direct_reports": [0, 10], "others": [0, 5]}
    )
    world.participant.campaign.refresh_from_db()
    invite(world, "quinn", "peers")
    assert nominations.problems(world.participant) == [
        "So that nobody can tell peers' answers apart, nominate at least 3 peers, "
        "or none (you have nominated 1)."
    ]


def test_it_asks_for_the_threshold_when_the_campaigns_fewest_is_lower(world: World) -> None:
    Campaign.objects.filter(pk=world.campaign.pk).update(
        nomination_limits={"peers": [2, 8], "direct_reports": [0, 10], "others": [0, 5]}
    )
    world.participant.campaign.refresh_from_db()
    invite(world, "quinn", "peers")
    invite(world, "rae", "peers")
    assert nominations.problems(world.participant) == [
        "So that nobody can tell peers' answers apart, nominate at least 3 peers "
        "(you have nominated 2)."
    ]


def test_it_follows_the_campaigns_own_threshold(db: None) -> None:
    world = build(
        policy={
            "scores": {"manager": 1, "peers": 4, "direct_reports": 3, "others": 3, "all": 4},
            "comments": {"manager": 1, "peers": 4, "direct_reports": 3, "others": 3, "all": 4},
        }
    )
    complete_list(world)
    assert nominations.problems(world.participant) == [
        "So that nobody can tell peers' answers apart, nominate at least 4 peers "
        "(you have nominated 3)."
    ]


def test_it_leaves_rejected_raters_out_of_the_count(world: World) -> None:
    complete_list(world)
    invite(world, "tia", "peers", InvitationStatus.REJECTED)
    assert nominations.counts(world.participant)["peers"] == 3


def test_it_takes_a_submitted_list_back_when_the_participant_changes_it(world: World) -> None:
    complete_list(world)
    assert nominations.submit(world.participant) == []
    propose(world, "tia")
    world.participant.refresh_from_db()
    assert world.participant.nominations_submitted_at is None


def test_it_keeps_a_list_submitted_when_the_manager_adds_to_it(world: World) -> None:
    complete_list(world)
    assert nominations.submit(world.participant) == []
    nominations.nominate(
        world.participant,
        group="peers",
        by=world.users["mia"],
        person_id=world.person("tia").pk,
    )
    world.participant.refresh_from_db()
    assert world.participant.nominations_submitted_at is not None


def test_it_gives_the_manager_the_managers_role_on_submission(world: World) -> None:
    world.users["mia"].memberships.update(role="participant")
    complete_list(world)
    nominations.submit(world.participant)
    assert world.users["mia"].memberships.get().role == "manager"


def test_it_suggests_direct_reports_and_team_mates(world: World) -> None:
    invite(world, "quinn", "peers")
    suggested = nominations.suggestions(world.participant)
    assert [p.name for p in suggested["direct_reports"]] == [
        "Uma Report",
        "Vic Report",
        "Wes Report",
    ]
    assert [p.name for p in suggested["peers"]] == ["Rae Peer", "Sam Peer", "Tia Peer"]


@pytest.mark.parametrize(
    "email", ["pat+kofi@acme.example", '"pat"@acme.example', "PAT+x@Acme.example"]
)
def test_it_refuses_the_participants_own_mailbox_under_another_form(
    world: World, email: str
) -> None:
    with pytest.raises(nominations.NominationError, match="the person being assessed"):
        propose(world, name="Kofi Asante", email=email)
