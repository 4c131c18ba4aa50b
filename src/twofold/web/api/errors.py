"""One JSON error shape for every failure of the API.

``{"error": {"message": "...", "details": ["...", ...]}}`` with a 4xx status (or
500, without a traceback, if something unexpected breaks). Details list at most
:data:`~twofold.core.errors.SHOWN_PROBLEMS` problems and count the rest, so a
request with a thousand bad fields gets an answer a person can read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from twofold.core.documents import location
from twofold.core.errors import ProblemsError

if TYPE_CHECKING:
    from ninja import NinjaAPI

    from twofold.web.api.schemas import BodyIn

logger = logging.getLogger(__name__)

#: Statuses routes declare so the OpenAPI schema documents the error shape.
BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, CONFLICT, LENGTH_REQUIRED, TOO_LARGE, UNPROCESSABLE = (
    400,
    401,
    404,
    409,
    411,
    413,
    422,
)

#: The largest request body the API reads. Every body it takes is small (the
#: answers to the largest instrument are a few KB), so a bigger one is refused
#: before it is read, whatever Django's own DATA_UPLOAD_MAX_MEMORY_SIZE allows.
MAX_BODY_BYTES = 64 * 1024

#: Methods whose body the API reads; routes with them declare 413.
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class ApiError(Exception):
    """A failure a route reports on purpose: status, message and details."""

    def __init__(self, status: int, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []


def error_body(message: str, details: list[str] | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "details": details or []}}


def shown(problems: list[str]) -> list[str]:
    """The first problems and a count of the others, as the terminal shows them."""
    return ProblemsError(problems).shown()


def _location(loc: list[Any]) -> str:
    """``["body", "payload", "answers", "env1"]`` → ``answers.env1``; the whole body → ``body``."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] or ["body"]
    elif parts and parts[0] in {"query", "path", "header", "cookie"}:
        parts = parts[1:]
    return location(parts) if parts else "(request)"


def _problem(error: Mapping[str, Any], body: type[BodyIn] | None) -> str:
    """One validation error as ``location: message``.

    A body that is absent (or ``null``) reaches the schema as a missing
    parameter named after the route's argument; say what to send instead.
    """
    where = _location(list(error.get("loc", [])))
    if where == "body" and error.get("type") == "missing" and body is not None:
        return f"body: {body.expected()}"
    if where.startswith("answers.") and error.get("type") in _NOT_AN_ANSWER:
        return f'{where}: not an answer; give a whole number such as 4 (not 4.0, "4" or true)'
    return f"{where}: {error.get('msg', 'invalid')}"


#: What pydantic calls an answer that is not a whole number (4.0, "4", true).
_NOT_AN_ANSWER = frozenset({"int_type", "int_from_float", "int_parsing"})


def _why(error: ValueError) -> list[str]:
    """Where a body that ninja could not parse goes wrong (ninja says only that it failed)."""
    if isinstance(error, json.JSONDecodeError):
        return [f"line {error.lineno}, column {error.colno}: {error.msg}"]
    if isinstance(error, UnicodeDecodeError):
        return [f"byte {error.start + 1} is not UTF-8 text"]
    return []


def max_body_bytes() -> int:
    """The API's body limit, or Django's if that is lower."""
    django_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return MAX_BODY_BYTES if django_limit is None else min(MAX_BODY_BYTES, django_limit)


def too_large(limit: int) -> dict[str, Any]:
    return error_body(
        "The request body is too large.",
        [f"the API reads bodies of at most {limit:,} bytes"],
    )


def install_handlers(api: NinjaAPI, bodies: Mapping[str, type[BodyIn]]) -> None:
    """Replace ninja's default handlers with ones that return the error shape.

    ``bodies`` maps a route's URL name to the body it takes, so that a request
    without a body is told what to send.
    """

    def respond(
        request: HttpRequest, status: int, message: str, details: list[str]
    ) -> HttpResponse:
        return api.create_response(request, error_body(message, details), status=status)

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, exc.message, exc.details)

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        match = request.resolver_match
        body = bodies.get(match.url_name or "") if match else None
        details = [_problem(e, body) for e in exc.errors]
        return respond(request, UNPROCESSABLE, "The request is not valid.", shown(details))

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request,
            UNAUTHORIZED,
            "Sign in, or send a personal API token.",
            ["header: Authorization: Bearer <token> (create one at /accounts/tokens/)"],
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == BAD_REQUEST and isinstance(exc.__cause__, ValueError):
            return respond(request, BAD_REQUEST, "The body is not valid JSON.", _why(exc.__cause__))
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


LENGTH_REQUIRED_BODY = error_body(
    "The request body must say its length.",
    ["send a Content-Length header instead of Transfer-Encoding: chunked"],
)


def _chunked(request: HttpRequest) -> bool:
    """A body sent in chunks without a length, which Django's WSGI request reads as empty.

    Reading it as empty would turn a save into "the body must be a JSON object",
    and a huge chunked body would escape the size limit; it is refused instead.
    """
    chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
    return chunked and not request.META.get("CONTENT_LENGTH")


def _declared_length(request: HttpRequest) -> int:
    """The body size a request announces (Django reads no more than that)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ApiErrorShapeMiddleware:
    """Give the error shape to the API failures that ninja does not answer itself.

    A body over :func:`max_body_bytes` is refused here with 413, unread: left to
    Django, reading it raises ``RequestDataTooBig`` inside the view (a 500).
    Ninja writes a wrong method (405) as ``Method not allowed``; this rewrites
    any non-JSON error under ``/api/`` into the error shape, keeping its status
    and headers such as ``Allow``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path.startswith("/api/") and request.method in BODY_METHODS:
            limit = max_body_bytes()
            if _declared_length(request) > limit:
                return JsonResponse(too_large(limit), status=TOO_LARGE)
            if _chunked(request):
                return JsonResponse(LENGTH_REQUIRED_BODY, status=LENGTH_REQUIRED)
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
