"""Fixtures of the campaign tests: an organisation, its people, and an account per role.

Acme has eight people in two teams, and a manager line::

    Zoe Zhang (director, Operations)
    ├── Mia Moreau (manager, Product): Ann Archer, Ben Baker, Cat Cohen
    └── Olu Okafor (manager, Operations): Dan Dias, Eve Evans

Accounts, one per role: ``admin`` (Hana, HR, no person record), ``manager``
(Mia: her line is Ann, Ben and Cat), ``coach`` (Carl, an outside coach of
Dan), ``participant`` (Ann) and ``outsider`` (an administrator of Globex,
another organisation). ``client_for(user)`` signs one of them in.

The clock stands still at :data:`NOW` in every test (``clock`` moves it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.helpers import DEADLINE, NOW, account

from twofold.web.accounts.models import CoachAssignment, Role
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns import campaign_settings, draft_participants, lifecycle
from twofold.web.campaigns.models import (
    Campaign,
    Invitation,
    InvitationStatus,
    Participant,
    Release,
    ReleasedResponse,
)
from twofold.web.organisations.models import Organisation, Person, Team


@pytest.fixture(autouse=True)
def clock() -> Iterator[time_machine.Coordinates]:
    """Time stands still at NOW; ``clock.shift(timedelta(...))`` moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def org(db: None) -> Organisation:
    return Organisation.objects.create(name="Acme", slug="acme")


@pytest.fixture
def teams(org: Organisation) -> dict[str, Team]:
    return {
        "product": Team.objects.create(organisation=org, name="Product"),
        "operations": Team.objects.create(organisation=org, name="Operations"),
    }


@pytest.fixture
def people(org: Organisation, teams: dict[str, Team]) -> dict[str, Person]:
    """Acme's eight people, by lower-case first name."""

    def person(name: str, team: str, manager: Person | None, title: str = "") -> Person:
        email = name.split()[0].lower() + "@acme.example"
        return Person.objects.create(
            organisation=org,
            name=name,
            email=email,
            team=teams[team],
            manager=manager,
            job_title=title,
        )

    zoe = person("Zoe Zhang", "operations", None, "Director")
    mia = person("Mia Moreau", "product", zoe, "Product lead")
    olu = person("Olu Okafor", "operations", zoe, "Operations lead")
    found = {"zoe": zoe, "mia": mia, "olu": olu}
    for name, manager in (("Ann Archer", mia), ("Ben Baker", mia), ("Cat Cohen", mia)):
        found[name.split()[0].lower()] = person(name, "product", manager, "Designer")
    for name in ("Dan Dias", "Eve Evans"):
        found[name.split()[0].lower()] = person(name, "operations", olu, "Analyst")
    return found


@pytest.fixture
def admin(org: Organisation) -> User:
    return account(org, "hana@acme.example", Role.ADMIN)


@pytest.fixture
def manager(org: Organisation, people: dict[str, Person]) -> User:
    return account(org, people["mia"].email, Role.MANAGER, people["mia"])


@pytest.fixture
def coach(org: Organisation, people: dict[str, Person]) -> User:
    user = account(org, "carl@coaching.example", Role.COACH)
    CoachAssignment.objects.create(coach=user.memberships.get(), person=people["dan"])
    return user


@pytest.fixture
def participant(org: Organisation, people: dict[str, Person]) -> User:
    return account(org, people["ann"].email, Role.PARTICIPANT, people["ann"])


@pytest.fixture
def outsider(db: None) -> User:
    globex = Organisation.objects.create(name="Globex", slug="globex")
    gus = Person.objects.create(organisation=globex, name="Gus Grant", email="gus@globex.example")
    return account(globex, gus.email, Role.ADMIN, gus)


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    """A test client signed in as ``user``."""

    def signed_in(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in


@pytest.fixture
def draft(org: Organisation, people: dict[str, Person], admin: User) -> Campaign:
    """A draft campaign with default settings: Ann, Ben and Dan take part."""
    campaign = campaign_settings.create_campaign(org, "Spring 360", DEADLINE, by=admin)
    draft_participants.add_participants(campaign, [people["ann"], people["ben"], people["dan"]])
    return campaign


@pytest.fixture
def opened(draft: Campaign, admin: User) -> Campaign:
    """The draft, launched: Mia is invited to rate Ann and Ben, Olu to rate Dan."""
    return lifecycle.launch(draft, by=admin)


@pytest.fixture
def invite() -> Callable[..., Invitation]:
    """``invite(participant, group, name, answered=False, status=SENT)``: a rater asked.

    The rater gets a response set, submitted when ``answered``.
    """

    def make(
        participant: Participant,
        group: str,
        name: str,
        *,
        answered: bool = False,
        status: str = InvitationStatus.SENT,
    ) -> Invitation:
        assessment = participant.assessment
        assert assessment is not None, "invite raters once the campaign is open"
        response_set = ResponseSet.objects.create(
            assessment=assessment,
            rater_role=group,
            instrument_id=assessment.instrument_id,
            instrument_version=assessment.instrument_version,
            submitted_at=datetime.now(UTC) if answered else None,
        )
        email = name.split()[0].lower() + "@raters.example"
        return Invitation.objects.create(
            participant=participant,
            group=group,
            name=name,
            email=email,
            status=status,
            response_set=response_set,
        )

    return make


@pytest.fixture
def release() -> Callable[[Participant], Release]:
    """Release a participant as the release will: answered sets copied, invitations cut.

    A stand-in for the release service, enough for progress and dashboards
    to be tested against the state a release leaves behind.
    """

    def make(participant: Participant) -> Release:
        number = participant.releases.count() + 1
        done = Release.objects.create(participant=participant, number=number)
        asked = (InvitationStatus.APPROVED, InvitationStatus.SENT, InvitationStatus.DECLINED)
        invitations = participant.invitations.filter(status__in=asked)
        for invitation in invitations.select_related("response_set"):
            original = invitation.response_set
            if original is not None and original.submitted_at is not None:
                copy = ResponseSet.objects.create(
                    assessment=original.assessment,
                    rater_role=original.rater_role,
                    instrument_id=original.instrument_id,
                    instrument_version=original.instrument_version,
                    answers=original.answers,
                    submitted_at=original.submitted_at,
                )
                ReleasedResponse.objects.create(release=done, response_set=copy)
            invitation.response_set = None
            invitation.status = InvitationStatus.CLOSED
            invitation.save()
            if original is not None:
                original.delete()
        return done

    return make
