"""Seed the demo organisation: its people, a released 360 and one still open.

It goes through the same services an HR team's clicks do (create, launch,
nominate, approve, answer, close, release), so the demo shows what the
product really does, withheld groups included; then it dates the campaigns
as a history that reads true from today (:mod:`twofold.web.demo.history`).
Answers come from :mod:`twofold.web.demo.simulate`; every person is
fictional (:mod:`twofold.web.demo.people`).

Running it again changes nothing but the demo administrator's password,
which is new on every start and printed, so a demo left running somewhere
is not open to anyone who read an old one.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from twofold.content import builtin_instrument
from twofold.core.instrument import Instrument
from twofold.web.accounts.models import Role
from twofold.web.accounts.services import ensure_membership
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns import (
    campaign_settings,
    draft_participants,
    lifecycle,
    nominations,
    rating,
)
from twofold.web.campaigns.groups import PLURAL
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus, Participant
from twofold.web.campaigns.release import release_participants
from twofold.web.campaigns.results import latest_release
from twofold.web.demo import people as cast
from twofold.web.demo.history import date_campaign, open_timeline, released_timeline
from twofold.web.demo.simulate import simulate_360
from twofold.web.organisations.models import Organisation, Person, Team
from twofold.web.reports.services import campaign_report

SLUG = "harbour-vale"
RELEASED_NAME = "Leadership 360, spring"
OPEN_NAME = "Team leads 360, autumn"

#: The released campaign: each participant's raters, by group. Sofia's third
#: peer declines, so her peers fall short of the threshold and are withheld.
RELEASED = {
    "daniel.brandt": {
        "peers": ["priya.raman", "lucas.moreau", "sofia.lindqvist", "hana.kobayashi"],
        "direct_reports": ["kwame.mensah", "ines.carvalho", "oskar.nowak", "fatima.zahra"],
        "others": [],
    },
    "priya.raman": {
        "peers": ["daniel.brandt", "lucas.moreau", "hana.kobayashi"],
        "direct_reports": ["tomas.silva", "grace.liu", "arjun.mehta", "olga.ivanova"],
        "others": ["noor.haddad", "kofi.asante", "yara.khalil"],
    },
    "lucas.moreau": {
        "peers": ["daniel.brandt", "priya.raman", "sofia.lindqvist"],
        "direct_reports": ["elena.petrova", "diego.ramirez", "hannah.schmidt", "kofi.asante"],
        "others": [],
    },
    "sofia.lindqvist": {
        "peers": ["daniel.brandt", "lucas.moreau", "hana.kobayashi"],
        "direct_reports": ["marco.rossi", "julia.kowalska", "omar.farouk"],
        "others": [],
    },
    "tomas.silva": {
        "peers": ["grace.liu", "arjun.mehta", "samuel.adeyemi"],
        "direct_reports": ["chloe.martin", "yusuf.demir", "leah.cohen"],
        "others": [],
    },
}
#: Raters of the released campaign who decline instead of answering.
DECLINES = {("sofia.lindqvist", "hana.kobayashi")}

#: The open campaign: raters invited, and those who have answered so far.
OPEN = {
    "kwame.mensah": {
        "peers": ["ines.carvalho", "oskar.nowak", "liam.byrne"],
        "direct_reports": ["mei.chen", "jonas.weber", "aisha.bello"],
        "others": [],
    },
    "elena.petrova": {
        "peers": ["diego.ramirez", "hannah.schmidt", "kofi.asante"],
        "direct_reports": ["maya.patel", "ben.okoro", "sara.nilsen"],
        "others": [],
    },
}
OPEN_ANSWERED = {
    ("kwame.mensah", "self"),
    ("kwame.mensah", "ines.carvalho"),
    ("kwame.mensah", "mei.chen"),
    ("kwame.mensah", "daniel.brandt"),
    ("elena.petrova", "diego.ramirez"),
    ("elena.petrova", "maya.patel"),
    ("elena.petrova", "ben.okoro"),
}


@dataclass(frozen=True)
class DemoLinks:
    """What `twofold serve --demo` prints: how to sign in, and where to look."""

    admin_email: str
    admin_password: str
    reports: tuple[tuple[str, str], ...]  # (participant's name, report path)
    raters: tuple[tuple[str, str, str], ...]  # (rater's name, participant's name, link path)
    #: By participant's name, the groups their report withholds ("peers"), if any.
    withheld: Mapping[str, tuple[str, ...]]


def seed_demo_organisation() -> DemoLinks:
    """Create the demo organisation if it is not there; always give the admin a new password."""
    organisation = Organisation.objects.filter(slug=SLUG).first()
    if organisation is None:
        organisation = _build()
    admin = User.objects.get(username=cast.BY_KEY[cast.ADMIN].email)
    password = secrets.token_urlsafe(12)
    admin.set_password(password)
    admin.save(update_fields=["password"])
    return DemoLinks(
        admin_email=admin.username,
        admin_password=password,
        reports=_report_links(organisation),
        raters=_rater_links(organisation),
        withheld=_withheld(organisation),
    )


@transaction.atomic
def _build() -> Organisation:
    instrument = builtin_instrument("tlmi")
    organisation = Organisation.objects.create(name="Harbour & Vale", slug=SLUG)
    people = _people(organisation)
    admin_membership, _ = ensure_membership(people[cast.ADMIN], Role.ADMIN, invite=False)
    admin = admin_membership.user
    admin.first_name, admin.last_name = "Hana", "Kobayashi"
    admin.save(update_fields=["first_name", "last_name"])

    # Built now (the services take no deadline in the past), then dated back.
    spring_deadline = timezone.now() + timedelta(days=21)
    spring = _campaign(organisation, RELEASED_NAME, people, RELEASED, admin, spring_deadline)
    for seed, participant in enumerate(_participants(spring), start=1):
        _answer(instrument, participant, admin, seed, answered=None)
    lifecycle.close(spring, by=admin)
    release_participants(list(_participants(spring)), by=admin)
    date_campaign(spring, released_timeline())

    autumn_dates = open_timeline()
    autumn = _campaign(organisation, OPEN_NAME, people, OPEN, admin, autumn_dates.deadline)
    for seed, participant in enumerate(_participants(autumn), start=101):
        _answer(instrument, participant, admin, seed, answered=OPEN_ANSWERED)
    date_campaign(autumn, autumn_dates)
    return organisation


def _people(organisation: Organisation) -> dict[str, Person]:
    teams = {
        name: Team.objects.create(organisation=organisation, name=name)
        for name in dict.fromkeys(p.team for p in cast.PEOPLE)
    }
    people = {
        p.key: Person.objects.create(
            organisation=organisation,
            name=p.name,
            email=p.email,
            team=teams[p.team],
            job_title=p.job_title,
        )
        for p in cast.PEOPLE
    }
    for p in cast.PEOPLE:
        if p.manager is not None:
            people[p.key].manager = people[p.manager]
            people[p.key].save(update_fields=["manager"])
    return people


def _campaign(
    organisation: Organisation,
    name: str,
    people: dict[str, Person],
    raters: dict[str, dict[str, list[str]]],
    admin: User,
    deadline: datetime,
) -> Campaign:
    """A campaign opened with its participants, and their raters nominated and approved."""
    campaign = campaign_settings.create_campaign(
        organisation, name, deadline, reminder_days=[7, 2], by=admin
    )
    draft_participants.add_participants(campaign, [people[key] for key in raters])
    lifecycle.launch(campaign, by=admin)
    for participant in _participants(campaign):
        key = participant.person.email.split("@")[0]
        # Each participant proposes their raters, and HR approves them.
        own = participant.person.membership.user
        for group, keys in raters[key].items():
            for rater in keys:
                nominations.nominate(participant, group=group, by=own, person_id=people[rater].pk)
        nominations.approve_all(participant, by=admin)
    return campaign


def _participants(campaign: Campaign) -> Sequence[Participant]:
    return list(campaign.participants.select_related("person", "assessment").order_by("pk"))


def _answer(
    instrument: Instrument,
    participant: Participant,
    admin: User,
    seed: int,
    *,
    answered: set[tuple[str, str]] | None,
) -> None:
    """Answer as the participant and their raters; ``answered`` None means everyone does."""
    key = participant.person.email.split("@")[0]
    assert participant.assessment is not None  # launched
    invitations = list(
        participant.invitations.filter(status=InvitationStatus.SENT)
        .select_related("person", "response_set")
        .order_by("pk")
    )
    groups = ["self", *(i.group for i in invitations)]
    answers, _ = simulate_360(instrument, groups, seed)
    rng = np.random.default_rng(seed)
    sets = [participant.assessment.self_response_set(), *(i.response_set for i in invitations)]
    raters = ["self", *(_key(i) for i in invitations)]
    for row, response_set, rater, invitation in zip(
        answers, sets, raters, [None, *invitations], strict=True
    ):
        if answered is not None and (key, rater) not in answered:
            continue
        if invitation is not None and (key, rater) in DECLINES:
            rating.decline(invitation)
            continue
        assert response_set is not None
        _record(instrument, response_set, row, rng, observer=invitation is not None)


def _key(invitation: Invitation) -> str:
    return invitation.email.split("@")[0]


def _record(
    instrument: Instrument,
    response_set: ResponseSet,
    row: np.ndarray,
    rng: np.random.Generator,
    *,
    observer: bool,
) -> None:
    values = {
        item: None if np.isnan(value) else int(value)
        for item, value in zip(instrument.item_ids, row, strict=True)
    }
    comments: dict[str, object] | None = None
    if observer and rng.random() < 0.7:
        domain = str(rng.choice(sorted(cast.DOMAIN_COMMENTS)))
        comments = {
            "strength": str(rng.choice(cast.STRENGTHS)),
            "change": str(rng.choice(cast.CHANGES)),
            "domains": {domain: cast.DOMAIN_COMMENTS[domain]} if rng.random() < 0.5 else {},
        }
    response_set.record(instrument, values, comments=comments)
    response_set.submit(instrument)


def _report_links(organisation: Organisation) -> tuple[tuple[str, str], ...]:
    participants = Participant.objects.filter(
        campaign__organisation=organisation, releases__isnull=False
    ).select_related("person", "assessment")
    return tuple(
        (p.person.name, reverse("reports:report", args=[p.assessment.report_token]))
        for p in participants.distinct().order_by("person__name")
        if p.assessment is not None
    )


def _withheld(organisation: Organisation) -> dict[str, tuple[str, ...]]:
    """The groups each released report withholds, by participant's name: "peers"."""
    withheld = {}
    participants = Participant.objects.filter(
        campaign__organisation=organisation, releases__isnull=False
    ).select_related("person", "campaign", "assessment")
    for participant in participants.distinct():
        release = latest_release(participant)
        assert release is not None  # released
        groups = campaign_report(participant, release).withheld_groups
        if groups:
            withheld[participant.person.name] = tuple(str(PLURAL[g.group]) for g in groups)
    return withheld


def _rater_links(organisation: Organisation) -> tuple[tuple[str, str, str], ...]:
    waiting = Invitation.objects.filter(
        participant__campaign__organisation=organisation,
        participant__campaign__name=OPEN_NAME,
        status=InvitationStatus.SENT,
        response_set__submitted_at__isnull=True,
    ).select_related("participant__person")
    return tuple(
        (i.name, i.participant.person.name, reverse("rating:start", args=[i.token]))
        for i in waiting.order_by("participant__person__name", "name")
    )
