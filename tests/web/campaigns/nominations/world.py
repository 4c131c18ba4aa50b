"""A small organisation with one open campaign, built straight from the models.

The org chart::

    Bea Boss (manager)
    └── Mia Manager (manager)                     team Ops
        ├── Pat Participant  ← assessed           team Ops
        │   ├── Uma Report, Vic Report, Wes Report
        ├── Quinn Peer, Rae Peer, Sam Peer, Tia Peer   team Ops
    Oscar Other (manager of another line)
    └── Nia Elsewhere
    Ada Admin (administrator)

As the campaign's launch leaves it: Pat has an assessment with a self
response set and an account, and Mia is invited as "manager", approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from twofold.content import builtin_instrument
from twofold.web.accounts.models import Role
from twofold.web.accounts.services import ensure_membership
from twofold.web.assessments.services import start_self_assessment
from twofold.web.campaigns.models import (
    Campaign,
    Group,
    Invitation,
    InvitationStatus,
    Participant,
    Status,
)
from twofold.web.organisations.models import Organisation, Person, Team

ROLES = {
    "ada": Role.ADMIN,
    "bea": Role.MANAGER,
    "mia": Role.MANAGER,
    "oscar": Role.MANAGER,
    "pat": Role.PARTICIPANT,
    "nia": Role.PARTICIPANT,
}


@dataclass
class World:
    organisation: Organisation
    campaign: Campaign
    participant: Participant
    people: dict[str, Person] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def person(self, key: str) -> Person:
        return self.people[key]

    @property
    def nominations_url(self) -> str:
        return (
            f"/o/{self.organisation.slug}/campaigns/{self.campaign.pk}"
            f"/participants/{self.participant.pk}/nominations/"
        )


def build(
    *,
    status: str = Status.OPEN,
    deadline: datetime | None = None,
    slug: str = "acme",
    **campaign: object,
) -> World:
    """The organisation above, with Pat taking part in an open campaign."""
    organisation = Organisation.objects.create(name=f"{slug.title()} Ltd", slug=slug)
    ops = Team.objects.create(organisation=organisation, name="Ops")
    people: dict[str, Person] = {}

    def person(key: str, name: str, manager: str | None = None, team: Team | None = None) -> None:
        people[key] = Person.objects.create(
            organisation=organisation,
            name=name,
            email=f"{key}@{slug}.example",
            manager=people[manager] if manager else None,
            team=team,
        )

    person("bea", "Bea Boss")
    person("mia", "Mia Manager", "bea", ops)
    person("pat", "Pat Participant", "mia", ops)
    for key in ("uma", "vic", "wes"):
        person(key, f"{key.title()} Report", "pat")
    for key in ("quinn", "rae", "sam", "tia"):
        person(key, f"{key.title()} Peer", "mia", ops)
    person("oscar", "Oscar Other")
    person("nia", "Nia Elsewhere", "oscar")
    person("ada", "Ada Admin")
    users = {key: ensure_membership(people[key], role)[0].user for key, role in ROLES.items()}

    instrument = builtin_instrument("tlmi")
    opened = status != Status.DRAFT
    found = Campaign.objects.create(
        organisation=organisation,
        name="Spring 360",
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        status=status,
        deadline=deadline or timezone.now() + timedelta(days=14),
        opened_at=timezone.now() if opened else None,
        **campaign,
    )
    participant = Participant.objects.create(campaign=found, person=people["pat"])
    if opened:
        participant.assessment = start_self_assessment(people["pat"].name).assessment
        participant.save(update_fields=["assessment"])
        found.sync_answer_window()
    manager = people["mia"]
    Invitation.objects.create(
        participant=participant,
        group=Group.MANAGER,
        person=manager,
        name=manager.name,
        email=manager.email,
        status=InvitationStatus.APPROVED,
    )
    return World(organisation, found, participant, people, users)


def invite(
    world: World, key: str, group: str, status: str = InvitationStatus.PROPOSED
) -> Invitation:
    """Put a colleague on Pat's list directly, in the given state."""
    person = world.person(key)
    return Invitation.objects.create(
        participant=world.participant,
        group=group,
        person=person,
        name=person.name,
        email=person.email,
        status=status,
        nominated_by=world.users["pat"],
    )
