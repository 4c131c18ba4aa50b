"""Every page of Django's admin, as a URL to request: found by walking the URL resolver.

The admin's pages come from its registered models, so they are listed from
the resolver rather than by hand: a model registered tomorrow is in the
matrix tomorrow. Each pattern's parameters get a value of the right shape; for
whoever is not let in, the admin redirects before it looks anything up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from tests.web.matrix.routes import Route, site_routes

PREFIX = "admin/"
LOGIN_PATH = "/admin/login/"

#: A value for each kind of parameter of the admin's URLs.
SAMPLES = {"object_id": "1", "id": "1", "content_type_id": "1", "url": "nothing/here/"}


@dataclass(frozen=True)
class AdminPage:
    route: Route
    url: str

    @property
    def id(self) -> str:
        return self.route.name or self.url


def _url(route: Route) -> str:
    if not route.name:
        # The redirect from an object's old address, and the last, catch-all pattern.
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLES[m.group(1)], route.route)
        return "/" + path.replace("(?P<url>.*)$", SAMPLES["url"])
    kwargs = {}
    for name in route.parameters:
        if name == "app_label":  # a regular expression of alternatives: take the first
            found = re.search(r"\(\?P<app_label>([^|)]+)", route.route)
            assert found is not None, route.route
            kwargs[name] = found.group(1)
        else:
            kwargs[name] = SAMPLES[name]
    return reverse(route.name, kwargs=kwargs)


def admin_pages() -> list[AdminPage]:
    return [AdminPage(r, _url(r)) for r in site_routes() if r.route.startswith(PREFIX)]
