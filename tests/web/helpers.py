"""Assertions shared by the web tests."""

from __future__ import annotations

from django.http import HttpResponse


def assert_error_shape(response: HttpResponse, status: int) -> dict:
    """The API's one error shape: {"error": {"message": str, "details": [str, ...]}}."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "details"}
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    assert all(isinstance(line, str) for line in body["error"]["details"])
    assert "Traceback" not in response.content.decode()
    return body["error"]
