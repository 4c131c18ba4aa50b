"""Request bodies the API refuses: too large, not an object, absent, misspelt.

Each is a 4xx in the error shape, never a 500, and nothing is stored.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, override_settings
from tests.web.helpers import assert_error_shape

from twofold.web.api import api
from twofold.web.api.errors import MAX_BODY_BYTES
from twofold.web.assessments.models import Assessment, ResponseSet

#: Every route that reads a body, as (method, path with a {token} placeholder).
BODY_ROUTES = [("post", "/api/assessments"), ("put", "/api/responses/{token}/answers")]

#: What each route's error names as a body it would take.
EXAMPLES = {
    "/api/assessments": '{"instrument": "tlmi", "subject_name": "Ada Lovelace"}',
    "/api/responses/{token}/answers": '{"answers": {"env1": 4, "pln1": 5}}',
}


def _send(client: Client, method: str, path: str, response_set: ResponseSet, body: str) -> Any:
    url = path.format(token=response_set.respond_token)
    return getattr(client, method)(url, body, content_type="application/json")


def _nothing_stored(response_set: ResponseSet) -> None:
    assert Assessment.objects.count() == 1  # the fixture's own
    response_set.refresh_from_db()
    assert response_set.answers == {}


def test_the_list_of_body_routes_is_complete() -> None:
    schema = api.get_openapi_schema()
    with_body = {
        (method, path.replace("{respond_token}", "{token}"))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }
    assert with_body == set(BODY_ROUTES)


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
@pytest.mark.parametrize("body", ["[1, 2]", '"answers"', "3", "true", "null", ""])
def test_it_refuses_a_body_that_is_not_an_object(
    client: Client, response_set: ResponseSet, method: str, path: str, body: str
) -> None:
    error = assert_error_shape(_send(client, method, path, response_set, body), 422)
    assert error["details"] == [f"body: must be a JSON object such as {EXAMPLES[path]}"]
    assert "payload" not in json.dumps(error)
    _nothing_stored(response_set)


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
def test_its_example_of_a_body_is_one_it_takes(
    client: Client, response_set: ResponseSet, method: str, path: str
) -> None:
    response = _send(client, method, path, response_set, EXAMPLES[path])
    assert response.status_code in {200, 201}, response.content


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
def test_it_refuses_a_misspelt_field(
    client: Client, response_set: ResponseSet, method: str, path: str
) -> None:
    body = json.loads(EXAMPLES[path]) | {"subjet_name": "typo"}
    error = assert_error_shape(_send(client, method, path, response_set, json.dumps(body)), 422)
    assert error["details"] == ["subjet_name: Extra inputs are not permitted"]
    _nothing_stored(response_set)


def _padded(path: str, size: int) -> str:
    """A body of exactly ``size`` bytes that the route would otherwise take."""
    body = json.loads(EXAMPLES[path])
    text = json.dumps(body)
    return text[:-1] + " " * (size - len(text)) + "}"


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
@pytest.mark.parametrize("size", [MAX_BODY_BYTES + 1, 3 * 1024 * 1024])
def test_it_refuses_a_body_that_is_too_large(
    client: Client, response_set: ResponseSet, method: str, path: str, size: int
) -> None:
    body = _padded(path, size)
    assert len(body.encode()) == size
    error = assert_error_shape(_send(client, method, path, response_set, body), 413)
    assert error["details"] == [f"the API reads bodies of at most {MAX_BODY_BYTES:,} bytes"]
    _nothing_stored(response_set)


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
def test_it_takes_a_body_at_the_limit(
    client: Client, response_set: ResponseSet, method: str, path: str
) -> None:
    response = _send(client, method, path, response_set, _padded(path, MAX_BODY_BYTES))
    assert response.status_code in {200, 201}, response.content


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_it_keeps_to_a_lower_django_limit(client: Client, response_set: ResponseSet) -> None:
    path = "/api/responses/{token}/answers"
    response = _send(client, "put", path, response_set, _padded(path, 1001))
    error = assert_error_shape(response, 413)
    assert error["details"] == ["the API reads bodies of at most 1,000 bytes"]


def test_it_lists_at_most_twenty_problems_and_counts_the_rest(
    client: Client, response_set: ResponseSet
) -> None:
    answers = {f"x{i}": 1 for i in range(5000)}
    body = json.dumps({"answers": answers})
    assert len(body) < MAX_BODY_BYTES
    response = _send(client, "put", "/api/responses/{token}/answers", response_set, body)
    error = assert_error_shape(response, 422)
    assert error["details"][:2] == ["x0: no such item in tlmi@1.0", "x1: no such item in tlmi@1.0"]
    assert error["details"][20:] == ["… and 4,980 more"]
    assert len(response.content) < 2000
    _nothing_stored(response_set)


def test_it_caps_the_problems_the_schema_finds_too(
    client: Client, response_set: ResponseSet
) -> None:
    body = json.dumps({"answers": {f"x{i}": "one" for i in range(3000)}})
    response = _send(client, "put", "/api/responses/{token}/answers", response_set, body)
    error = assert_error_shape(response, 422)
    assert len(error["details"]) == 21
    assert error["details"][0].startswith("answers.x0: ")
    assert error["details"][-1] == "… and 2,980 more"


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
def test_it_refuses_a_body_sent_in_chunks_without_a_length(
    client: Client, response_set: ResponseSet, method: str, path: str
) -> None:
    # Without a length Django reads the body as empty: a save would be lost.
    url = path.format(token=response_set.respond_token)
    body = EXAMPLES[path]
    response = getattr(client, method)(
        url,
        body,
        content_type="application/json",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
    )
    error = assert_error_shape(response, 411)
    assert "Content-Length" in error["details"][0]
    _nothing_stored(response_set)


def test_it_answers_a_refused_host_in_the_error_shape(client: Client) -> None:
    response = client.get("/api/instruments", HTTP_HOST="evil.example")
    assert_error_shape(response, 400)


@pytest.mark.parametrize("value", ["4.0", '"4"', "true"])
def test_it_says_what_an_answer_must_be(
    client: Client, response_set: ResponseSet, value: str
) -> None:
    url = f"/api/responses/{response_set.respond_token}/answers"
    body = '{"answers": {"env3": ' + value + "}}"
    response = client.put(url, body, content_type="application/json")
    error = assert_error_shape(response, 422)
    assert error["details"] == [
        'answers.env3: not an answer; give a whole number such as 4 (not 4.0, "4" or true)'
    ]
    _nothing_stored(response_set)
