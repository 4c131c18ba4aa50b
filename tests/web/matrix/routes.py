"""Every URL pattern of the site, read from Django's URL resolver, and the methods each view takes.

So that a page added tomorrow cannot escape the matrix: the coverage tests
compare what is here with the matrix's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

#: The methods the matrix checks every page for.
CHECKED = frozenset({"GET", "POST"})


@dataclass(frozen=True)
class Route:
    #: The full pattern, as ``ResolverMatch.route`` gives it for a request to it.
    route: str
    #: Its namespaced URL name, or "" for a pattern without one.
    name: str
    #: The names of its parameters, from the outermost pattern in.
    parameters: tuple[str, ...]
    callback: Callable[..., Any]

    @property
    def is_api_library(self) -> bool:
        """A view of the API library itself (its routes, schema and docs), not one of ours."""
        view = getattr(self.callback, "func", self.callback)  # the schema's and docs' partials
        return str(view.__module__).startswith("ninja")


def _join(first: str, second: str) -> str:
    """Two patterns as one, the way Django's resolver joins them for ``ResolverMatch.route``."""
    if not first:
        return second
    return first + second.removeprefix("^")


def _parameters(pattern: RoutePattern | RegexPattern | Any) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return ()


def _walk(
    patterns: Sequence[URLPattern | URLResolver],
    prefix: str,
    namespace: str,
    params: tuple[str, ...],
) -> Iterator[Route]:
    for pattern in patterns:
        here = params + _parameters(pattern.pattern)
        route = _join(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner, here)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Route(route, name, here, pattern.callback)


def site_routes() -> list[Route]:
    """Every URL pattern of the site, in the resolver's order."""
    return list(_walk(get_resolver().url_patterns, "", "", ()))


def accepted_methods(view: Callable[..., Any]) -> frozenset[str]:
    """The methods among GET and POST that ``view`` answers.

    Read from a class-based view's handlers, or from the list that
    ``require_http_methods`` (and ``require_GET``, ``require_POST``) keeps in
    its closure, anywhere down the view's decorators. A view that restricts
    nothing answers both.
    """
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        handlers = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
        return frozenset(handlers & CHECKED)
    found: Callable[..., Any] | None = view
    while found is not None:
        code = getattr(found, "__code__", None)
        cells = dict(zip(code.co_freevars, found.__closure__ or (), strict=True)) if code else {}
        if "request_method_list" in cells:
            return frozenset(cells["request_method_list"].cell_contents) & CHECKED
        found = getattr(found, "__wrapped__", None)
    return CHECKED
