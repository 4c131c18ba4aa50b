"""GET/POST /respond/<token>/<page>/ : one page of the questionnaire."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import time_machine
from django.test import Client

from twofold.content import questionnaire_texts
from twofold.core.instrument import Instrument
from twofold.core.questionnaire import pages
from twofold.web.assessments.models import Assessment, ResponseSet

PAGE_1 = ("env1", "pln1", "env2", "pln2", "env3", "pln3")


def _url(response_set: ResponseSet, page: int) -> str:
    return f"/respond/{response_set.respond_token}/{page}/"


def test_it_shows_one_domain_per_page(client: Client, response_set: ResponseSet) -> None:
    response = client.get(_url(response_set, 1))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<fieldset class="question') == 6
    assert "Page 1 of 8" in html
    assert '<progress id="progress-bar" max="8" value="1">' in html
    assert "<legend" in html
    assert ">Rarely<" in html
    assert ">Almost always<" in html
    assert 'hx-trigger="change"' in html
    assert "X-CSRFToken" in html


def test_it_alternates_leadership_and_management_items(tlmi: Instrument) -> None:
    assert pages(tlmi)[0].item_ids == PAGE_1
    assert sum(len(page.questions) for page in pages(tlmi)) == 48


def test_it_saves_the_answers_and_goes_on(client: Client, response_set: ResponseSet) -> None:
    posted = dict.fromkeys(PAGE_1, "4")
    response = client.post(_url(response_set, 1), {**posted, "action": "next"})
    assert response.status_code == 302
    assert response["Location"] == _url(response_set, 2)
    response_set.refresh_from_db()
    assert response_set.answers == dict.fromkeys(PAGE_1, 4)


def test_it_names_unanswered_questions(client: Client, response_set: ResponseSet) -> None:
    posted = dict.fromkeys(PAGE_1[:4], "3")
    response = client.post(_url(response_set, 1), {**posted, "action": "next"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "2 questions have no answer yet" in html
    assert 'href="#q-env3"' in html
    assert "Question 5: I look beyond current tasks" in html
    assert html.count('aria-invalid="true"') == 2
    response_set.refresh_from_db()
    assert response_set.answers == dict.fromkeys(PAGE_1[:4], 3)


def test_it_shows_saved_answers_on_reload(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    response_set.record(tlmi, {"env1": 2, "pln1": 5})
    response = client.get(_url(response_set, 1))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="env1" value="2" checked' in html
    assert 'name="pln1" value="5" checked' in html
    assert html.count(" checked") == 2


def test_it_goes_back_without_requiring_answers(client: Client, response_set: ResponseSet) -> None:
    response = client.post(_url(response_set, 2), {"aln1": "5", "action": "back"})
    assert response.status_code == 302
    assert response["Location"] == _url(response_set, 1)
    response_set.refresh_from_db()
    assert response_set.answers == {"aln1": 5}


def test_it_submits_on_the_last_page(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    last = pages(tlmi)[-1]
    response_set.record(tlmi, {i: 4 for i in tlmi.item_ids if i not in last.item_ids})
    response = client.post(_url(response_set, 8), {**dict.fromkeys(last.item_ids, "5")})
    response_set.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/report/{response_set.assessment.report_token}/"
    assert response_set.submitted_at is not None
    assert response_set.assessment.completed_at == response_set.submitted_at


def test_it_names_questions_left_on_other_pages_when_finishing(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    last = pages(tlmi)[-1]
    response_set.record(tlmi, {i: 4 for i in tlmi.item_ids if i not in {*last.item_ids, "org2"}})
    response = client.post(_url(response_set, 8), dict.fromkeys(last.item_ids, "5"))
    assert response.status_code == 422
    assert f'href="{_url(response_set, 2)}#q-org2"' in response.content.decode()
    response_set.refresh_from_db()
    assert response_set.submitted_at is None


def test_it_rejects_a_value_off_the_scale(client: Client, response_set: ResponseSet) -> None:
    response = client.post(_url(response_set, 1), {"env1": "9", "pln1": "3", "action": "next"})
    assert response.status_code == 400
    assert b"outside the scale 1 to 5" in response.content
    response_set.refresh_from_db()
    assert response_set.answers == {}


def test_it_404s_for_a_page_that_does_not_exist(client: Client, response_set: ResponseSet) -> None:
    assert client.get(_url(response_set, 9)).status_code == 404
    assert client.get(_url(response_set, 0)).status_code == 404


def test_it_sends_a_submitted_set_to_the_report(client: Client, completed: Assessment) -> None:
    response = client.get(_url(completed.self_response_set(), 3))
    assert response.status_code == 302
    assert response["Location"] == f"/report/{completed.report_token}/"


def test_it_keeps_the_page_private(client: Client, response_set: ResponseSet) -> None:
    response = client.get(_url(response_set, 1))
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"
    # same-origin, not no-referrer: browsers send "Origin: null" under no-referrer,
    # and Django's CSRF check then refuses the page's own form.
    assert response["Referrer-Policy"] == "same-origin"


def test_it_gives_the_instruction_the_terminal_gives(
    client: Client, response_set: ResponseSet
) -> None:
    texts = questionnaire_texts()
    html = unescape(client.get(_url(response_set, 1)).content.decode())
    assert texts["instruction"]["self"] in html
    assert texts["answer_rule"] in html
    # The practice a statement measures is never named above it.
    assert "Envisioning" not in html
    assert "Planning" not in html


def test_it_asks_answers_to_update_the_box_of_unanswered_questions(
    client: Client, response_set: ResponseSet
) -> None:
    html = client.get(_url(response_set, 1)).content.decode()
    assert "summary" not in html
    response = client.post(_url(response_set, 1), {"env1": "4", "action": "next"})
    html = response.content.decode()
    assert response.status_code == 422
    assert html.count(""" hx-vals='{"summary": "1"}\'""") == 6
    assert 'data-question="q-pln3"' in html


def test_it_says_a_campaigns_self_assessment_has_closed(
    client: Client, campaign_self: ResponseSet
) -> None:
    until = campaign_self.assessment.answers_until
    assert until is not None
    with time_machine.travel(until + timedelta(minutes=1), tick=False):
        shown = client.get(_url(campaign_self, 1))
        posted = client.post(_url(campaign_self, 1), dict.fromkeys(PAGE_1, "4"))
    assert (shown.status_code, posted.status_code) == (200, 409)
    for response in (shown, posted):
        assert b"This questionnaire has closed" in response.content
        assert b"<fieldset" not in response.content
    campaign_self.refresh_from_db()
    assert campaign_self.answers == {}


def test_it_submits_a_campaigns_self_assessment_to_the_report_page(
    client: Client, campaign_self: ResponseSet, tlmi: Instrument
) -> None:
    last = pages(tlmi)[-1]
    campaign_self.record(tlmi, {i: 4 for i in tlmi.item_ids if i not in last.item_ids})
    assert b"Submit my answers" in client.get(_url(campaign_self, 8)).content
    response = client.post(_url(campaign_self, 8), dict.fromkeys(last.item_ids, "3"))
    assert response.status_code == 302
    assert response["Location"] == f"/report/{campaign_self.assessment.report_token}/"
    campaign_self.refresh_from_db()
    assert campaign_self.is_submitted
