"""GET /rate/<token>/questions/ : start, or continue where the rater stopped, on any device."""

from __future__ import annotations

from django.test import Client
from tests.web.rating.conftest import after_the_deadline
from tests.web.rating.helpers import main_text, rate_url

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation


def test_it_opens_page_one_of_a_new_questionnaire(client: Client, invitation: Invitation) -> None:
    response = client.get(rate_url(invitation, "questions/"))
    assert response.status_code == 302
    assert response["Location"] == rate_url(invitation, "1/")


def test_it_resumes_on_another_device_at_the_first_unanswered_page(
    db: None, invitation: Invitation
) -> None:
    phone, laptop = Client(), Client()
    page_one = {"env1": "4", "pln1": "not_observed", "env2": "3", "pln2": "3"}
    page_one |= {"env3": "2", "pln3": "5", "domain:direction": "Clear goals."}
    assert phone.post(rate_url(invitation, "1/"), page_one)["Location"].endswith("/2/")
    phone.post(rate_url(invitation, "2/"), {"aln1": "4", "action": "next"})

    # The laptop has no cookie of the phone's: the link alone brings the rater back.
    response = laptop.get(rate_url(invitation, "questions/"))
    assert response["Location"] == rate_url(invitation, "2/")
    html = laptop.get(response["Location"]).content.decode()
    assert 'name="aln1" value="4" checked' in html
    page_one_again = laptop.get(rate_url(invitation, "1/")).content.decode()
    assert 'name="pln1" value="not_observed" checked' in page_one_again
    assert ">Clear goals.</textarea>" in page_one_again


def test_it_goes_to_the_open_questions_once_every_question_is_answered(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, dict.fromkeys(tlmi.item_ids, None))
    response = client.get(rate_url(invitation, "questions/"))
    assert response["Location"] == rate_url(invitation, "9/")


def test_it_thanks_a_rater_whose_answers_are_in(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, dict.fromkeys(tlmi.item_ids, 4))
    rater_set.submit(tlmi)
    response = client.get(rate_url(invitation, "questions/"))
    assert response["Location"] == rate_url(invitation)


def test_it_says_the_questionnaire_closed_after_the_deadline(
    client: Client, invitation: Invitation
) -> None:
    with after_the_deadline(invitation):
        response = client.get(rate_url(invitation, "questions/"))
    assert response.status_code == 200
    assert "This questionnaire closed on" in main_text(response)
