"""Helpers of the accounts tests: accounts of each role, and browsers signed in as them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.test import Client

from twofold.web.accounts.models import Membership, Role
from twofold.web.organisations.models import Organisation, Person

PASSWORD = "tidy-Otter-batch-71"


def make_person(organisation: Organisation, name: str, email: str, **fields: object) -> Person:
    return Person.objects.create(organisation=organisation, name=name, email=email, **fields)


def make_account(
    organisation: Organisation, name: str, email: str, role: Role, *, password: str = PASSWORD
) -> Membership:
    """A person of ``organisation`` with an account of ``role`` and a password."""
    person = make_person(organisation, name, email)
    user = User.objects.create_user(username=email, email=email, password=password)
    return Membership.objects.create(user=user, organisation=organisation, role=role, person=person)


@dataclass
class Actors:
    organisation: Organisation
    admin: Membership
    manager: Membership
    coach: Membership
    participant: Membership
    #: An administrator of another organisation.
    outsider: Membership


def client_for(membership: Membership | None, *, enforce_csrf: bool = False) -> Client:
    """A browser signed in as ``membership``'s account (or no one)."""
    client = Client(enforce_csrf_checks=enforce_csrf)
    if membership is not None:
        client.force_login(membership.user)
    return client


def link_in(message: EmailMessage) -> str:
    """The one link in an email's body."""
    links = re.findall(r"https?://\S+", str(message.body))
    assert len(links) >= 1, message.body
    return links[0]


def path_of(link: str, site_url: str = "https://twofold.example.org") -> str:
    assert link.startswith(site_url + "/"), link
    return link.removeprefix(site_url)
