"""POST /rate/<token>/answer/ : htmx saves one of a rater's answers as soon as it is chosen."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone
from tests.web.rating.conftest import after_the_deadline
from tests.web.rating.helpers import HTMX, rate_url

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation, InvitationStatus, Status


def test_it_saves_one_answer(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    response = client.post(rate_url(invitation, "answer/"), {"env1": "4"}, **HTMX)
    assert response.status_code == 200
    assert b"Saved" in response.content
    rater_set.refresh_from_db()
    assert rater_set.answers == {"env1": 4}


def test_it_saves_not_observed_as_null(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    response = client.post(rate_url(invitation, "answer/"), {"env1": "not_observed"}, **HTMX)
    assert response.status_code == 200
    rater_set.refresh_from_db()
    assert rater_set.answers == {"env1": None}
    assert "env1" not in rater_set.missing(tlmi)


def test_it_refuses_what_the_instrument_does_not_allow(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    response = client.post(rate_url(invitation, "answer/"), {"env1": "6"}, **HTMX)
    assert response.status_code == 400
    assert b"Not saved: env1: 6 is outside the scale 1 to 5" in response.content
    rater_set.refresh_from_db()
    assert rater_set.answers == {}


def test_it_updates_the_box_of_unanswered_questions(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, {"pln1": 4, "env2": 4, "pln2": 4, "env3": 4})
    posted = {"pln3": "not_observed", "summary": "1"}
    html = client.post(rate_url(invitation, "answer/"), posted, **HTMX).content.decode()
    assert "One question has no answer yet" in html
    assert 'href="#q-env1"' in html
    assert "<title>Error: Direction (page 1 of 9)" in html
    assert rater_set.respond_token not in html


def test_it_says_in_place_that_the_questionnaire_closed_after_the_deadline(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    deadline = invitation.participant.campaign.deadline
    with after_the_deadline(invitation):
        response = client.post(rate_url(invitation, "answer/"), {"env1": "4"}, **HTMX)
    assert response.status_code == 409
    assert "HX-Redirect" not in response
    message = f"Not saved: this questionnaire closed on {deadline:%-d %B %Y}."
    assert message in response.content.decode()
    assert b"<html" not in response.content
    rater_set.refresh_from_db()
    assert rater_set.answers == {}


def test_it_says_in_place_that_a_released_campaign_closed(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    campaign = invitation.participant.campaign
    campaign.status, campaign.closed_at = Status.RELEASED, timezone.now()
    campaign.save()
    campaign.sync_answer_window()
    Invitation.objects.filter(pk=invitation.pk).update(
        status=InvitationStatus.CLOSED, response_set=None
    )
    response = client.post(rate_url(invitation, "answer/"), {"env1": "4"}, **HTMX)
    assert response.status_code == 409
    assert b"Not saved: this questionnaire closed on" in response.content


def test_it_sends_htmx_to_the_thanks_after_submission(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, dict.fromkeys(tlmi.item_ids, 3))
    rater_set.submit(tlmi)
    response = client.post(rate_url(invitation, "answer/"), {"env1": "1"}, **HTMX)
    assert response["HX-Redirect"] == rate_url(invitation)
    rater_set.refresh_from_db()
    assert rater_set.answers["env1"] == 3


def test_it_only_allows_post(client: Client, invitation: Invitation) -> None:
    assert client.get(rate_url(invitation, "answer/")).status_code == 405


def test_it_404s_for_an_unknown_link(client: Client, db: None) -> None:
    assert client.post("/rate/unknown/answer/", {"env1": "4"}, **HTMX).status_code == 404
