"""Campaign rows built directly with the models, for tests of what a 360 shows.

The campaign pages build these rows through nominations, invitations and a
release; tests of what comes after (reports, exports, permissions) need the
end state only, and need to choose every answer. ``released_360`` builds a
typical released participant in one call; the small functions beside it
build anything else.

    world = released_360()
    client.force_login(world.users["admin"])
    client.get(f"/report/{world.assessment.report_token}/")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from twofold.content import builtin_instrument
from twofold.core.instrument import Instrument
from twofold.web.accounts.models import CoachAssignment, Membership, Role
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.campaigns.models import (
    Campaign,
    Invitation,
    InvitationStatus,
    Participant,
    Release,
    ReleasedResponse,
    Status,
)
from twofold.web.organisations.models import Organisation, Person

TLMI = builtin_instrument("tlmi")


def organisation(slug: str = "acme", name: str = "Acme") -> Organisation:
    return Organisation.objects.create(slug=slug, name=name)


def person(org: Organisation, name: str, *, manager: Person | None = None) -> Person:
    email = f"{name.lower().replace(' ', '.')}@{org.slug}.example"
    return Person.objects.create(organisation=org, name=name, email=email, manager=manager)


def account(
    org: Organisation, role: str, *, who: Person | None = None, username: str = ""
) -> AbstractBaseUser:
    """A signed-in-able user with ``role`` in ``org``, tied to ``who`` if given."""
    name = username or (who.email if who is not None else f"{role}@{org.slug}.example")
    # No password: tests sign in with force_login, and hashing one takes a second.
    user = get_user_model().objects.create_user(username=name, email=name)
    Membership.objects.create(user=user, organisation=org, role=role, person=who)
    return user


def coach(org: Organisation, *, coaching: Sequence[Person], username: str) -> AbstractBaseUser:
    user = account(org, Role.COACH, username=username)
    membership = Membership.objects.get(user=user, organisation=org)
    for coachee in coaching:
        CoachAssignment.objects.create(coach=membership, person=coachee)
    return user


def campaign(org: Organisation, **fields: Any) -> Campaign:
    now = timezone.now()
    values: dict[str, Any] = {
        "name": "Spring 360",
        "instrument_id": TLMI.id,
        "instrument_version": TLMI.version,
        "status": Status.CLOSED,
        "deadline": now - timedelta(days=1),
        "closed_at": now - timedelta(hours=1),
        **fields,
    }
    return Campaign.objects.create(organisation=org, **values)


def participant(run: Campaign, who: Person) -> Participant:
    """``who`` in ``run``, with the assessment that holds every answer about them."""
    assessment = Assessment.objects.create(
        subject_name=who.name,
        instrument_id=run.instrument_id,
        instrument_version=run.instrument_version,
        answers_until=run.answers_end(),
    )
    return Participant.objects.create(campaign=run, person=who, assessment=assessment)


def answers(values: Sequence[float | None] | float, instrument: Instrument = TLMI) -> dict:
    """Answers to every item: one value for all, or one per item (None: "Not observed")."""
    if isinstance(values, int | float):
        values = [values] * len(instrument.item_ids)
    return {
        item: (None if v is None else int(v))
        for item, v in zip(instrument.item_ids, values, strict=True)
    }


def response_set(
    assessment: Assessment,
    role: str,
    given: Mapping[str, int | None],
    comments: Mapping[str, Any] | None = None,
) -> ResponseSet:
    """A submitted response set of ``role``, as a release's copies are: no time of its own."""
    return ResponseSet.objects.create(
        assessment=assessment,
        rater_role=role,
        instrument_id=assessment.instrument_id,
        instrument_version=assessment.instrument_version,
        answers=dict(given),
        comments=dict(comments or {}),
        submitted_at=timezone.now(),
    )


def release(
    who: Participant, sets: Sequence[ResponseSet], by: AbstractBaseUser | None = None
) -> Release:
    """Release ``sets`` as ``who``'s next release."""
    number = who.releases.count() + 1
    made = Release.objects.create(participant=who, number=number, released_by=by)
    ReleasedResponse.objects.bulk_create(
        ReleasedResponse(release=made, response_set=s) for s in sets
    )
    return made


@dataclass
class World:
    """One organisation with a released participant, and an account for every role."""

    organisation: Organisation
    campaign: Campaign
    participant: Participant
    assessment: Assessment
    release: Release | None
    people: dict[str, Person]
    users: dict[str, AbstractBaseUser] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"/report/{self.assessment.report_token}/"

    @property
    def api_url(self) -> str:
        return f"/api/reports/{self.assessment.report_token}"


