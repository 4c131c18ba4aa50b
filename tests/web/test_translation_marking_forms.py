"""Every word a person reads after a form goes through gettext: its errors and its messages.

As :mod:`tests.web.test_translation_marking` does for the pages themselves,
each test sends forms as their users would, right and wrong, with the
pseudo-translation active, and reads the page each one leads to: the form
again with its errors, or the next page with its message. The audit log is
read last, with the entries those actions wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoDbBlocker
from tests.web.campaigns.test_campaign_form import valid as campaign_form
from tests.web.organisations.test_import_page import BAD as BAD_PEOPLE
from tests.web.pseudo_translation import pseudo_translated, untranslated_html
from tests.web.translation_pages import checked, data, listed, post, signed_in
from tests.web.translation_world import Harbour, harbour_world

from twofold.web.accounts.emails import password_link
from twofold.web.accounts.models import ApiToken
from twofold.web.assessments.models import ResponseSet
from twofold.web.audit.models import Event
from twofold.web.campaigns.models import InvitationStatus, Participant
from twofold.web.organisations.people_file_views import PENDING
from twofold.web.organisations.people_files import csv_bytes
from twofold.web.organisations.services import export_people

pytestmark = pytest.mark.django_db

#: Where links in emails start, as settings.SITE_URL has it in the tests.
SITE = "http://localhost:8000"


@pytest.fixture(scope="module")
def harbour(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Harbour]:
    """One world for every page of this module, built once and rolled back at its end."""
    with harbour_world(django_db_blocker) as world:
        yield world


def test_it_marks_every_word_of_the_account_forms(harbour: Harbour) -> None:
    admin = harbour.user("admin")
    waiting = harbour.user("coach")  # an account without a password yet
    reset = password_link(admin, "accounts:password_reset_confirm").removeprefix(SITE)
    invited = password_link(waiting, "accounts:set_password").removeprefix(SITE)
    browser, newcomer, guesser = Client(), Client(), Client()
    for _ in range(settings.SIGNIN_ATTEMPTS - 1):
        guesser.post("/accounts/login/", {"username": "guess@example.org", "password": "no"})
    with pseudo_translated():
        responses = {
            "wrong password": post(
                Client(), "/accounts/login/", {"username": admin.email, "password": "no"}
            ),
            "signing in paused": post(
                guesser, "/accounts/login/", {"username": "guess@example.org", "password": "no"}
            ),
            "reset for a bad address": post(
                Client(), "/accounts/password_reset/", {"email": "nobody"}
            ),
            "new password": browser.get(reset, follow=True),
            "passwords that differ": post(
                browser,
                browser.get(reset, follow=True).redirect_chain[-1][0],
                {"new_password1": "tidy-Otter-batch-71", "new_password2": "other"},
            ),
            "first password": newcomer.get(invited, follow=True),
            "too short a password": post(
                newcomer,
                newcomer.get(invited, follow=True).redirect_chain[-1][0],
                {"new_password1": "abc", "new_password2": "abc"},
            ),
            "signed out": post(signed_in(admin), "/accounts/logout/"),
            "token without a name": post(signed_in(admin), "/accounts/tokens/", {"name": ""}),
            "new token": post(signed_in(admin), "/accounts/tokens/", {"name": "Laptop"}),
            "token revoked": post(
                signed_in(admin),
                f"/accounts/tokens/{ApiToken.objects.filter(user=admin).first().pk}/revoke/",
            ),
        }
    assert responses["signing in paused"].status_code == 429
    found = checked(responses, told=("signed out", "token revoked"))
    assert not found, listed(found)


def test_it_marks_every_word_of_the_members_forms(harbour: Harbour) -> None:
    admin = signed_in(harbour.user("admin"))
    members = f"/o/{harbour.slug}/members/"
    coach = harbour.user("coach").memberships.get()
    own = harbour.user("admin").memberships.get()
    with pseudo_translated():
        responses = {
            "invite nobody": post(admin, f"{members}invite/", {}),
            "invite": post(
                admin,
                f"{members}invite/",
                {"person": harbour.people["zoe.adams"].pk, "role": "coach"},
            ),
            "coach someone": post(
                admin, f"{members}{coach.pk}/coachees/", {"person": harbour.people["mei.chen"].pk}
            ),
            "coach no one": post(admin, f"{members}{coach.pk}/coachees/", {}),
            "coach no more": post(
                admin, f"{members}{coach.pk}/coachees/{harbour.people['mei.chen'].pk}/remove/"
            ),
            "new invitation": post(admin, f"{members}{coach.pk}/invitation/"),
            "new role": post(admin, f"{members}{coach.pk}/role/", {"role": "manager"}),
            "no role": post(admin, f"{members}{coach.pk}/role/", {"role": "king"}),
            "last administrator": post(admin, f"{members}{own.pk}/role/", {"role": "coach"}),
            "removed": post(admin, f"{members}{coach.pk}/remove/"),
        }
    found = checked(
        responses,
        told=(
            "invite",
            "coach someone",
            "coach no one",
            "coach no more",
            "new invitation",
            "new role",
            "no role",
            "last administrator",
            "removed",
        ),
    )
    assert not found, listed(found)


def test_it_marks_every_word_of_an_import(harbour: Harbour) -> None:
    admin = signed_in(harbour.user("admin"))
    path = f"/o/{harbour.slug}/people/import/"
    rows = export_people(harbour.organisation)
    rows[1][4] = "Chief Operating Officer"  # a changed job title
    rows = [*rows[:-1], ["Nia New", "nia@harbourvale.example", "", "Sales", "Intern"]]

    def upload(data: bytes, name: str) -> dict[str, Any]:
        return {"action": "preview", "file": SimpleUploadedFile(name, data)}

    with pseudo_translated():
        responses = {
            "no file": post(admin, path, {"action": "preview"}),
            "bad file": post(admin, path, upload(BAD_PEOPLE, "bad.csv")),
            "preview": post(admin, path, upload(csv_bytes(rows), "people.csv")),
        }
        digest = admin.session[PENDING]["digest"]
        responses["imported"] = post(admin, path, {"action": "confirm", "digest": digest})
        responses["gone"] = post(admin, path, {"action": "confirm", "digest": digest})
        responses["no one found"] = admin.get(f"/o/{harbour.slug}/people/?q=zzzz")
    found = checked(responses, told=("imported",))
    assert not found, listed(found)


def test_it_marks_every_word_of_the_campaign_forms(harbour: Harbour) -> None:
    admin = signed_in(harbour.user("admin"))
    path = harbour.campaign_path
    later = (timezone.now() + timedelta(days=60)).strftime("%Y-%m-%d")
    team = harbour.people["mei.chen"].team
    assert team is not None
    with pseudo_translated():
        responses = {
            "new, empty": post(admin, f"/o/{harbour.slug}/campaigns/new/"),
            "new, unsafe": post(
                admin,
                f"/o/{harbour.slug}/campaigns/new/",
                campaign_form(scores_peers="1", comments_peers="1", reminder_days="x"),
            ),
            "new": post(
                admin,
                f"/o/{harbour.slug}/campaigns/new/",
                campaign_form(deadline_0=later, name="Summer 360"),
            ),
            "settings, empty": post(admin, path("draft", "edit/")),
            "settings": post(
                admin, path("draft", "edit/"), campaign_form(deadline_0=later, name="Winter 360")
            ),
            "nobody added": post(admin, path("empty", "participants/")),
            "team added": post(admin, path("empty", "participants/"), {"team": team.pk}),
            "launch refused": post(admin, path("empty", "launch/")),
            "past deadline": post(
                admin, path("open", "extend/"), {"deadline_0": "2001-01-01", "deadline_1": "09:00"}
            ),
            "extended": post(
                admin, path("open", "extend/"), {"deadline_0": later, "deadline_1": "09:00"}
            ),
            "closed": post(admin, path("open", "close/")),
            "released": post(admin, path("closed", "release/")),
            "reopen, no date": post(admin, path("released", "reopen/"), {"deadline": ""}),
            "reopened": post(admin, path("released", "reopen/"), {"deadline": f"{later}T09:00"}),
        }
    found = checked(
        responses,
        told=("new", "settings", "team added", "extended", "closed", "released", "reopened"),
    )
    assert not found, listed(found)


def test_it_marks_every_word_of_nominating(harbour: Harbour) -> None:
    liam = signed_in(harbour.user("nominator"))
    daniel = signed_in(harbour.user("manager"))
    path = harbour.nominations_path()
    liams_list = Participant.objects.get(
        campaign=harbour.campaigns["nominating"], person=harbour.people["liam.byrne"]
    )
    proposal = liams_list.invitations.filter(status=InvitationStatus.PROPOSED).first()
    assert proposal is not None
    with pseudo_translated():
        responses = {
            "bad address": post(
                liam, f"{path}add/", {"group": "others", "name": "Al", "email": "al@"}
            ),
            "himself": post(
                liam, f"{path}add/", {"group": "peers", "person": harbour.people["liam.byrne"].pk}
            ),
            "added": post(
                liam, f"{path}add/", {"group": "others", "name": "Al", "email": "al@x.example"}
            ),
            "too few others": post(liam, f"{path}submit/"),
            "moved": post(liam, f"{path}{proposal.pk}/change/", {"group": "others"}),
            "approved": post(
                daniel, f"{path}{proposal.pk}/decide/", {"decision": "approve", "group": "peers"}
            ),
            "all approved": post(daniel, f"{path}approve-all/"),
            "approvals": daniel.get(f"/o/{harbour.slug}/approvals/"),
        }
    found = checked(responses, told=("added", "moved", "approved", "all approved"))
    assert not found, listed(found)


def test_it_marks_every_word_of_answering(harbour: Harbour, response_set: ResponseSet) -> None:
    rater = Client()
    link = f"/rate/{harbour.invitations['waiting'].token}/"
    htmx = {"HTTP_HX_REQUEST": "true"}
    with pseudo_translated():
        responses = {
            "rater, no answer": rater.post(f"{link}answer/", {}, **htmx),
            "rater, saved": rater.post(f"{link}answer/", {"env1": "4"}, **htmx),
            "rater, no comment": rater.post(f"{link}comment/", {}, **htmx),
            "self, saved": rater.post(
                f"/respond/{response_set.respond_token}/answer/", {"env1": "4"}, **htmx
            ),
            "declined": post(rater, f"{link}decline/"),
            "saved after declining": rater.post(f"{link}answer/", {"env1": "4"}, **htmx),
        }
    found = checked(responses)
    assert not found, listed(found)


def test_it_marks_every_word_of_the_audit_log(harbour: Harbour) -> None:
    """What the log records is written as it happens: in the words of the moment, translated."""
    Event.objects.all().delete()
    admin = signed_in(harbour.user("admin"))
    members = f"/o/{harbour.slug}/members/"
    coach = harbour.user("coach").memberships.get()
    later = (timezone.now() + timedelta(days=60)).strftime("%Y-%m-%d")
    path = harbour.campaign_path
    with pseudo_translated():
        post(
            admin, f"{members}invite/", {"person": harbour.people["zoe.adams"].pk, "role": "coach"}
        )
        post(admin, f"{members}{coach.pk}/role/", {"role": "manager"})
        post(admin, f"{members}{coach.pk}/remove/")
        admin.get(dict(harbour.links.reports)["Sofia Lindqvist"])
        admin.get(f"/o/{harbour.slug}/people/export/?format=csv")
        post(admin, path("draft", "edit/"), campaign_form(deadline_0=later, scores_peers="4"))
        post(admin, path("draft", "launch/"))
        post(admin, path("open", "extend/"), {"deadline_0": later, "deadline_1": "09:00"})
        post(admin, path("open", "close/"))
        post(admin, path("closed", "release/"))
        post(admin, path("released", "reopen/"), {"deadline": f"{later}T09:00"})
        log = admin.get(f"/o/{harbour.slug}/audit/")
    assert Event.objects.count() >= 10
    assert untranslated_html(log.content.decode(), data(audit=False)) == []
