"""POST /start/ : create a self-assessment and go to its first page."""

from __future__ import annotations

import base64

from django.test import Client

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet


def _bits(token: str) -> int:
    return 8 * len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))


def test_it_creates_the_assessment_and_its_self_response_set(
    client: Client, db: None, tlmi: Instrument
) -> None:
    response = client.post("/start/", {"subject_name": "  Ada Lovelace "})
    response_set = ResponseSet.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/respond/{response_set.respond_token}/"
    assessment = response_set.assessment
    assert assessment.subject_name == "Ada Lovelace"
    assert response_set.rater_role == RaterRole.SELF
    assert assessment.completed_at is None
    assert response_set.answers == {}


def test_it_uses_256_bit_tokens(client: Client, db: None) -> None:
    client.post("/start/", {"subject_name": ""})
    response_set = ResponseSet.objects.select_related("assessment").get()
    assert _bits(response_set.respond_token) == 256
    assert _bits(response_set.assessment.report_token) == 256
    assert response_set.respond_token != response_set.assessment.report_token


def test_it_records_the_instrument_id_and_version(
    client: Client, db: None, tlmi: Instrument
) -> None:
    client.post("/start/", {})
    response_set = ResponseSet.objects.select_related("assessment").get()
    assert response_set.instrument_ref == tlmi.ref
    assert response_set.assessment.instrument_ref == tlmi.ref


def test_it_rejects_a_name_that_is_too_long(client: Client, db: None) -> None:
    response = client.post("/start/", {"subject_name": "x" * 121})
    assert response.status_code == 400
    assert b'aria-invalid="true"' in response.content
    assert not Assessment.objects.exists()


def test_it_requires_csrf(db: None) -> None:
    response = Client(enforce_csrf_checks=True).post("/start/", {})
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_it_only_allows_post(client: Client, db: None) -> None:
    response = client.get("/start/")
    assert response.status_code == 405
