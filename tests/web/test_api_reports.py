"""GET /api/reports/{token} : the scores of a completed assessment."""

from __future__ import annotations

import json
import math

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.helpers import assert_error_shape

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import Assessment, ResponseSet
from twofold.web.assessments.services import start_self_assessment


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


def test_it_lists_the_rater_groups_of_a_self_assessment(
    client: Client, completed: Assessment
) -> None:
    (group,) = client.get(f"/api/reports/{completed.report_token}").json()["rater_groups"]
    assert (group["group"], group["n"], group["withheld"]) == ("self", 1, False)
    assert group["scales"]["planning"] == 4.0
    assert len(group["scales"]) == 16


def test_it_404s_for_an_unknown_token(client: Client, db: None) -> None:
    assert_error_shape(client.get("/api/reports/nope"), 404)


def test_it_409s_before_the_answers_are_submitted(
    client: Client, response_set: ResponseSet
) -> None:
    response = client.get(f"/api/reports/{response_set.assessment.report_token}")
    assert_error_shape(response, 409)


def _numbers(value: object) -> list[float]:
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [float(value)]
    return []


def _refuse(constant: str) -> float:
    raise AssertionError(f"{constant} is not JSON")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(st.integers(1, 5), min_size=48, max_size=48))
def test_every_number_in_a_report_is_finite_json(
    client: Client, db: None, tlmi: Instrument, values: list[int]
) -> None:
    started = start_self_assessment()
    started.record(tlmi, dict(zip(tlmi.item_ids, values, strict=True)))
    assert started.submit(tlmi) == []
    response = client.get(f"/api/reports/{started.assessment.report_token}")
    assert response.status_code == 200
    body = json.loads(response.content, parse_constant=_refuse)
    numbers = _numbers(body["scores"])
    assert len(numbers) > 16 * 2
    assert all(math.isfinite(n) for n in numbers)
    for scale in body["scores"]["scales"].values():
        assert 1 <= scale["score"] <= 5


def test_it_404s_for_a_token_no_token_could_be(client: Client, db: None) -> None:
    for token in ["a%00b", "a%20b", "x" * 65]:
        assert_error_shape(client.get(f"/api/reports/{token}"), 404)
