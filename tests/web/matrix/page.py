"""A row of the page matrix: one request, who may make it, and what everyone gets.

Each :class:`Page` names who may use it (``allowed``). Everyone else gets
what the site gives anyone refused: on a page that needs an account, a
visitor without one (the anonymous visitor, the rater) is sent to sign in
and anyone signed in is told the page does not exist (404); a page reached
by a secret link, or open to all, answers 404 for a link that leads nowhere.
The expectations come from the rules of :mod:`twofold.web.accounts.access`
(docs/decisions/0016), not from what the pages happen to do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.test import Client
from tests.web.matrix.checks import SIGN_IN
from tests.web.matrix.world import ACCOUNTS, ACTORS, World

EVERYONE = frozenset(ACTORS)
SIGNED_IN = frozenset(ACCOUNTS)
#: Every role of Acme: each sees its own part of a page open to all of them.
ACME = frozenset({"admin", "manager", "coach", "participant"})
ADMIN = frozenset({"admin"})
OUTSIDER = frozenset({"outsider"})
NOBODY: frozenset[str] = frozenset()

URL = Callable[[World], str]


@dataclass(frozen=True)
class Page:
    name: str
    url: URL
    allowed: frozenset[str]
    method: str = "GET"
    #: False for pages anyone may open (a public page, or a secret link's).
    signed_in: bool = True
    #: What an allowed actor gets, unless ``status_for`` says otherwise for them.
    status: int = 200
    status_for: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    data: Callable[[World], dict[str, Any]] | None = None
    #: Whether an allowed actor's POST changes the database (None: it may or may not).
    changes: bool | None = None
    #: Run on the actor's browser before the request (e.g. a file waiting in the session).
    prepare: Callable[[Client, World], None] | None = None
    #: The URL holds the rater's link, which its pages may show again.
    holds_link: bool = False
    #: Besides administrators, who may see here who was asked to rate Pat.
    names_raters: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}"

    def expected(self, actor: str) -> int | str:
        if actor in self.allowed:
            return self.status_for.get(actor, self.status)
        if self.signed_in and actor not in ACCOUNTS:
            return SIGN_IN
        return 404


def post(name: str, url: URL, allowed: frozenset[str], **fields: Any) -> Page:
    """A form's POST: by default it redirects, and changes something, when allowed."""
    fields.setdefault("status", 302)
    fields.setdefault("changes", True)
    return Page(name, url, allowed, method="POST", **fields)


def open_page(name: str, url: URL, allowed: frozenset[str] = EVERYONE, **fields: Any) -> Page:
    """A page that needs no account: public, or reached by a secret link."""
    return Page(name, url, allowed, signed_in=False, **fields)


def open_post(name: str, url: URL, allowed: frozenset[str] = EVERYONE, **fields: Any) -> Page:
    return post(name, url, allowed, signed_in=False, **fields)


def at(path: str) -> URL:
    """The same address in any world."""
    return lambda world: path
