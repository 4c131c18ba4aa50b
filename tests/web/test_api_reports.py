"""GET /api/reports/{token} : the scores of a completed assessment."""

from __future__ import annotations

from django.test import Client
from tests.web.helpers import assert_error_shape

from twofold.web.assessments.models import Assessment, ResponseSet


def test_it_returns_the_scores(client: Client, completed: Assessment) -> None:
    response = client.get(f"/api/reports/{completed.report_token}")
    body = response.json()
    assert response.status_code == 200
    assert body["assessment"]["instrument"] == "tlmi@1.0"
    assert body["scores"]["scales"]["envisioning"] == {"score": 4.0, "answered": 3}
    assert body["scores"]["composites"] == {"leadership": 4.0, "management": 4.0}
    profile = body["scores"]["profile"]
    assert (profile["region"], profile["direction"]) == ("integrator", "balanced")
    assert profile["lean"]["lower"] < 0 < profile["lean"]["upper"]


def test_it_404s_for_an_unknown_token(client: Client, db: None) -> None:
    assert_error_shape(client.get("/api/reports/nope"), 404)


def test_it_409s_before_the_answers_are_submitted(
    client: Client, response_set: ResponseSet
) -> None:
    response = client.get(f"/api/reports/{response_set.assessment.report_token}")
    assert_error_shape(response, 409)
