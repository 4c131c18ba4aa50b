"""A URL map for testing ``SIGNED_IN`` on a route that changes something.

The real API's routes that take ``SIGNED_IN`` and change data belong to other
parts of the app; this one only echoes who called, so the tests can check how
sessions, CSRF and tokens combine on an unsafe method.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI

from twofold.web import urls as site
from twofold.web.api.auth import SIGNED_IN
from twofold.web.api.errors import install_handlers

api = NinjaAPI(urls_namespace="signed-in-check")
install_handlers(api, {})


@api.post("/echo", auth=SIGNED_IN)
def echo(request: HttpRequest) -> dict[str, str]:
    return {"username": request.user.get_username()}


# Before the site's own, so its pages (the CSRF failure page among them) still render.
urlpatterns = [path("api/check/", api.urls), *site.urlpatterns]
