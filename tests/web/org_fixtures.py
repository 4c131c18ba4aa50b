"""An organisation with people, teams and an account of every role, for any test to build on.

``make_world()`` builds it (the ``org_world`` fixture calls it); the factories
below build smaller cases. The chart of Acme (slug ``acme``)::

    Hana Admin   People       HR Director        (administrator's account)
    Ada Lead     Leadership   Managing Director
    ├── Bo Manager   Operations   Operations Manager   (manager's account)
    │   ├── Di Report    Operations   Analyst          (participant's account)
    │   │   └── Fay Deep     Operations   Intern
    │   └── Ed Report    Operations   Planner
    └── Cy Peer      Sales        Sales Manager        (coached by Kit)

Kit Coach has a coach's account in Acme and no person there (an outside
coach). Olly Outsider administers another organisation, Globex, and has no
role in Acme. Emails are ``<first name>@acme.example``, lower-case, and each
account's username is its email, as accounts are made in Twofold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, reverse

from twofold.web.accounts.models import CoachAssignment, Membership, Role
from twofold.web.organisations.models import Organisation, Person, Team

#: The roles of ``OrgWorld.users``, and ``None`` for an anonymous visitor.
ROLES = ("admin", "coach", "manager", "participant", "outsider")
#: Where an anonymous visitor is sent to sign in (``accounts:login``).
LOGIN_PATH = "/accounts/login/"


def make_organisation(name: str = "Acme", slug: str = "acme") -> Organisation:
    return Organisation.objects.create(name=name, slug=slug)


def add_person(
    organisation: Organisation,
    name: str,
    email: str,
    *,
    manager: Person | None = None,
    team: str = "",
    job_title: str = "",
) -> Person:
    """A person; their team is found or created by name."""
    found = Team.objects.get_or_create(organisation=organisation, name=team)[0] if team else None
    return Person.objects.create(
        organisation=organisation,
        name=name,
        email=email,
        manager=manager,
        team=found,
        job_title=job_title,
    )


def add_account(
    organisation: Organisation,
    role: Role,
    *,
    person: Person | None = None,
    email: str | None = None,
) -> User:
    """An account with ``role`` in ``organisation``, tied to ``person`` if given."""
    address = (email or (person.email if person else "")).lower()
    user = User.objects.filter(username=address).first()
    if user is None:
        user = User.objects.create_user(username=address, email=address, password=None)
    Membership.objects.create(user=user, organisation=organisation, role=role, person=person)
    return user


@dataclass
class OrgWorld:
    """Acme and Globex, their people by first name (lower-case) and accounts by role."""

    organisation: Organisation
    other: Organisation
    people: dict[str, Person] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def client_as(self, role: str | None) -> Client:
        """A browser signed in as the account of ``role``; anonymous for None."""
        client = Client()
        if role is not None:
            client.force_login(self.users[role])
        return client


def make_world() -> OrgWorld:
    acme = make_organisation("Acme", "acme")
    globex = make_organisation("Globex", "globex")
    world = OrgWorld(organisation=acme, other=globex)

    def person(name: str, manager: str | None, team: str, job_title: str) -> Person:
        first = name.split()[0].lower()
        world.people[first] = add_person(
            acme,
            name,
            f"{first}@acme.example",
            manager=world.people[manager] if manager else None,
            team=team,
            job_title=job_title,
        )
        return world.people[first]

    person("Hana Admin", None, "People", "HR Director")
    person("Ada Lead", None, "Leadership", "Managing Director")
    person("Bo Manager", "ada", "Operations", "Operations Manager")
    person("Cy Peer", "ada", "Sales", "Sales Manager")
    person("Di Report", "bo", "Operations", "Analyst")
    person("Ed Report", "bo", "Operations", "Planner")
    person("Fay Deep", "di", "Operations", "Intern")

    world.users["admin"] = add_account(acme, Role.ADMIN, person=world.people["hana"])
    world.users["manager"] = add_account(acme, Role.MANAGER, person=world.people["bo"])
    world.users["participant"] = add_account(acme, Role.PARTICIPANT, person=world.people["di"])
    world.users["coach"] = add_account(acme, Role.COACH, email="kit@coaching.example")
    coach = Membership.objects.get(user=world.users["coach"], organisation=acme)
    CoachAssignment.objects.create(coach=coach, person=world.people["cy"])

    olly = add_person(globex, "Olly Outsider", "olly@globex.example", team="Globex Team")
    world.users["outsider"] = add_account(globex, Role.ADMIN, person=olly)
    return world


@pytest.fixture
def org_world(db: None) -> OrgWorld:
    return make_world()


@pytest.fixture
def login_path(settings: Any) -> str:
    """The sign-in page's path, which pages send anonymous visitors to.

    ``LOGIN_URL`` names the accounts app's page; on a branch without it, the
    setting is pointed at its path so the redirect itself can still be checked.
    """
    try:
        reverse(settings.LOGIN_URL)
    except NoReverseMatch:
        settings.LOGIN_URL = LOGIN_PATH
    return LOGIN_PATH
