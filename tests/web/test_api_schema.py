"""/api/openapi.json, /api/docs and the error shape everywhere under /api/."""

from __future__ import annotations

from django.test import Client
from tests.web.helpers import assert_error_shape


def test_it_documents_every_route_with_its_errors(client: Client) -> None:
    response = client.get("/api/openapi.json")
    paths = response.json()["paths"]
    assert response.status_code == 200
    expected = {
        ("/api/instruments/{instrument_id}", "get"): {"404"},
        ("/api/instruments", "get"): set(),
        ("/api/assessments", "post"): {"400", "411", "413", "422"},
        ("/api/responses/{respond_token}", "get"): {"404"},
        ("/api/responses/{respond_token}/answers", "put"): {
            "400",
            "404",
            "409",
            "411",
            "413",
            "422",
        },
        ("/api/responses/{respond_token}/submit", "post"): {"404", "409", "411", "413"},
        ("/api/reports/{report_token}", "get"): {"401", "404", "409"},
        ("/api/me", "get"): {"401"},
        ("/api/organisations", "get"): {"401"},
        ("/api/organisations/{slug}/people", "get"): {"401", "404"},
        ("/api/organisations/{slug}/people/{person_id}", "get"): {"401", "404", "422"},
        ("/api/organisations/{slug}/campaigns", "get"): {"401", "404"},
        ("/api/campaigns/{campaign_id}", "get"): {"401", "404", "422"},
    }
    documented = {(path, method) for path, methods in paths.items() for method in methods}
    assert documented == set(expected)
    for (path, method), errors in expected.items():
        responses = paths[path][method]["responses"]
        assert {status for status in responses if status.startswith("4")} == errors, path
        for status in errors:
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema["$ref"].endswith("/ErrorOut")


def test_it_says_who_may_answer_not_observed(client: Client) -> None:
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    answers = schemas["AnswersIn"]["properties"]["answers"]
    assert {"type": "null"} in answers["additionalProperties"]["anyOf"]
    assert "'Not observed', which only an observer may answer" in answers["description"]
    assert "self-assessment refuses null" in answers["description"]


def test_it_serves_the_docs_without_a_cdn(client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"cdn." not in response.content


def test_it_answers_unknown_endpoints_with_the_error_shape(client: Client) -> None:
    assert_error_shape(client.get("/api/nothing/here"), 404)


def test_it_answers_a_wrong_method_with_the_error_shape(client: Client) -> None:
    response = client.delete("/api/instruments")
    error = assert_error_shape(response, 405)
    assert response["Allow"] == "GET"
    assert error["details"] == ["allowed: GET"]


def test_it_answers_a_wrong_method_on_a_body_route_with_the_error_shape(client: Client) -> None:
    response = client.patch("/api/responses/any/answers", "{}", content_type="application/json")
    error = assert_error_shape(response, 405)
    assert response["Allow"] == "PUT"
    assert error["details"] == ["allowed: PUT"]
