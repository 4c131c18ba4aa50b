"""POST /api/assessments : start a self-assessment through the API."""

from __future__ import annotations

from django.test import Client
from tests.web.helpers import assert_error_shape

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import Assessment, ResponseSet


def _post(client: Client, body: object) -> object:
    return client.post("/api/assessments", body, content_type="application/json")


def test_it_creates_a_self_assessment(client: Client, db: None, tlmi: Instrument) -> None:
    response = _post(client, {"subject_name": "Grace Hopper"})
    body = response.json()
    assert response.status_code == 201
    response_set = ResponseSet.objects.select_related("assessment").get()
    assert body["respond_url"] == f"http://testserver/respond/{response_set.respond_token}/"
    assert body["report_url"].endswith(f"/report/{response_set.assessment.report_token}/")
    assert body["responses_api_url"].endswith(f"/api/responses/{response_set.respond_token}")
    assert body["instrument"] == tlmi.ref == response_set.instrument_ref
    assert response_set.assessment.subject_name == "Grace Hopper"


def test_it_needs_no_body_fields(client: Client, db: None) -> None:
    response = _post(client, {})
    assert response.status_code == 201
    assert Assessment.objects.get().subject_name == ""


def test_it_rejects_an_unknown_instrument(client: Client, db: None) -> None:
    error = assert_error_shape(_post(client, {"instrument": "nope"}), 422)
    assert "nope" in error["details"][0]
    assert not Assessment.objects.exists()


def test_it_rejects_a_body_that_is_not_valid(client: Client, db: None) -> None:
    error = assert_error_shape(_post(client, {"subject_name": "x" * 121}), 422)
    assert error["details"][0].startswith("subject_name:")
    assert not Assessment.objects.exists()


def test_it_rejects_malformed_json(client: Client, db: None) -> None:
    response = client.post("/api/assessments", '{"a": 1,}', content_type="application/json")
    error = assert_error_shape(response, 400)
    assert error["message"] == "The body is not valid JSON."
    [where] = error["details"]
    assert where.startswith("line 1, column 9: ")
    assert not Assessment.objects.exists()


def test_it_rejects_a_body_that_is_not_utf8(client: Client, db: None) -> None:
    body = '{"subject_name": "Zoë"}'.encode("latin-1")
    response = client.post("/api/assessments", body, content_type="application/json")
    error = assert_error_shape(response, 400)
    assert error["details"] == ["byte 21 is not UTF-8 text"]
    assert not Assessment.objects.exists()


def test_it_rejects_control_characters_in_the_name(client: Client, db: None) -> None:
    for name in ["Ada\x00", "Ada\tLovelace", "Ada\n"]:
        error = assert_error_shape(_post(client, {"subject_name": name}), 422)
        assert error["details"] == [
            "subject_name: must not contain control characters (such as NUL or a tab)"
        ]
    assert not Assessment.objects.exists()
