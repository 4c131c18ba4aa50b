"""Nothing escapes the matrix: every URL pattern, every method its view takes, every API route.

The patterns come from Django's URL resolver and the API's routes from its
OpenAPI schema, so a page or route added without a row in the matrix fails
here, naming what is missing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.urls import resolve
from tests.web.matrix.admin_site import PREFIX, admin_pages
from tests.web.matrix.endpoints import ENDPOINTS
from tests.web.matrix.pages import PAGES
from tests.web.matrix.routes import accepted_methods, site_routes
from tests.web.matrix.world import World

from twofold.web.accounts import member_views, views
from twofold.web.api import api
from twofold.web.campaigns import views_setup


def _route_of(url: str) -> str:
    return str(resolve(urlsplit(url).path).route)


def test_it_has_a_row_for_every_page_and_every_method_it_takes(world: World, db: None) -> None:
    covered = {(_route_of(row.url(world)), row.method) for row in PAGES}
    covered |= {(_route_of(row.url(world)), row.method) for row in ENDPOINTS}
    missing = []
    for route in site_routes():
        if route.route.startswith(PREFIX):  # the admin's pages are listed whole by admin_site
            continue
        if route.is_api_library:  # the API's schema and docs, and its routes (see below)
            if not any(r == route.route for r, _ in covered):
                missing.append(f"/{route.route} ({route.name})")
            continue
        for method in sorted(accepted_methods(route.callback)):
            if (route.route, method) not in covered:
                missing.append(f"{method} /{route.route} ({route.name})")
    assert missing == [], "pages without a row in tests/web/matrix/pages.py"


def test_it_has_a_row_for_every_route_of_the_api_schema() -> None:
    schema = api.get_openapi_schema()
    routes = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    rows = {(row.method, row.path) for row in ENDPOINTS}
    assert sorted(routes - rows) == [], "routes without a row in tests/web/matrix/endpoints.py"
    assert sorted(rows - routes) == [], "rows for routes the API no longer has"


def test_each_api_row_requests_the_route_it_names(world: World, db: None) -> None:
    for row in ENDPOINTS:
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", _route_of(row.url(world)))
        assert path == row.path, row.id


def test_it_requests_every_page_of_the_admin_at_its_own_pattern() -> None:
    pages = admin_pages()
    assert {p.route.route for p in pages} == {
        r.route for r in site_routes() if r.route.startswith(PREFIX)
    }
    for page in pages:
        assert _route_of(page.url) == page.route.route, page.url


def test_it_reads_which_methods_a_view_takes() -> None:
    # The check above relies on this: a decorator's list, or a class's handlers.
    assert accepted_methods(views_setup.launch) == {"GET", "POST"}
    assert accepted_methods(member_views.invite) == {"POST"}
    assert accepted_methods(member_views.member_list) == {"GET"}
    assert accepted_methods(views.SignOutView.as_view()) == {"GET", "POST"}
