"""POST /rate/<token>/comment/ : htmx saves a comment when the rater leaves its box."""

from __future__ import annotations

from django.test import Client
from tests.web.rating.conftest import after_the_deadline
from tests.web.rating.helpers import HTMX, rate_url

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation


def test_it_saves_a_pages_comment(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    response = client.post(
        rate_url(invitation, "comment/"), {"domain:change": "Steady in change."}, **HTMX
    )
    assert response.status_code == 200
    assert b"Saved" in response.content
    rater_set.refresh_from_db()
    assert rater_set.comments == {"domains": {"change": "Steady in change."}}


def test_it_keeps_a_domain_called_change_apart_from_the_open_question(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    # The TLMI has a domain "change"; the open question "change" is another comment.
    url = rate_url(invitation, "comment/")
    client.post(url, {"domain:change": "Steady in change."}, **HTMX)
    client.post(url, {"open:change": "Delegate more."}, **HTMX)
    rater_set.refresh_from_db()
    assert rater_set.comments == {
        "domains": {"change": "Steady in change."},
        "change": "Delegate more.",
    }


def test_it_removes_a_comment_emptied(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record_comments(tlmi, {"strength": "Listens.", "domains": {"risk": "Bold."}})
    client.post(rate_url(invitation, "comment/"), {"open:strength": "   "}, **HTMX)
    rater_set.refresh_from_db()
    assert rater_set.comments == {"domains": {"risk": "Bold."}}


def test_it_refuses_a_comment_over_the_limit(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    posted = {"open:strength": "x" * 1501}
    response = client.post(rate_url(invitation, "comment/"), posted, **HTMX)
    assert response.status_code == 400
    assert b"Not saved: strength: 1,501 characters; the most is 1,500" in response.content
    rater_set.refresh_from_db()
    assert rater_set.comments == {}


def test_it_names_a_comment_the_questionnaire_does_not_ask_for(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    url = rate_url(invitation, "comment/")
    unknown_page = client.post(url, {"domain:nowhere": "x"}, **HTMX)
    unknown_question = client.post(url, {"open:praise": "x"}, **HTMX)
    assert unknown_page.status_code == unknown_question.status_code == 400
    assert b"domains.nowhere: no such domain in tlmi@1.0" in unknown_page.content
    assert b"praise: not a comment this questionnaire asks for" in unknown_question.content
    rater_set.refresh_from_db()
    assert rater_set.comments == {}


def test_it_takes_exactly_one_comment(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    posted = {"open:strength": "a", "open:change": "b"}
    response = client.post(rate_url(invitation, "comment/"), posted, **HTMX)
    assert response.status_code == 400
    assert b"Send exactly one comment." in response.content


def test_it_says_in_place_that_the_questionnaire_closed_after_the_deadline(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    with after_the_deadline(invitation):
        response = client.post(rate_url(invitation, "comment/"), {"open:change": "x"}, **HTMX)
    assert response.status_code == 409
    assert b"Not saved: this questionnaire closed on" in response.content
    rater_set.refresh_from_db()
    assert rater_set.comments == {}


def test_it_is_not_offered_on_a_self_assessment(client: Client, db: None) -> None:
    from twofold.web.assessments.services import start_self_assessment

    token = start_self_assessment().respond_token
    assert client.post(f"/respond/{token}/comment/", {"open:change": "x"}).status_code == 404
    html = client.get(f"/respond/{token}/1/").content.decode()
    assert "<textarea" not in html
    assert "not_observed" not in html
