"""Fixtures of the accounts tests: one organisation with an account of every role.

Emails go to Django's locmem outbox (``mailoutbox``), and tasks run at once
instead of waiting for a worker.
"""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings
from tests.web.accounts.helpers import Actors, make_account

from twofold.web.accounts.models import Role
from twofold.web.organisations.models import Organisation

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_settings(settings: Settings) -> None:
    settings.TASKS = IMMEDIATE_TASKS
    # A real hasher takes most of a second per password here; what is tested is
    # which password works, not how it is hashed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = "https://twofold.example.org"


@pytest.fixture
def actors(db: None) -> Actors:
    acme = Organisation.objects.create(name="Acme", slug="acme")
    globex = Organisation.objects.create(name="Globex", slug="globex")
    manager = make_account(acme, "Mo Manager", "mo@acme.example", Role.MANAGER)
    participant = make_account(acme, "Pat Participant", "pat@acme.example", Role.PARTICIPANT)
    participant_person = participant.person
    assert participant_person is not None
    participant_person.manager = manager.person
    participant_person.save()
    return Actors(
        organisation=acme,
        admin=make_account(acme, "Ada Admin", "ada@acme.example", Role.ADMIN),
        manager=manager,
        coach=make_account(acme, "Cy Coach", "cy@acme.example", Role.COACH),
        participant=participant,
        outsider=make_account(globex, "Olga Outsider", "olga@globex.example", Role.ADMIN),
    )
