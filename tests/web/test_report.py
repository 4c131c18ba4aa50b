"""GET /report/<token>/ : the report of a completed self-assessment."""

from __future__ import annotations

import re
from html import unescape

from django.test import Client

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import Assessment, ResponseSet


def _url(assessment: Assessment) -> str:
    return f"/report/{assessment.report_token}/"


def test_it_shows_the_report(client: Client, completed: Assessment) -> None:
    # Planning a little lower than the rest gives a practice to develop.
    response_set = completed.self_response_set()
    ResponseSet.objects.filter(pk=response_set.pk).update(
        answers={**response_set.answers, "pln1": 2, "pln2": 3}
    )
    response = client.get(_url(completed))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bob Example" in html
    assert "Twofold Leader–Manager Inventory, version 1.0" in html
    assert 'region-badge__name">Integrator<' in html
    assert html.count("<svg") >= 2
    assert "Where you stand" in html
    assert "Where to develop" in html
    assert 'class="activity__kind"' in html


def test_it_says_how_sure_it_is(client: Client, completed: Assessment, tlmi: Instrument) -> None:
    response = client.get(_url(completed))
    html = unescape(response.content.decode())
    # The words as read: spans that keep a formula on one line are no part of them.
    text = re.sub(r"<[^>]+>", "", html)
    assert response.status_code == 200
    assert "How sure is this?" in html
    assert "likely between" in html
    assert tlmi.composite("leadership").sem_source in text
    assert "self-assessment" in text
    assert "This link is private" in html


def test_it_is_private_and_not_cached(client: Client, completed: Assessment) -> None:
    response = client.get(_url(completed))
    assert response.status_code == 200
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"
    # Never sent to another site; same-origin so the header's sign-out form posts.
    assert response["Referrer-Policy"] == "same-origin"


def test_it_404s_for_an_unknown_token(client: Client, db: None) -> None:
    response = client.get("/report/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")
    assert response.status_code == 404
    assert b"find that page" in response.content
    assert b"Traceback" not in response.content


def test_it_waits_for_the_answers(client: Client, response_set: ResponseSet) -> None:
    response = client.get(_url(response_set.assessment))
    assert response.status_code == 200
    assert b"not ready yet" in response.content
    assert response_set.respond_token.encode() not in response.content


def test_it_only_allows_get(client: Client, completed: Assessment) -> None:
    assert client.post(_url(completed)).status_code == 405


def test_it_says_where_a_score_rests_on_fewer_answers(
    client: Client, completed: Assessment, tlmi: Instrument
) -> None:
    # A report stored before every answer was required (or rebuilt from fewer):
    # Planning answered 1 and 2 of its three questions gives 1.5 from 2 of 3.
    response_set = completed.self_response_set()
    answers = dict(response_set.answers)
    answers.update(pln1=1, pln2=2)
    del answers["pln3"]
    ResponseSet.objects.filter(pk=response_set.pk).update(answers=answers)
    html = unescape(client.get(_url(completed)).content.decode())
    # The chart (both layouts), the table and the development card all say so.
    assert html.count(">1.5 (2 of 3)<") == 2
    assert html.count('1.5 <span class="partial-note">(2 of 3 answered)</span>') == 1
    assert '1.5</span> <span class="partial-note">(2 of 3 answered)</span>' in html
    assert "Planning is among your lowest practice scores, at 1.5 of 5" in html
