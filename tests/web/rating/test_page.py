"""GET/POST /rate/<token>/<page>/ : the rater's questionnaire, the self-assessment's pages
with the observer's wording, "Not observed", comments and the open questions."""

from __future__ import annotations

import re
from html import unescape

from django.test import Client
from tests.web.rating.conftest import after_the_deadline
from tests.web.rating.helpers import main_text, rate_url

from twofold.content import questionnaire_texts
from twofold.core.instrument import Instrument
from twofold.core.questionnaire import pages
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation

PAGE_1 = ("env1", "pln1", "env2", "pln2", "env3", "pln3")


def _all_but_the_last_page(tlmi: Instrument) -> dict[str, int | None]:
    last = pages(tlmi)[-1]
    return {i: 4 for i in tlmi.item_ids if i not in last.item_ids}


def test_it_asks_the_self_questionnaires_pages_in_the_observers_words(
    client: Client, invitation: Invitation, tlmi: Instrument
) -> None:
    html = unescape(client.get(rate_url(invitation, "1/")).content.decode())
    ids = re.findall(r'<fieldset class="question[^"]*" id="q-([^"]+)"', html)
    assert tuple(ids) == pages(tlmi)[0].item_ids == PAGE_1
    assert "Page 1 of 9" in html  # the eight pages of the self-assessment, and the open questions
    assert "This person describes where our team should be" in html
    assert "I describe where our team should be" not in html
    assert questionnaire_texts()["instruction"]["observer"] in html
    assert "About Alex Morgan, as their peer" in html


def test_it_offers_not_observed_on_every_question(client: Client, invitation: Invitation) -> None:
    html = client.get(rate_url(invitation, "1/")).content.decode()
    assert html.count('value="not_observed"') == 6
    assert html.count(">Not observed<") == 6


def test_it_saves_not_observed_as_null_and_counts_it_as_answered(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    posted = dict.fromkeys(PAGE_1, "not_observed") | {"env1": "5"}
    response = client.post(rate_url(invitation, "1/"), posted)
    assert response.status_code == 302
    assert response["Location"] == rate_url(invitation, "2/")
    rater_set.refresh_from_db()
    assert rater_set.answers == dict.fromkeys(PAGE_1, None) | {"env1": 5}
    assert len(rater_set.missing(tlmi)) == 48 - 6


def test_it_saves_the_pages_comment_with_the_page(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    posted = dict.fromkeys(PAGE_1, "3") | {"domain:direction": "  Sets a clear course.\r\n"}
    client.post(rate_url(invitation, "1/"), posted)
    rater_set.refresh_from_db()
    assert rater_set.comments == {"domains": {"direction": "Sets a clear course."}}
    html = client.get(rate_url(invitation, "1/")).content.decode()
    assert ">Sets a clear course.</textarea>" in html
    assert 'maxlength="1500"' in html
    assert "Up to 1,500 characters." in html


def test_it_counts_a_line_break_as_one_character(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    # A browser counts a line break as one character against maxlength, then sends "\r\n".
    text = "a" * 749 + "\r\n" + "b" * 750
    client.post(rate_url(invitation, "1/"), {"domain:direction": text, "action": "back"})
    rater_set.refresh_from_db()
    assert len(rater_set.comments["domains"]["direction"]) == 1500


def test_it_refuses_a_comment_over_the_limit_and_keeps_nothing(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    too_long = "x" * 1501
    posted = dict.fromkeys(PAGE_1, "3") | {"domain:direction": too_long}
    response = client.post(rate_url(invitation, "1/"), posted)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Some answers or comments could not be saved" in html
    assert "domains.direction: 1,501 characters; the most is 1,500" in html
    assert f">{too_long}</textarea>" in html  # shown again, to be shortened
    rater_set.refresh_from_db()
    assert (rater_set.answers, rater_set.comments) == ({}, {})


def test_it_asks_the_open_questions_on_the_last_page(
    client: Client, invitation: Invitation
) -> None:
    html = unescape(client.get(rate_url(invitation, "9/")).content.decode())
    asked = questionnaire_texts()["observer"]["open_questions"]
    assert "In your own words" in html
    assert f"{asked['strength']} <span" in html
    assert f"{asked['change']} <span" in html
    assert 'name="open:strength"' in html
    assert 'name="open:change"' in html
    assert '<fieldset class="question' not in html
    assert "Submit my answers" in html


def test_it_submits_with_the_answers_to_the_open_questions(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, dict.fromkeys(tlmi.item_ids, 4))
    posted = {"open:strength": "Calm under pressure.", "open:change": ""}
    response = client.post(rate_url(invitation, "9/"), posted)
    assert response.status_code == 302
    assert response["Location"] == rate_url(invitation)
    rater_set.refresh_from_db()
    assert rater_set.is_submitted
    assert rater_set.comments == {"strength": "Calm under pressure."}
    assert "Thank you: your answers are in" in main_text(client.get(response["Location"]))


def test_it_never_duplicates_a_submission(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, dict.fromkeys(tlmi.item_ids, 4))
    first = client.post(rate_url(invitation, "9/"), {"open:strength": "Calm."})
    rater_set.refresh_from_db()
    submitted_at = rater_set.submitted_at
    again = client.post(rate_url(invitation, "9/"), {"open:strength": "Changed my mind."})
    assert first["Location"] == again["Location"] == rate_url(invitation)
    rater_set.refresh_from_db()
    assert rater_set.submitted_at == submitted_at
    assert rater_set.comments == {"strength": "Calm."}
    assert ResponseSet.objects.filter(assessment=rater_set.assessment).count() == 2  # self, peer


def test_it_names_the_unanswered_questions_when_submitting_early(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, _all_but_the_last_page(tlmi) | {"exm1": None})
    response = client.post(rate_url(invitation, "9/"), {"open:change": "Delegate more."})
    html = response.content.decode()
    assert response.status_code == 422
    assert "5 questions have no answer yet" in html
    assert f'href="/rate/{invitation.token}/8/#q-' in html
    rater_set.refresh_from_db()
    assert not rater_set.is_submitted
    assert rater_set.comments == {"change": "Delegate more."}


def test_it_goes_from_the_last_questions_to_the_open_questions(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, _all_but_the_last_page(tlmi))
    last = pages(tlmi)[-1]
    response = client.post(rate_url(invitation, "8/"), dict.fromkeys(last.item_ids, "2"))
    assert response["Location"] == rate_url(invitation, "9/")
    rater_set.refresh_from_db()
    assert not rater_set.is_submitted


def test_it_says_the_questionnaire_closed_after_the_deadline(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    with after_the_deadline(invitation):
        shown = client.get(rate_url(invitation, "1/"))
        posted = client.post(rate_url(invitation, "1/"), dict.fromkeys(PAGE_1, "3"))
    assert shown.status_code == 200
    assert posted.status_code == 409
    for response in (shown, posted):
        assert "This questionnaire closed on" in main_text(response)
        assert "<fieldset" not in main_text(response)
    rater_set.refresh_from_db()
    assert rater_set.answers == {}


def test_it_404s_for_a_page_that_does_not_exist(client: Client, invitation: Invitation) -> None:
    assert client.get(rate_url(invitation, "10/")).status_code == 404
    assert client.get(rate_url(invitation, "0/")).status_code == 404


def test_it_never_shows_the_response_sets_own_token(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    token = rater_set.respond_token
    for number in range(1, 10):
        assert token not in client.get(rate_url(invitation, f"{number}/")).content.decode()
    refused = client.post(rate_url(invitation, "9/"), {"open:strength": "x"})
    assert refused.status_code == 422
    assert token not in refused.content.decode()