#: What ``released_360`` gives each rater: distinct values, so a test can search
#: a page for one group's numbers. Self 5.0, manager 4.0, peers 7/3 (shown 2.3),
#: all raters (4 + 7) / 4 = 2.75 (2.8); the two withheld direct reports would
#: be 1.0, 2.0 and 1.5 together, which nothing shown is.
SELF_ANSWER = 5
MANAGER_ANSWER = 4
PEER_ANSWERS = (2, 1, 3)
DIRECT_REPORT_ANSWERS = (1, 2)
COMMENTS = {
    "manager": {"strength": "Keeps every promise", "domains": {"direction": "Clear plans"}},
    "peers": [
        {"strength": "Generous with time", "change": "Say no more often"},
        {"strength": "Calm under pressure"},
        {"domains": {"people": "Great coach"}},
    ],
    "direct_reports": [
        {"strength": "SECRET-DR-ONE", "change": "SECRET-DR-CHANGE"},
        {"strength": "SECRET-DR-TWO"},
    ],
}


def released_360(*, released: bool = True, managers_see_reports: bool = True) -> World:
    """A participant rated by themself, their manager, three peers and two direct reports.

    Thresholds are the defaults, so the peers (3) are shown, the direct reports
    (2 of 3) are withheld, and "all raters" (manager + peers = 4; the two direct
    reports are too few to pool) is shown. Accounts: ``admin``, ``coach``
    (assigned), ``other_coach`` (not), ``manager`` (the participant's manager,
    with a manager's role), ``participant``, ``other_participant`` and
    ``outsider`` (an administrator of another organisation).
    """
    org = organisation()
    boss = person(org, "Mara Boss")
    subject = person(org, "Sam Subject", manager=boss)
    other = person(org, "Olive Other", manager=boss)
    run = campaign(org, managers_see_reports=managers_see_reports)
    who = participant(run, subject)
    participant(run, other)
    assessment = who.assessment
    assert assessment is not None
    sets = [
        response_set(assessment, RaterRole.SELF, answers(SELF_ANSWER)),
        response_set(assessment, RaterRole.MANAGER, answers(MANAGER_ANSWER), COMMENTS["manager"]),
    ]
    sets += [
        response_set(assessment, RaterRole.PEERS, answers(_varied(a)), c)
        for a, c in zip(PEER_ANSWERS, COMMENTS["peers"], strict=True)
    ]
    sets += [
        response_set(assessment, RaterRole.DIRECT_REPORTS, answers(a), c)
        for a, c in zip(DIRECT_REPORT_ANSWERS, COMMENTS["direct_reports"], strict=True)
    ]
    made = release(who, sets) if released else None
    # Who was asked: three others too, none of whom answered, and a third
    # direct report who did not; after a release only that they were asked remains.
    asked = {"manager": 1, "peers": 3, "direct_reports": 3, "others": 3}
    status = InvitationStatus.CLOSED if released else InvitationStatus.SENT
    Invitation.objects.bulk_create(
        Invitation(
            participant=who,
            group=group,
            name=f"{group} {n}",
            email=f"{group.replace('_', '-')}{n}@acme.example",
            status=status,
        )
        for group, count in asked.items()
        for n in range(count)
    )
    elsewhere = organisation("elsewhere", "Elsewhere")
    world = World(
        org, run, who, assessment, made, {"boss": boss, "subject": subject, "other": other}
    )
    world.users = {
        "admin": account(org, Role.ADMIN),
        "coach": coach(org, coaching=[subject], username="coach@acme.example"),
        "other_coach": coach(org, coaching=[other], username="coach2@acme.example"),
        "manager": account(org, Role.MANAGER, who=boss),
        "participant": account(org, Role.PARTICIPANT, who=subject),
        "other_participant": account(org, Role.PARTICIPANT, who=other),
        "outsider": account(elsewhere, Role.ADMIN),
    }
    return world


def _varied(value: int) -> list[int]:
    """A peer's answers: ``value`` everywhere but one item in three, one point higher.

    Peers 2, 1 and 3 then score 7/3, 4/3 and 10/3 on every practice: mean 7/3.
    """
    top = TLMI.response_scale.max
    return [min(top, value + 1) if i % 3 == 0 else value for i in range(len(TLMI.item_ids))]
