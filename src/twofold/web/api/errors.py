"""One JSON error shape for every failure of the API.

``{"error": {"message": "...", "details": ["...", ...]}}`` with a 4xx status (or
500, without a traceback, if something unexpected breaks).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from ninja.errors import HttpError, ValidationError

from twofold.core.documents import location

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger(__name__)

#: Statuses routes declare so the OpenAPI schema documents the error shape.
BAD_REQUEST, NOT_FOUND, CONFLICT, UNPROCESSABLE = 400, 404, 409, 422


class ApiError(Exception):
    """A failure a route reports on purpose: status, message and details."""

    def __init__(self, status: int, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []


def error_body(message: str, details: list[str] | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "details": details or []}}


def _location(loc: list[Any]) -> str:
    """``["body", "payload", "answers", "env1"]`` → ``answers.env1``."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] or parts[1:]
    elif parts and parts[0] in {"query", "path", "header", "cookie"}:
        parts = parts[1:]
    return location(parts) if parts else "(request)"


def install_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers with ones that return the error shape."""

    def respond(
        request: HttpRequest, status: int, message: str, details: list[str]
    ) -> HttpResponse:
        return api.create_response(request, error_body(message, details), status=status)

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, exc.message, exc.details)

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [
            f"{_location(list(e.get('loc', [])))}: {e.get('msg', 'invalid')}" for e in exc.errors
        ]
        return respond(request, 422, "The request is not valid.", details)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, exc.message, [])

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, "Not found.", [])

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API request failed: %s %s", request.method, request.path)
        return respond(request, 500, "Something went wrong on the server.", [])


def api_not_found(request: HttpRequest) -> JsonResponse:
    """Any other path under /api/: a 404 in the API's error shape, not an HTML page."""
    return JsonResponse(error_body("No such API endpoint.", [request.path]), status=404)


class ApiErrorShapeMiddleware:
    """Give the error shape to the few API failures ninja answers in plain text.

    Ninja writes a wrong method (405) as ``Method not allowed``; this rewrites
    any non-JSON error under ``/api/`` into the error shape, keeping its status
    and headers such as ``Allow``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith("/api/")
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        phrase = HTTPStatus(response.status_code).phrase
        details = [f"allowed: {response['Allow']}"] if response.has_header("Allow") else []
        shaped = JsonResponse(error_body(f"{phrase}.", details), status=response.status_code)
        for header in ("Allow",):
            if response.has_header(header):
                shaped[header] = response[header]
        return shaped
