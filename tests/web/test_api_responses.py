"""/api/responses/{token} : read answers, save some, submit them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone
from tests.web.helpers import assert_error_shape

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.campaigns.models import Campaign, Participant
from twofold.web.organisations.models import Organisation, Person


def _put(client: Client, response_set: ResponseSet, answers: Any) -> Any:
    return client.put(
        f"/api/responses/{response_set.respond_token}/answers",
        {"answers": answers},
        content_type="application/json",
    )


def _submit(client: Client, token: str) -> Any:
    return client.post(f"/api/responses/{token}/submit")


def test_it_returns_the_answers_so_far(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    response_set.record(tlmi, {"env1": 5})
    response = client.get(f"/api/responses/{response_set.respond_token}")
    body = response.json()
    assert response.status_code == 200
    assert (body["instrument"], body["role"], body["answers"]) == (tlmi.ref, "self", {"env1": 5})
    assert (body["answered"], body["total"], len(body["missing"])) == (1, 48, 47)


def test_it_404s_for_an_unknown_token(client: Client, db: None) -> None:
    assert_error_shape(client.get("/api/responses/nope"), 404)
    assert_error_shape(_submit(client, "nope"), 404)


def test_it_saves_some_answers(client: Client, response_set: ResponseSet) -> None:
    response = _put(client, response_set, {"env1": 1, "pln2": 5})
    assert response.status_code == 200
    assert response.json()["answered"] == 2
    response_set.refresh_from_db()
    assert response_set.answers == {"env1": 1, "pln2": 5}


def test_it_404s_when_saving_to_an_unknown_token(client: Client, db: None) -> None:
    response = client.put(
        "/api/responses/nope/answers", {"answers": {}}, content_type="application/json"
    )
    assert_error_shape(response, 404)


def test_it_rejects_unknown_items_and_values_off_the_scale(
    client: Client, response_set: ResponseSet
) -> None:
    error = assert_error_shape(_put(client, response_set, {"env1": 6, "zzz": 3, "pln1": 2}), 422)
    assert error["details"] == [
        "env1: 6 is outside the scale 1 to 5",
        "zzz: no such item in tlmi@1.0",
    ]
    response_set.refresh_from_db()
    assert response_set.answers == {}


def test_it_rejects_values_that_are_not_whole_numbers(
    client: Client, response_set: ResponseSet
) -> None:
    error = assert_error_shape(_put(client, response_set, {"env1": "4", "env2": 4.5}), 422)
    assert len(error["details"]) == 2
    assert error["details"][0].startswith("answers.env1:")
    response_set.refresh_from_db()
    assert response_set.answers == {}


def test_it_accepts_not_observed_from_observers_only(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    error = assert_error_shape(_put(client, response_set, {"env1": None, "env2": 3}), 422)
    assert error["details"] == [
        "env1: 'Not observed' is for people rating someone else; give an answer from 1 to 5"
    ]
    response_set.refresh_from_db()
    assert response_set.answers == {}
    peer = ResponseSet.objects.create(
        assessment=response_set.assessment,
        rater_role=RaterRole.PEERS,
        instrument_id=tlmi.id,
        instrument_version=tlmi.version,
    )
    assert _put(client, peer, {"env1": None}).status_code == 200
    peer.refresh_from_db()
    assert peer.answers == {"env1": None}


def test_it_refuses_changes_after_submission(client: Client, completed: Assessment) -> None:
    response_set = completed.self_response_set()
    error = assert_error_shape(_put(client, response_set, {"env1": 1}), 409)
    assert "submitted" in error["message"]
    response_set.refresh_from_db()
    assert response_set.answers["env1"] == 4


def test_it_submits_complete_answers(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    response_set.record(tlmi, dict.fromkeys(tlmi.item_ids, 3))
    response = _submit(client, response_set.respond_token)
    assert response.status_code == 200
    assert response.json()["report_url"].endswith(
        f"/report/{response_set.assessment.report_token}/"
    )
    response_set.refresh_from_db()
    assert response_set.submitted_at is not None
    assert response_set.assessment.completed_at == response_set.submitted_at


def test_it_lists_unanswered_items_when_submitting_too_soon(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    response_set.record(tlmi, dict.fromkeys(tlmi.item_ids[2:], 3))
    error = assert_error_shape(_submit(client, response_set.respond_token), 409)
    assert error["message"] == "2 items have no answer yet."
    assert error["details"] == list(tlmi.item_ids[:2])
    response_set.refresh_from_db()
    assert response_set.submitted_at is None


def test_it_submits_only_once(client: Client, completed: Assessment) -> None:
    response_set = completed.self_response_set()
    first = response_set.submitted_at
    response = _submit(client, response_set.respond_token)
    assert response.status_code == 200
    response_set.refresh_from_db()
    assert response_set.submitted_at == first


def test_it_404s_for_a_token_no_token_could_be(client: Client, db: None) -> None:
    """Checked before any query: PostgreSQL refuses NUL in a query with an error (a 500)."""
    for token in ["a%00b", "a%20b", "x" * 65, "%C3%A9"]:
        assert_error_shape(client.get(f"/api/responses/{token}"), 404)
        assert_error_shape(_submit(client, token), 404)
        response = client.put(
            f"/api/responses/{token}/answers", {"answers": {}}, content_type="application/json"
        )
        assert_error_shape(response, 404)


def test_it_never_returns_an_observers_comments(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    # Comments reach a reader only through the 360 report's anonymity rule.
    peer = ResponseSet.objects.create(
        assessment=response_set.assessment,
        rater_role=RaterRole.PEERS,
        instrument_id=tlmi.id,
        instrument_version=tlmi.version,
    )
    peer.record(tlmi, {"env1": 4}, comments={"strength": "A quiet, careful listener."})
    for response in (client.get(f"/api/responses/{peer.respond_token}"), _put(client, peer, {})):
        assert response.status_code == 200
        assert "comments" not in response.json()
        assert b"careful listener" not in response.content


def test_it_never_serves_a_campaign_raters_answers_by_their_token(
    client: Client, response_set: ResponseSet, tlmi: Instrument
) -> None:
    # A rater answers only through their invitation's link; their own set's
    # token is never shown, and even someone who learnt it gets nothing.
    org = Organisation.objects.create(name="Acme", slug="acme")
    person = Person.objects.create(organisation=org, name="Pat", email="pat@acme.example")
    campaign = Campaign.objects.create(
        organisation=org,
        name="Spring",
        instrument_id=tlmi.id,
        instrument_version=tlmi.version,
        deadline=timezone.now() + timedelta(days=7),
    )
    Participant.objects.create(campaign=campaign, person=person, assessment=response_set.assessment)
    rater = ResponseSet.objects.create(
        assessment=response_set.assessment,
        rater_role=RaterRole.PEERS,
        instrument_id=tlmi.id,
        instrument_version=tlmi.version,
        answers={"env1": 5},
    )
    for response in (
        client.get(f"/api/responses/{rater.respond_token}"),
        _put(client, rater, {"env2": 4}),
        _submit(client, rater.respond_token),
    ):
        assert_error_shape(response, 404)
    rater.refresh_from_db()
    assert rater.answers == {"env1": 5}
    # The participant's own set is theirs to answer.
    assert client.get(f"/api/responses/{response_set.respond_token}").status_code == 200
