"""Every page's state at once, for the test that reads every page: the demo organisation and more.

The demo organisation (:mod:`twofold.web.demo.seed`) already holds a released
campaign with a withheld group and an open one with raters still to answer.
Beside it this adds what the demo has no need of: a draft, an open campaign
whose participant has proposed raters who wait for their manager, an empty
draft (a launch with problems), a closed campaign with one participant to release and one
who would be refused a new release, a declined rater, a coach and an API
token. Rows are made with the services and with the helpers of the other
web tests (:mod:`tests.web.release_fixtures`, :mod:`tests.web.campaign_rows`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from pytest_django import DjangoDbBlocker
from tests.web import campaign_rows
from tests.web import release_fixtures as make
from tests.web.campaigns.helpers import account, participant_of

from twofold.web.accounts.models import ApiToken, Role
from twofold.web.campaigns import (
    campaign_settings,
    draft_participants,
    lifecycle,
    nominations,
    rating,
)
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus
from twofold.web.campaigns.release import release_participants, reopen
from twofold.web.demo.seed import OPEN_NAME, RELEASED_NAME, DemoLinks, seed_demo_organisation
from twofold.web.organisations.models import Organisation, Person


@dataclass
class Harbour:
    """The demo organisation and the rows added to it, by what a page needs."""

    links: DemoLinks
    organisation: Organisation
    people: dict[str, Person]  # by the first part of their email address
    accounts: dict[str, int]  # admin, manager, participant, nominator, coach, waiting
    campaigns: dict[str, Campaign]  # released, open, nominating, draft, empty, closed
    invitations: dict[str, Invitation]  # waiting, answered, declined, closed, manager

    def user(self, role: str) -> User:
        """The account of ``role``, read afresh: a test may have changed it, then rolled back."""
        return User.objects.get(pk=self.accounts[role])

    @property
    def slug(self) -> str:
        return self.organisation.slug

    def campaign_path(self, which: str, page: str = "") -> str:
        return f"/o/{self.slug}/campaigns/{self.campaigns[which].pk}/{page}"

    def nominations_path(self) -> str:
        liam = participant_of(self.campaigns["nominating"], self.people["liam.byrne"])
        return self.campaign_path("nominating", f"participants/{liam.pk}/nominations/")


@contextmanager
def harbour_world(blocker: DjangoDbBlocker) -> Iterator[Harbour]:
    """The world for a whole test module: built once, rolled back when the module is done.

    Each test runs in a savepoint inside it, so what one test changes the
    next never sees.
    """
    with blocker.unblock(), transaction.atomic():
        yield build_harbour()
        transaction.set_rollback(True)


def build_harbour() -> Harbour:
    links = seed_demo_organisation()
    admin = User.objects.get(username=links.admin_email)
    organisation = admin.memberships.get().organisation
    people = {p.email.split("@")[0]: p for p in Person.objects.filter(organisation=organisation)}
    campaigns = {
        "released": Campaign.objects.get(name=RELEASED_NAME),
        "open": Campaign.objects.get(name=OPEN_NAME),
        "nominating": _nominating(organisation, people, admin),
        "draft": _draft(organisation, people, admin),
        "empty": campaign_settings.create_campaign(
            organisation, "Board 360", timezone.now() + timedelta(days=40), by=admin
        ),
        "closed": _closed(organisation, admin),
    }
    open_invitations = Invitation.objects.filter(participant__campaign=campaigns["open"])
    answered = open_invitations.filter(response_set__submitted_at__isnull=False)
    waiting = open_invitations.filter(
        status=InvitationStatus.SENT, response_set__submitted_at__isnull=True
    ).order_by("pk")
    declined = waiting[1]
    rating.decline(declined)
    invitations = {
        "waiting": waiting[0],
        "answered": answered.exclude(group="manager").first(),
        "manager": open_invitations.filter(group="manager").first(),
        "declined": declined,
        "closed": Invitation.objects.filter(participant__campaign=campaigns["released"]).first(),
    }
    ApiToken.issue(admin, "Monthly export script")
    coach = campaign_rows.coach(
        organisation, coaching=[people["kwame.mensah"]], username="coach@coaching.example"
    )
    accounts = {
        "admin": admin.pk,
        "manager": User.objects.get(username=people["daniel.brandt"].email).pk,
        "participant": User.objects.get(username=people["sofia.lindqvist"].email).pk,
        "waiting": User.objects.get(username=people["kwame.mensah"].email).pk,
        "nominator": User.objects.get(username=people["liam.byrne"].email).pk,
        "coach": coach.pk,
    }
    return Harbour(
        links,
        organisation,
        people,
        accounts,
        campaigns,
        {k: v for k, v in invitations.items() if v is not None},
    )


def _nominating(organisation: Organisation, people: dict[str, Person], admin: User) -> Campaign:
    """An open campaign in which Liam Byrne has proposed his raters; they wait for Daniel Brandt."""
    campaign = campaign_settings.create_campaign(
        organisation, "Summer 360", timezone.now() + timedelta(days=30), by=admin
    )
    draft_participants.add_participants(campaign, [people["liam.byrne"]])
    lifecycle.launch(campaign, by=admin)
    liam = participant_of(campaign, people["liam.byrne"])
    nominator = account(organisation, people["liam.byrne"].email, Role.PARTICIPANT, liam.person)
    for key in ("ines.carvalho", "oskar.nowak", "fatima.zahra"):
        nominations.nominate(liam, group="peers", by=nominator, person_id=people[key].pk)
    nominations.nominate(
        liam, group="peers", by=nominator, name="Val Vendor", email="val@supplier.example"
    )
    assert nominations.submit(liam) == []
    return campaign


def _draft(organisation: Organisation, people: dict[str, Person], admin: User) -> Campaign:
    """A draft with two participants, to set up and launch."""
    draft = campaign_settings.create_campaign(
        organisation, "Winter 360", timezone.now() + timedelta(days=30), by=admin
    )
    draft_participants.add_participants(draft, [people["liam.byrne"], people["rebecca.hall"]])
    return draft


def _closed(organisation: Organisation, admin: User) -> Campaign:
    """A closed campaign: Ada to release for the first time, Grace refused a second release,
    and Lin, whose own questionnaire closed unanswered."""
    closed = make.campaign(organisation, name="Pilot 360")
    grace = make.participant(closed, "Grace Hopper")
    make.raters(grace, "peers", 3)
    release_participants([grace], admin)
    reopen(closed, timezone.now() + timedelta(days=3), admin)
    make.raters(grace, "peers", 2, start=4)
    ada = make.participant(closed, "Ada Lovelace")
    make.rater(ada, "manager", "Mo Manager")
    make.raters(ada, "peers", 4, given=make.answers(2))
    make.raters(ada, "direct_reports", 2)
    make.participant(closed, "Lin Late", own=None)  # never answered her own questionnaire
    return lifecycle.close(closed, by=admin)
