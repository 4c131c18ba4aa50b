"""lifecycle.launch: a draft opens, and each participant is ready to be assessed."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from tests.web.campaigns.helpers import DEADLINE, NOW, participant_of

from twofold.web.accounts.models import Membership, Role
from twofold.web.assessments.models import Assessment, RaterRole
from twofold.web.audit.models import Action, Event
from twofold.web.campaigns import campaign_settings, changes, draft_participants, lifecycle
from twofold.web.campaigns.models import Campaign, Group, Invitation, InvitationStatus, Status
from twofold.web.campaigns.signals import campaign_launched
from twofold.web.organisations.models import Person


def test_it_opens_the_campaign(draft: Campaign, admin: User) -> None:
    lifecycle.launch(draft, by=admin)
    draft.refresh_from_db()
    assert draft.status == Status.OPEN
    assert draft.opened_at == NOW


def test_it_gives_each_participant_an_assessment_of_the_pinned_instrument(
    opened: Campaign, people: dict[str, Person]
) -> None:
    ann = participant_of(opened, people["ann"])
    assessment = ann.assessment
    assert assessment is not None
    assert assessment.subject_name == "Ann Archer"
    assert assessment.instrument_ref == opened.instrument_ref == "tlmi@1.0"
    assert assessment.answers_until == DEADLINE
    assert Assessment.objects.count() == 3


def test_it_gives_each_participant_a_self_response_set(opened: Campaign) -> None:
    for participant in opened.participants.all():
        assert participant.assessment is not None
        self_set = participant.assessment.self_response_set()
        assert self_set.rater_role == RaterRole.SELF
        assert self_set.instrument_ref == "tlmi@1.0"
        assert not self_set.is_submitted


def test_it_invites_each_participants_manager_from_the_org_chart(
    opened: Campaign, people: dict[str, Person]
) -> None:
    invitations = Invitation.objects.filter(participant__campaign=opened).order_by("name", "pk")
    assert [(i.participant.person.name, i.name) for i in invitations] == [
        ("Ann Archer", "Mia Moreau"),
        ("Ben Baker", "Mia Moreau"),
        ("Dan Dias", "Olu Okafor"),
    ]
    for invitation in invitations:
        assert invitation.group == Group.MANAGER
        # Approved by the org chart, and sent as the campaign opens.
        assert invitation.status == InvitationStatus.SENT
        assert invitation.response_set is not None
        assert invitation.person == people[invitation.name.split()[0].lower()]
        assert invitation.email == invitation.person.email


def test_it_invites_no_manager_for_someone_without_one(
    org: object, people: dict[str, Person], admin: User
) -> None:
    campaign = campaign_settings.create_campaign(
        people["zoe"].organisation, "Top", DEADLINE, by=admin
    )
    draft_participants.add_participants(campaign, [people["zoe"]])
    lifecycle.launch(campaign, by=admin)
    assert not Invitation.objects.filter(participant__campaign=campaign).exists()


def test_it_gives_participants_and_managers_accounts_with_their_roles(
    opened: Campaign, people: dict[str, Person]
) -> None:
    roles = {m.person.name: m.role for m in Membership.objects.filter(person__isnull=False)}
    assert roles == {
        "Ann Archer": Role.PARTICIPANT,
        "Ben Baker": Role.PARTICIPANT,
        "Dan Dias": Role.PARTICIPANT,
        "Mia Moreau": Role.MANAGER,
        "Olu Okafor": Role.MANAGER,
    }


def test_it_writes_the_roles_it_gives_to_the_audit_log(opened: Campaign, admin: User) -> None:
    given = Event.objects.filter(action=Action.ROLE_CHANGED).order_by("summary")
    assert [e.summary for e in given] == [
        "ann@acme.example: given the role Participant (Spring 360 launched)",
        "ben@acme.example: given the role Participant (Spring 360 launched)",
        "dan@acme.example: given the role Participant (Spring 360 launched)",
        "mia@acme.example: given the role Manager (Spring 360 launched)",
        "olu@acme.example: given the role Manager (Spring 360 launched)",
    ]
    assert {e.actor for e in given} == {admin}


def test_it_never_lowers_an_existing_role(
    draft: Campaign, admin: User, manager: User, people: dict[str, Person]
) -> None:
    draft_participants.add_participants(draft, [people["mia"]])
    lifecycle.launch(draft, by=admin)
    # Mia is a manager and now a participant too: she keeps the role that sees more.
    assert manager.memberships.get().role == Role.MANAGER


def test_it_records_the_opening_in_the_audit_log(opened: Campaign, admin: User) -> None:
    event = Event.objects.get(action=Action.CAMPAIGN_OPENED)
    assert event.actor == admin
    assert (event.object_type, event.object_id) == ("campaign", opened.pk)
    assert event.summary == "Spring 360: 3 participants, answers until 2027-03-15 09:00 UTC"


def test_it_tells_the_invitations_the_campaign_opened(draft: Campaign, admin: User) -> None:
    heard = []

    def receiver(sender: object, campaign: Campaign, **kwargs: object) -> None:
        # Everything is in place when the signal arrives.
        heard.append((campaign.pk, campaign.status, Invitation.objects.count()))

    campaign_launched.connect(receiver)
    try:
        lifecycle.launch(draft, by=admin)
    finally:
        campaign_launched.disconnect(receiver)
    assert heard == [(draft.pk, Status.OPEN, 3)]


def test_it_undoes_everything_when_a_receiver_fails(draft: Campaign, admin: User) -> None:
    def receiver(sender: object, **kwargs: object) -> None:
        raise RuntimeError("the mail queue is down")

    campaign_launched.connect(receiver)
    try:
        with pytest.raises(RuntimeError):
            lifecycle.launch(draft, by=admin)
    finally:
        campaign_launched.disconnect(receiver)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not Assessment.objects.exists()
    assert not Invitation.objects.exists()


def test_it_refuses_a_campaign_without_participants(org: object, admin: User) -> None:
    campaign = campaign_settings.create_campaign(
        admin.memberships.get().organisation, "Empty", DEADLINE
    )
    with pytest.raises(changes.SetupError) as caught:
        lifecycle.launch(campaign, by=admin)
    assert caught.value.problems == {"participants": "Add at least one participant."}
    campaign.refresh_from_db()
    assert campaign.status == Status.DRAFT


def test_it_refuses_a_deadline_that_has_passed(
    draft: Campaign, admin: User, clock: time_machine.Coordinates
) -> None:
    clock.shift(timedelta(days=15))
    with pytest.raises(changes.SetupError) as caught:
        lifecycle.launch(draft, by=admin)
    assert caught.value.problems == {"deadline": "Choose a time in the future."}
    assert not Assessment.objects.exists()


def test_it_refuses_to_launch_twice(opened: Campaign, admin: User) -> None:
    with pytest.raises(changes.SetupError) as caught:
        lifecycle.launch(opened, by=admin)
    assert caught.value.problems == {"status": "This campaign has already been launched."}
    assert Assessment.objects.count() == 3


def test_it_refuses_an_instrument_version_no_longer_installed(draft: Campaign, admin: User) -> None:
    Campaign.objects.filter(pk=draft.pk).update(instrument_version="0.9")
    draft.refresh_from_db()
    with pytest.raises(changes.SetupError) as caught:
        lifecycle.launch(draft, by=admin)
    assert "version 0.9" in caught.value.problems["instrument"]
    assert "version 1.0" in caught.value.problems["instrument"]
