"""Campaigns at the moment of release, written straight to the database.

The release tests need a closed campaign whose raters have answered; the
pages that launch a campaign and collect answers are tested elsewhere, so
these helpers make the rows those pages would have made.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from twofold.content import builtin_instrument
from twofold.web.accounts.models import CoachAssignment, Membership, Role
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.campaigns.models import (
    Campaign,
    Invitation,
    InvitationStatus,
    Participant,
    Status,
    default_policy,
)
from twofold.web.organisations.models import Organisation, Person

TLMI = builtin_instrument("tlmi")


def answers(value: int | None = 4, **overrides: int | None) -> dict[str, int | None]:
    """Every TLMI item answered ``value`` (None: "Not observed"), except ``overrides``."""
    return {**dict.fromkeys(TLMI.item_ids, value), **overrides}


def organisation(slug: str = "acme") -> Organisation:
    return Organisation.objects.create(name=slug.title(), slug=slug)


def account(
    organisation: Organisation, role: str, email: str, person: Person | None = None
) -> User:
    """A signed-in-able account with ``role`` in ``organisation``."""
    user = get_user_model().objects.create_user(email, email, "correct horse battery staple")
    Membership.objects.create(user=user, organisation=organisation, role=role, person=person)
    return user


def coach_of(organisation: Organisation, email: str, *people: Person) -> User:
    user = account(organisation, Role.COACH, email)
    membership = Membership.objects.get(user=user)
    for person in people:
        CoachAssignment.objects.create(coach=membership, person=person)
    return user


def campaign(
    organisation: Organisation,
    *,
    status: str = Status.CLOSED,
    policy: dict[str, Any] | None = None,
    coach_may_release: bool = False,
    name: str = "Spring 360",
) -> Campaign:
    now = timezone.now()
    made = Campaign.objects.create(
        organisation=organisation,
        name=name,
        instrument_id=TLMI.id,
        instrument_version=TLMI.version,
        status=status,
        deadline=now - timedelta(days=1) if status != Status.OPEN else now + timedelta(days=7),
        closed_at=now - timedelta(hours=1) if status != Status.OPEN else None,
        opened_at=now - timedelta(days=14),
        policy=policy or default_policy(),
        coach_may_release=coach_may_release,
    )
    return made


def participant(campaign: Campaign, name: str, *, own: int | None = 4) -> Participant:
    """A participant with their assessment; ``own``: their answers (None: not submitted)."""
    slug = name.lower().replace(" ", ".")
    person = Person.objects.create(
        organisation=campaign.organisation, name=name, email=f"{slug}@example.org"
    )
    assessment = Assessment.objects.create(
        subject_name=name,
        instrument_id=TLMI.id,
        instrument_version=TLMI.version,
        answers_until=campaign.answers_end(),
    )
    ResponseSet.objects.create(
        assessment=assessment,
        rater_role=RaterRole.SELF,
        instrument_id=TLMI.id,
        instrument_version=TLMI.version,
        answers=answers(own) if own is not None else {},
        submitted_at=timezone.now() - timedelta(days=3) if own is not None else None,
    )
    return Participant.objects.create(campaign=campaign, person=person, assessment=assessment)


def rater(
    participant: Participant,
    group: str,
    name: str,
    *,
    given: dict[str, int | None] | None = None,
    comments: dict[str, Any] | None = None,
    submitted: bool = True,
    status: str = InvitationStatus.SENT,
    reminded: bool = False,
) -> Invitation:
    """An invited rater and, unless declined, the response set they answered."""
    now = timezone.now()
    response_set = None
    if status == InvitationStatus.SENT:
        response_set = ResponseSet.objects.create(
            assessment=participant.assessment,
            rater_role=group,
            instrument_id=TLMI.id,
            instrument_version=TLMI.version,
            answers=answers() if given is None else given,
            comments=comments or {},
            submitted_at=now - timedelta(days=2) if submitted else None,
        )
    slug = name.lower().replace(" ", ".")
    return Invitation.objects.create(
        participant=participant,
        group=group,
        name=name,
        email=f"{slug}@example.org",
        status=status,
        response_set=response_set,
        sent_at=now - timedelta(days=10),
        reminded_at=now - timedelta(days=4) if reminded else None,
    )


def raters(
    participant: Participant, group: str, count: int, start: int = 1, **kw: Any
) -> list[Invitation]:
    """``count`` raters of ``group`` who all answered."""
    return [rater(participant, group, f"{group} {i}", **kw) for i in range(start, start + count)]
