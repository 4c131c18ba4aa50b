"""POST /respond/<token>/answer/ : htmx saves one answer as soon as it is chosen."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from twofold.core.questionnaire import pages
from twofold.web.assessments import services
from twofold.web.assessments.models import Assessment, ResponseSet

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(response_set: ResponseSet) -> str:
    return f"/respond/{response_set.respond_token}/answer/"


def test_it_saves_one_answer(client: Client, response_set: ResponseSet) -> None:
    response = client.post(_url(response_set), {"env1": "4"}, **HTMX)
    assert response.status_code == 200
    assert b"Saved" in response.content
    response_set.refresh_from_db()
    assert response_set.answers == {"env1": 4}


def test_it_changes_a_saved_answer(client: Client, response_set: ResponseSet) -> None:
    client.post(_url(response_set), {"env1": "4"}, **HTMX)
    response = client.post(_url(response_set), {"env1": "2"}, **HTMX)
    assert response.status_code == 200
    response_set.refresh_from_db()
    assert response_set.answers == {"env1": 2}


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"nope1": "3"}, b"nope1: no such item"),
        ({"env1": "6"}, b"env1: 6 is outside the scale 1 to 5"),
        ({"env1": "0"}, b"env1: 0 is outside the scale 1 to 5"),
        ({"env1": "often"}, b"is not a whole number"),
        ({"env1": "not_observed"}, b"give an answer from 1 to 5"),
    ],
)
def test_it_rejects_what_the_instrument_does_not_allow(
    client: Client, response_set: ResponseSet, posted: dict[str, str], message: bytes
) -> None:
    response = client.post(_url(response_set), posted, **HTMX)
    assert response.status_code == 400
    assert message in response.content
    response_set.refresh_from_db()
    assert response_set.answers == {}


def test_it_takes_exactly_one_answer(client: Client, response_set: ResponseSet) -> None:
    response = client.post(_url(response_set), {"env1": "4", "env2": "4"}, **HTMX)
    assert response.status_code == 400
    response_set.refresh_from_db()
    assert response_set.answers == {}


def test_it_accepts_the_csrf_header_htmx_sends(db: None, response_set: ResponseSet) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.get(f"/respond/{response_set.respond_token}/1/")
    token = browser.cookies["csrftoken"].value
    refused = browser.post(_url(response_set), {"env1": "4"}, **HTMX)
    accepted = browser.post(_url(response_set), {"env1": "4"}, HTTP_X_CSRFTOKEN=token, **HTMX)
    assert (refused.status_code, accepted.status_code) == (403, 200)


def test_it_sends_htmx_to_the_report_after_submission(
    client: Client, completed: Assessment
) -> None:
    response_set = completed.self_response_set()
    response = client.post(_url(response_set), {"env1": "1"}, **HTMX)
    assert response["HX-Redirect"] == f"/report/{completed.report_token}/"
    response_set.refresh_from_db()
    assert response_set.answers["env1"] == 4


def test_it_404s_for_an_unknown_token(client: Client, db: None) -> None:
    response = client.post("/respond/unknown/answer/", {"env1": "4"}, **HTMX)
    assert response.status_code == 404


def test_it_only_allows_post(client: Client, response_set: ResponseSet) -> None:
    assert client.get(_url(response_set)).status_code == 405


def test_it_updates_the_box_of_unanswered_questions(
    client: Client, response_set: ResponseSet
) -> None:
    # Page 1 (Direction) asks env1-3 and pln1-3; four are answered, two are not.
    response_set.record(
        services.instrument_for(response_set), {"env1": 4, "pln1": 4, "env2": 4, "pln2": 4}
    )
    response = client.post(_url(response_set), {"env3": "3", "summary": "1"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert 'hx-swap-oob="true"' in html
    assert "One question has no answer yet" in html
    assert 'href="#q-pln3"' in html
    assert "#q-env3" not in html
    assert "<title>Error: Direction (page 1 of 8)" in html

    response = client.post(_url(response_set), {"pln3": "3", "summary": "1"}, **HTMX)
    html = response.content.decode()
    assert "no answer yet" not in html
    assert "Every question on this page has an answer now" in html
    assert "<title>Direction (page 1 of 8)" in html
    response_set.refresh_from_db()
    assert len(response_set.answers) == 6


def test_it_lists_every_unanswered_question_on_the_last_page(
    client: Client, response_set: ResponseSet
) -> None:
    # On the last page the box lists what Submit found missing anywhere.
    instrument = services.instrument_for(response_set)
    last = pages(instrument)[-1]
    response_set.record(instrument, dict.fromkeys(instrument.item_ids[1:], 4))
    response = client.post(_url(response_set), {last.item_ids[0]: "4", "summary": "1"}, **HTMX)
    html = response.content.decode()
    assert "One question has no answer yet" in html
    assert f"/respond/{response_set.respond_token}/1/#q-env1" in html


def test_it_sends_no_box_when_the_page_shows_none(
    client: Client, response_set: ResponseSet
) -> None:
    response = client.post(_url(response_set), {"env1": "4"}, **HTMX)
    assert b"error-summary" not in response.content
    assert b"<title>" not in response.content


def test_it_says_in_place_that_a_campaigns_self_assessment_closed(
    client: Client, campaign_self: ResponseSet
) -> None:
    until = campaign_self.assessment.answers_until
    assert until is not None
    with time_machine.travel(until + timedelta(minutes=1), tick=False):
        response = client.post(_url(campaign_self), {"env1": "4"}, **HTMX)
    assert response.status_code == 409
    assert f"Not saved: this questionnaire closed on {until:%-d %B %Y}" in response.content.decode()
    campaign_self.refresh_from_db()
    assert campaign_self.answers == {}
