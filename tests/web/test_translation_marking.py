"""Every word a person reads on Twofold's pages and in its emails goes through gettext.

Each test reads a set of pages (or emails) as the person they are for, with a
pseudo-translation active (:mod:`tests.web.pseudo_translation`: every
translated string comes back inside ⟦…⟧), and collects the words left
outside the markers that are not data. A word found here is one that another
language could never replace without editing a template or the code. The
pages that forms lead to, with their errors and messages, are read by
:mod:`tests.web.test_translation_marking_forms`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, RequestFactory
from django.views.defaults import server_error
from pytest_django import DjangoDbBlocker
from tests.web import campaign_rows
from tests.web.pseudo_translation import pseudo_translated, untranslated_html, untranslated_text
from tests.web.translation_pages import data, listed, read, read_refusal, signed_in
from tests.web.translation_world import Harbour, harbour_world

from twofold.web.accounts.models import Membership, Role
from twofold.web.assessments.models import Assessment, ResponseSet
from twofold.web.campaigns import emails
from twofold.web.campaigns.models import Participant

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="module")
def harbour(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Harbour]:
    """One world for every page of this module, built once and rolled back at its end."""
    with harbour_world(django_db_blocker) as world:
        yield world


def test_it_marks_every_word_of_the_pages_anyone_can_open(harbour: Harbour) -> None:
    client = Client()
    anybody = {
        "home": (client, "/"),
        "sign-in": (client, "/accounts/login/"),
        "password reset": (client, "/accounts/password_reset/"),
        "password reset sent": (client, "/accounts/password_reset/done/"),
        "password reset done": (client, "/accounts/reset/done/"),
        "expired reset link": (client, "/accounts/reset/MQ/expired-token/"),
        "expired invitation link": (client, "/accounts/set-password/MQ/expired-token/"),
        "sign out": (signed_in(harbour.user("admin")), "/accounts/logout/"),
    }
    found = read(anybody)
    assert not found, listed(found)
    export = f"/o/{harbour.slug}/people/export/?format=pdf"
    assert read_refusal(client, "/no-such-page/", 404) == []
    assert read_refusal(signed_in(harbour.user("admin")), export, 400) == []
    refused = Client(enforce_csrf_checks=True)
    assert read_refusal(refused, "/accounts/login/", 403, method="post") == []
    with pseudo_translated():
        failed = server_error(RequestFactory().get("/"))
    assert untranslated_html(failed.content.decode(), data()) == []


def test_it_marks_every_word_of_the_self_assessment(
    harbour: Harbour, response_set: ResponseSet, completed: Assessment
) -> None:
    client = Client()
    token = response_set.respond_token
    late = Participant.objects.get(campaign=harbour.campaigns["closed"], person__name="Lin Late")
    assert late.assessment is not None
    pages = {
        "first page": (client, f"/respond/{token}/"),
        "last page": (client, f"/respond/{token}/8/"),
        "report not ready": (client, response_set.assessment.get_absolute_url()),
        "report": (client, completed.get_absolute_url()),
        "answering ended": (
            client,
            f"/respond/{late.assessment.self_response_set().respond_token}/",
        ),
    }
    found = read(pages)
    assert not found, listed(found)
    with pseudo_translated():
        unanswered = client.post(f"/respond/{token}/1/", {})
        no_name = client.post("/start/", {"subject_name": "x" * 200})
    assert unanswered.status_code == 422
    assert no_name.status_code == 400
    assert untranslated_html(unanswered.content.decode(), data()) == []
    assert untranslated_html(no_name.content.decode(), data()) == []


def test_it_marks_every_word_of_an_organisation_s_pages(harbour: Harbour) -> None:
    admin = signed_in(harbour.user("admin"))
    org = f"/o/{harbour.slug}"
    member = harbour.user("manager").memberships.get()
    coach = harbour.user("coach")
    elsewhere = campaign_rows.organisation("elsewhere", "Elsewhere")
    Membership.objects.create(user=coach, organisation=elsewhere, role=Role.COACH)
    nobody = User.objects.create_user("nobody@example.org", "nobody@example.org")
    pages = {
        "my organisations": (signed_in(coach), "/o/"),
        "no organisation": (signed_in(nobody), "/o/"),
        "people": (admin, f"{org}/people/"),
        "person": (admin, f"{org}/people/{harbour.people['kwame.mensah'].pk}/"),
        "teams": (admin, f"{org}/teams/"),
        "import": (admin, f"{org}/people/import/"),
        "members": (admin, f"{org}/members/"),
        "remove a member": (admin, f"{org}/members/{member.pk}/remove/"),
        "API tokens": (admin, "/accounts/tokens/"),
        "audit log": (admin, f"{org}/audit/"),
    }
    pages |= {
        f"home of a {role}": (signed_in(harbour.user(role)), f"{org}/")
        for role in ("admin", "manager", "coach", "participant", "waiting")
    }
    found = read(pages)
    assert not found, listed(found)


def test_it_marks_every_word_of_a_campaign_s_pages(harbour: Harbour) -> None:
    admin = signed_in(harbour.user("admin"))
    path = harbour.campaign_path
    pages = {
        "list": (admin, f"/o/{harbour.slug}/campaigns/"),
        "new": (admin, f"/o/{harbour.slug}/campaigns/new/"),
        "approvals": (signed_in(harbour.user("manager")), f"/o/{harbour.slug}/approvals/"),
        "nominations": (signed_in(harbour.user("nominator")), harbour.nominations_path()),
        "nominations, for the manager": (
            signed_in(harbour.user("manager")),
            harbour.nominations_path(),
        ),
        "nominations, for an administrator": (admin, harbour.nominations_path()),
    }
    for state in ("draft", "empty", "open", "closed", "released"):
        pages[f"{state} campaign"] = (admin, path(state))
    pages |= {
        "settings": (admin, path("draft", "edit/")),
        "participants": (admin, path("draft", "participants/?q=a")),
        "launch": (admin, path("draft", "launch/")),
        "launch with problems": (admin, path("empty", "launch/")),
        "extend": (admin, path("open", "extend/")),
        "close": (admin, path("open", "close/")),
        "release": (admin, path("closed", "release/")),
        "released": (admin, path("released", "release/")),
        "reopen": (admin, path("released", "reopen/")),
        "open campaign, for a manager": (signed_in(harbour.user("manager")), path("open")),
        "open campaign, for a coach": (signed_in(harbour.user("coach")), path("open")),
    }
    found = read(pages)
    assert not found, listed(found)


def test_it_marks_every_word_a_rater_reads(harbour: Harbour) -> None:
    rater = Client()
    link = f"/rate/{harbour.invitations['waiting'].token}/"
    manager = f"/rate/{harbour.invitations['manager'].token}/"
    pages = {
        "invitation": (rater, link),
        "invitation of a manager": (rater, manager),
        "questions": (rater, f"{link}questions/"),
        "open questions": (rater, f"{link}9/"),
        "decline": (rater, f"{link}decline/"),
        "declined": (rater, f"/rate/{harbour.invitations['declined'].token}/"),
        "thanks": (rater, f"/rate/{harbour.invitations['answered'].token}/"),
        "closed": (rater, f"/rate/{harbour.invitations['closed'].token}/"),
    }
    found = read(pages)
    assert not found, listed(found)
    with pseudo_translated():
        unanswered = rater.post(f"{link}1/", {})
    assert unanswered.status_code == 422
    assert untranslated_html(unanswered.content.decode(), data()) == []


def test_it_marks_every_word_of_the_reports(harbour: Harbour) -> None:
    sofia = harbour.user("participant")
    withheld = dict(harbour.links.reports)["Sofia Lindqvist"]
    waiting = Participant.objects.get(
        campaign=harbour.campaigns["open"], person=harbour.people["kwame.mensah"]
    )
    assert waiting.assessment is not None
    pages = {
        "360 report, for the administrator": (signed_in(harbour.user("admin")), withheld),
        "360 report, for its participant": (signed_in(sofia), withheld),
        "360 report, not released": (
            signed_in(harbour.user("admin")),
            waiting.assessment.get_absolute_url(),
        ),
    }
    found = read(pages)
    assert not found, listed(found)


def test_it_marks_every_word_of_the_emails(
    harbour: Harbour,
    settings: Any,
    mailoutbox: list[mail.EmailMessage],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = IMMEDIATE_TASKS
    liam = Participant.objects.get(
        campaign=harbour.campaigns["nominating"], person=harbour.people["liam.byrne"]
    )
    kwame = Participant.objects.get(
        campaign=harbour.campaigns["open"], person=harbour.people["kwame.mensah"]
    )
    admin = signed_in(harbour.user("admin"))
    newcomer = harbour.people["zoe.adams"]
    with pseudo_translated():
        built = [
            emails.invitation_email(harbour.invitations["waiting"]),
            emails.invitation_email(harbour.invitations["manager"]),
            emails.rater_reminder_email(harbour.invitations["waiting"]),
            emails.participant_opening_email(kwame),
            emails.participant_reminder_email(kwame),
            emails.approval_request_email(liam),
        ]
        with django_capture_on_commit_callbacks(execute=True):
            invite = {"person": newcomer.pk, "role": "coach"}
            assert admin.post(f"/o/{harbour.slug}/members/invite/", invite).status_code == 302
        Client().post("/accounts/password_reset/", {"email": harbour.links.admin_email})
    sent = [message for message in built if message is not None] + mailoutbox
    assert len(sent) == 8
    allowed = data()
    found: dict[str, list[str]] = {}
    for message in sent:
        words = untranslated_text(message.subject, allowed)
        words += untranslated_text(str(message.body), allowed)
        for html, _kind in getattr(message, "alternatives", []):
            words += untranslated_html(str(html), allowed)
        if words:
            found[message.subject] = words
    assert not found, listed(found)
