"""GET /respond/<token>/ : the respond link continues where the person left off."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet


def test_it_opens_page_one_of_a_new_questionnaire(
    client: Client, response_set: ResponseSet
) -> None:
    response = client.get(f"/respond/{response_set.respond_token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/respond/{response_set.respond_token}/1/"


def test_it_resumes_at_the_first_unanswered_page(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    first_two_pages = ("env1", "env2", "env3", "pln1", "pln2", "pln3", "aln1")
    response_set.record(tlmi, dict.fromkeys(first_two_pages, 3))
    response = client.get(f"/respond/{response_set.respond_token}/")
    assert response.status_code == 302
    assert response["Location"].endswith("/2/")


def test_it_redirects_a_submitted_self_set_to_the_report(
    client: Client, completed: Assessment
) -> None:
    token = completed.self_response_set().respond_token
    response = client.get(f"/respond/{token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/report/{completed.report_token}/"


def test_it_404s_for_an_unknown_token(client: Client, db: None) -> None:
    response = client.get("/respond/not-a-real-token/")
    assert response.status_code == 404
    assert b"find that page" in response.content


def test_it_keeps_the_link_private(client: Client, response_set: ResponseSet) -> None:
    response = client.get(f"/respond/{response_set.respond_token}/")
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"


def test_it_says_a_campaigns_self_assessment_has_closed(
    client: Client, campaign_self: ResponseSet
) -> None:
    until = campaign_self.assessment.answers_until
    assert until is not None
    with time_machine.travel(until + timedelta(minutes=1), tick=False):
        response = client.get(f"/respond/{campaign_self.respond_token}/")
    assert response.status_code == 200
    assert f"Your self-assessment closed on {until:%-d %B %Y}" in response.content.decode()


def test_it_opens_no_raters_answers_by_their_own_token(
    client: Client, response_set: ResponseSet
) -> None:
    # A rater's set is reached only through their invitation's link.
    peer = ResponseSet.objects.create(
        assessment=response_set.assessment,
        rater_role=RaterRole.PEERS,
        instrument_id=response_set.instrument_id,
        instrument_version=response_set.instrument_version,
    )
    for url in ("", "1/"):
        assert client.get(f"/respond/{peer.respond_token}/{url}").status_code == 404
    assert client.post(f"/respond/{peer.respond_token}/answer/", {"env1": "4"}).status_code == 404
