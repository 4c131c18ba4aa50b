"""Reading Twofold's pages under the pseudo-translation: what counts as data, and what is found.

The tests of :mod:`tests.web.test_translation_marking` and
:mod:`tests.web.test_translation_marking_forms` read pages with these: each
page as its reader gets it, with everything that is not UI text allowed
(:func:`data`, :func:`allowed_on`) and every other word outside the markers
reported, page by page (:func:`listed`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django.test.utils import ContextList
from django.utils import timezone
from tests.web.pseudo_translation import Allowed, pseudo_translated, untranslated_html

from twofold.core.people import COLUMNS as PEOPLE_FILE_COLUMNS
from twofold.web.accounts.models import ApiToken
from twofold.web.assessments.models import Assessment, ResponseSet
from twofold.web.audit.models import Event
from twofold.web.campaigns.models import Campaign, Invitation
from twofold.web.organisations.models import Organisation, Person, Team

#: The box that shows what an action did, in whichever page's own place.
_MESSAGES = re.compile(r'class="[^"]*(?:messages|notices)[^"]*" role="status"')


def data(*, audit: bool = True) -> Allowed:
    """Everything people typed or imported, which no translation touches.

    ``audit``: and what the audit log recorded, in the words of the moment it
    was written (the test of the log writes its own entries under the markers).
    """
    allowed = Allowed()
    allowed.add(
        list(Organisation.objects.values_list("name", flat=True)),
        list(Team.objects.values_list("name", flat=True)),
        list(Person.objects.values_list("name", "email", "job_title")),
        list(User.objects.values_list("username", "email", "first_name", "last_name")),
        list(Campaign.objects.values_list("name", flat=True)),
        list(Invitation.objects.values_list("name", "email")),
        list(Assessment.objects.values_list("subject_name", flat=True)),
        list(ApiToken.objects.values_list("name", "hint")),
        list(ResponseSet.objects.values_list("comments", flat=True)),
        list(Event.objects.values_list("actor_label", flat=True)),
        list(Event.objects.values_list("summary", flat=True)) if audit else [],
        # The people file's columns, which a file must name as they are in any language.
        list(PEOPLE_FILE_COLUMNS),
        timezone.localtime().tzname(),
    )
    return allowed


def allowed_on(response: HttpResponse) -> Allowed:
    """The data, and on a report page the words of the report model and its charts.

    Those are :mod:`twofold.reports`' words, not gettext's: most come from the
    content files, and the few the package writes itself are for a later
    issue to move there (docs/decisions/0022).
    """
    allowed = data()
    contexts = response.context
    for context in contexts if isinstance(contexts, ContextList) else [contexts]:
        if context is None:
            continue
        values = context.flatten()
        allowed.add(values.get("report"))
        for value in values.values():
            for chart in value if isinstance(value, list) else [value]:
                if isinstance(chart, str) and chart.startswith("<svg"):
                    allowed.add_html(chart)
    return allowed


def listed(found: dict[str, list[str]]) -> str:
    """The words found, page by page, one per line: what a failure shows."""
    return "\n".join(f"{name}: {words!r}" for name, many in found.items() for words in many)


def read(pages: dict[str, tuple[Client, str]]) -> dict[str, list[str]]:
    """The words not translated on each page, which must be there (200, redirects followed)."""
    found = {}
    with pseudo_translated():
        for name, (client, path) in pages.items():
            response = client.get(path, follow=True)
            assert response.status_code == 200, (name, response.status_code)
            assert response.wsgi_request.path != "/accounts/login/" or path == "/accounts/login/"
            found[name] = untranslated_html(response.content.decode(), allowed_on(response))
    return {name: words for name, words in found.items() if words}


def read_refusal(client: Client, path: str, status: int, method: str = "get") -> list[str]:
    """The words not translated on a page that refuses: not found, a bad request."""
    with pseudo_translated():
        response = getattr(client, method)(path)
    assert response.status_code == status, path
    return untranslated_html(response.content.decode(), data())


def post(client: Client, path: str, fields: dict[str, Any] | None = None) -> HttpResponse:
    """POST, then follow to the page that shows the outcome (its message, or the errors)."""
    return client.post(path, fields or {}, follow=True)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def checked(
    responses: dict[str, HttpResponse], *, told: Iterable[str] = ()
) -> dict[str, list[str]]:
    """The words not translated on each page a form led to.

    Every page must be one the form leads to (not a refusal), and those named
    in ``told`` must say what happened in a message, so that the messages'
    words are read too.
    """
    for name, response in responses.items():
        assert response.status_code not in (403, 404, 405), (name, response.status_code)
    for name in told:
        assert _MESSAGES.search(responses[name].content.decode()), f"{name}: no message"
    found = {
        name: untranslated_html(response.content.decode(), allowed_on(response))
        for name, response in responses.items()
    }
    return {name: words for name, words in found.items() if words}
