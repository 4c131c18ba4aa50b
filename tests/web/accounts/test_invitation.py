"""Invitations: ensure_membership emails a new account a link to choose its password,
and /accounts/set-password/… lets the person choose it and signs them in."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.web.accounts.helpers import Actors, link_in, make_person, path_of

from twofold.web.accounts.models import Membership, Role
from twofold.web.accounts.services import ensure_membership
from twofold.web.accounts.tasks import send_invitation
from twofold.web.organisations.models import Person

CaptureCommits = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]
NEW_PASSWORD = "quiet-Harbour-lamp-38"


@pytest.fixture
def newcomer(actors: Actors) -> Person:
    return make_person(actors.organisation, "Nia Newcomer", "nia@acme.example")


def _invite(person: Person, capture: CaptureCommits, **kwargs: Any) -> Membership:
    with capture(execute=True):
        membership, created = ensure_membership(person, Role.PARTICIPANT, **kwargs)
    assert created
    return membership


def test_it_invites_a_new_account(
    newcomer: Person,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    _invite(newcomer, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nia@acme.example"]
    assert message.subject == "Choose your password for Twofold at Acme"
    body = str(message.body)
    assert body.startswith("Hello Nia Newcomer,")
    assert "with the role Participant" in body
    assert link_in(message).startswith("https://twofold.example.org/accounts/set-password/")
    assert "https://twofold.example.org/accounts/password_reset/" in body
    assert "for 3 days" in body


def test_it_writes_names_as_they_are_in_a_plain_text_email(
    actors: Actors,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    actors.organisation.name = "Smith & Sons"
    actors.organisation.save()
    person = make_person(actors.organisation, "Nia O'Neill", "nia@acme.example")
    _invite(person, django_capture_on_commit_callbacks)
    assert "Smith & Sons" in mailoutbox[0].subject
    assert "Hello Nia O'Neill," in str(mailoutbox[0].body)


def test_it_sends_nothing_when_asked_not_to(
    newcomer: Person,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    _invite(newcomer, django_capture_on_commit_callbacks, invite=False)
    assert mailoutbox == []


def test_it_sends_nothing_to_an_existing_account(
    actors: Actors,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    person = actors.participant.person
    assert person is not None
    with django_capture_on_commit_callbacks(execute=True):
        _membership, created = ensure_membership(person, Role.MANAGER)
    assert not created
    assert mailoutbox == []


def test_it_sends_nothing_when_the_transaction_is_rolled_back(
    newcomer: Person,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    # An import that fails half-way must not have emailed the people it added.
    def failing_import() -> None:
        with transaction.atomic():
            ensure_membership(newcomer, Role.PARTICIPANT)
            raise RuntimeError("the import failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        failing_import()
    assert mailoutbox == []
    assert not User.objects.filter(username="nia@acme.example").exists()


def test_it_queues_the_membership_id_for_the_worker(
    newcomer: Person,
    settings: Any,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    membership = _invite(newcomer, django_capture_on_commit_callbacks)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "twofold.web.accounts.tasks.send_invitation"
    assert queued.args_kwargs == {"args": [membership.pk], "kwargs": {}}
    assert mailoutbox == []  # sent when `twofold worker` runs it


def test_the_task_sends_nothing_once_a_password_is_chosen(
    newcomer: Person,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    membership = _invite(newcomer, django_capture_on_commit_callbacks, invite=False)
    membership.user.set_password(NEW_PASSWORD)
    membership.user.save()
    send_invitation.enqueue(membership.pk)
    assert mailoutbox == []


def test_the_task_sends_nothing_for_a_removed_membership(
    newcomer: Person,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    membership = _invite(newcomer, django_capture_on_commit_callbacks, invite=False)
    membership_id = membership.pk
    membership.delete()
    send_invitation.enqueue(membership_id)
    assert mailoutbox == []


def _invitation_link(
    person: Person, mailoutbox: list[EmailMessage], capture: CaptureCommits
) -> str:
    _invite(person, capture)
    return path_of(link_in(mailoutbox[-1]))


def test_it_lets_the_person_choose_a_password_and_signs_them_in(
    client: Client,
    newcomer: Person,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    link = _invitation_link(newcomer, mailoutbox, django_capture_on_commit_callbacks)
    opened = client.get(link)
    assert opened.status_code == 302
    form_url = opened["Location"]
    page = client.get(form_url).content.decode()
    assert "Choose your password" in page
    assert "nia@acme.example" in page

    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert response.redirect_chain[0] == (reverse("organisations:home"), 302)
    user = User.objects.get(username="nia@acme.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.check_password(NEW_PASSWORD)
    assert "Your password is set, and you are signed in." in response.content.decode()


def test_it_refuses_the_link_once_used(
    client: Client,
    newcomer: Person,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    link = _invitation_link(newcomer, mailoutbox, django_capture_on_commit_callbacks)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(link)
    assert again.status_code == 200
    assert "This link no longer works" in again.content.decode()


def test_it_refuses_the_link_after_three_days(
    newcomer: Person,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    sent = timezone.now()
    with time_machine.travel(sent, tick=False):
        link = _invitation_link(newcomer, mailoutbox, django_capture_on_commit_callbacks)
    lifetime = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)

    with time_machine.travel(sent + lifetime - timedelta(minutes=1), tick=False):
        assert Client().get(link).status_code == 302
    with time_machine.travel(sent + lifetime + timedelta(seconds=1), tick=False):
        expired = Client().get(link)
    page = expired.content.decode()
    assert expired.status_code == 200
    assert "This link no longer works" in page
    assert 'href="/accounts/password_reset/"' in page
    user = User.objects.get(username="nia@acme.example")
    assert not user.has_usable_password()


def test_it_refuses_a_link_with_a_made_up_account(client: Client, db: None) -> None:
    response = client.get("/accounts/set-password/OTk5OTk/abc-def/")
    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()
