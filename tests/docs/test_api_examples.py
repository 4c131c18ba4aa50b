"""docs/api.md's examples are what the API really answers.

Each ```http block of the page is a request or the response to the one before
it. The test sends the requests in order to the API (one story, so a token a
response returns is used by the requests after it) and compares each response
with the page: the status, the headers shown, and the body's shape, strings and
numbers. In the page, ``<name>`` in a string stands for any value without
spaces or slashes (and remembers it for later requests); ``"…"`` as a list's
last element allows more elements, and as a key allows more keys. Numbers agree
to a relative tolerance of 1e-9, since the page shows them as a reader copies them.
A bare ``<name>`` as a value (``"id": <person_id>``) stands for a number. Requests
send their ``Authorization`` header; the token it names belongs to a manager of
the organisation that ``tests/web/org_fixtures.py`` builds.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs/api.md"
MORE = "…"
PLACEHOLDER = re.compile(r"<([a-z_]+)>")
#: The server the page's URLs name (what `make run` serves).
HOST = "localhost:8000"


@dataclass
class Message:
    """One ```http block: a start line, headers and an optional body."""

    line: int  # where the block starts in the page, for messages
    start: str
    headers: dict[str, str]
    body: str


def _blocks(text: str) -> list[Message]:
    found = []
    for match in re.finditer(r"^```http\n(.*?)^```$", text, re.DOTALL | re.MULTILINE):
        head, _, body = match.group(1).partition("\n\n")
        start, *header_lines = head.strip().splitlines()
        headers = dict(line.split(": ", 1) for line in header_lines)
        line = text.count("\n", 0, match.start()) + 1
        found.append(Message(line, start, headers, body.strip()))
    return found


def _exchanges() -> list[tuple[Message, Message]]:
    blocks = _blocks(PAGE.read_text(encoding="utf-8"))
    requests, responses = blocks[0::2], blocks[1::2]
    for request, response in zip(requests, responses, strict=True):
        assert not request.start.startswith("HTTP/"), f"line {request.line}: expected a request"
        assert response.start.startswith("HTTP/1.1 "), f"line {response.line}: expected a response"
    return list(zip(requests, responses, strict=True))


def _fill(text: str, known: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: known[m.group(1)], text)


def _number_matches(expected: str, actual: int, known: dict[str, str]) -> bool:
    """A bare ``<name>`` stands for a number: the same one wherever the name recurs."""
    match = PLACEHOLDER.fullmatch(expected)
    if match is None:
        return False
    return known.setdefault(match.group(1), str(actual)) == str(actual)


def _string_matches(expected: str, actual: str, known: dict[str, str]) -> bool:
    parts = PLACEHOLDER.split(expected)  # literal, name, literal, name, ...
    pattern = "".join(
        re.escape(part) if i % 2 == 0 else rf"(?P<{part}>[^\s/]+)" for i, part in enumerate(parts)
    )
    match = re.fullmatch(pattern, actual)
    if match:
        known.update(match.groupdict())
    return match is not None


def _compare(expected: Any, actual: Any, where: str, known: dict[str, str]) -> list[str]:
    """Every difference between the page's ``expected`` and the API's ``actual``."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r}"]
        keys = set(expected) - {MORE}
        problems = [f"{where}: missing key {key!r}" for key in sorted(keys - set(actual))]
        if MORE not in expected:
            problems += [f"{where}: unexpected key {key!r}" for key in sorted(set(actual) - keys)]
        for key in sorted(keys & set(actual)):
            problems += _compare(expected[key], actual[key], f"{where}.{key}", known)
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {actual!r}"]
        more = bool(expected) and expected[-1] == MORE
        shown = expected[:-1] if more else expected
        if len(actual) < len(shown) or (not more and len(actual) != len(shown)):
            return [f"{where}: expected {len(shown)} elements, got {len(actual)}: {actual!r}"]
        return [
            problem
            for i, (e, a) in enumerate(zip(shown, actual, strict=False))
            for problem in _compare(e, a, f"{where}[{i}]", known)
        ]
    if isinstance(expected, str):
        if isinstance(actual, str) and _string_matches(expected, actual, known):
            return []
        if type(actual) is int and _number_matches(expected, actual, known):
            return []
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    if isinstance(expected, bool) or expected is None:
        return [] if actual is expected else [f"{where}: expected {expected!r}, got {actual!r}"]
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return [f"{where}: expected the number {expected!r}, got {actual!r}"]
    if math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-12):
        return []
    return [f"{where}: expected {expected!r}, got {actual!r}"]


def _send(client: Client, request: Message, known: dict[str, str]) -> Any:
    method, path = request.start.split(" ")
    body = _fill(request.body, known)
    if "Content-Length" in request.headers:  # the page shows the body before its padding
        body += " " * (int(request.headers["Content-Length"]) - len(body.encode()))
    content_type = request.headers.get("Content-Type", "application/json")
    # Every other header the page shows is sent as shown (an Authorization, say).
    headers = {
        name: _fill(value, known)
        for name, value in request.headers.items()
        if name not in {"Content-Type", "Content-Length"}
    }
    return client.generic(
        method, _fill(path, known), body.encode(), content_type=content_type, headers=headers
    )


def _expected_body(text: str) -> Any:
    """The page's JSON, a bare ``<name>`` value read as the string ``"<name>"``."""
    return json.loads(re.sub(r"(:\s*)<([a-z_]+)>", r'\1"<\2>"', text))


def _organisation_example() -> dict[str, str]:
    """The organisation of the page's examples, and the API token they send."""
    from tests.web.org_fixtures import make_world

    from twofold.web.accounts.models import ApiToken

    world = make_world()
    _token, secret = ApiToken.issue(world.users["manager"], "docs/api.md")
    return {"api_token": secret}


def test_the_page_has_an_example_of_every_route() -> None:
    from twofold.web.api import api

    shown = [request.start.split(" ") for request, _ in _exchanges()]
    for path, operations in api.get_openapi_schema()["paths"].items():
        pattern = re.sub(r"\\{[a-z_]+\\}", "[^/]+", re.escape(path))
        for method in operations:
            assert any(m == method.upper() and re.fullmatch(pattern, p) for m, p in shown), (
                f"no example of {method.upper()} {path}"
            )


def test_the_api_answers_as_the_page_shows(db: None) -> None:
    client = Client(HTTP_HOST=HOST)
    known: dict[str, str] = _organisation_example()
    for request, expected in _exchanges():
        response = _send(client, request, known)
        where = f"docs/api.md line {expected.line} ({request.start})"
        status = int(expected.start.split(" ")[1])
        assert response.status_code == status, f"{where}: {response.content!r}"
        for name, value in expected.headers.items():
            assert response[name].startswith(value), f"{where}: {name}: {response[name]}"
        problems = _compare(_expected_body(expected.body), response.json(), "body", known)
        assert problems == [], f"{where}:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("expected", "actual", "differences"),
    [
        ({"a": [1, MORE]}, {"a": [1, 2, 3]}, 0),
        ({"a": [1, MORE]}, {"a": [2, 2]}, 1),
        ({"a": [1]}, {"a": [1, 2]}, 1),
        ({"a": 1, MORE: MORE}, {"a": 1, "b": 2}, 0),
        ({"a": 1}, {"a": 1, "b": 2}, 1),
        ({"a": 0.1 + 0.2}, {"a": 0.3}, 0),
        ({"a": 2.5}, {"a": 2.5000001}, 1),
        ({"a": False}, {"a": 0}, 1),
        ({"a": 1}, {"a": True}, 1),
        ({"u": "http://h/r/<t>/"}, {"u": "http://h/r/abc-_9/"}, 0),
        ({"u": "http://h/r/<t>/"}, {"u": "http://h/x/abc/"}, 1),
        ({"id": "<n>"}, {"id": 7}, 0),
        ({"id": "<n>"}, {"id": True}, 1),
        ({"a": "<n>", "b": "<n>"}, {"a": 7, "b": 8}, 1),
    ],
)
def test_the_comparison_tells_what_differs(expected: Any, actual: Any, differences: int) -> None:
    assert len(_compare(expected, actual, "body", {})) == differences
