"""The JSON API at ``/api/``; its OpenAPI schema is at ``/api/openapi.json``, docs at ``/api/docs``.

There are no accounts yet: like the web pages, the API is reached through the
unguessable respond and report tokens, which are the only keys to a person's data.
"""

from ninja import NinjaAPI

from twofold.web.api.errors import MAX_BODY_BYTES, api_not_found, install_handlers
from twofold.web.api.routes import BODIES, router

api = NinjaAPI(
    title="Twofold API",
    version="1",
    description=(
        "Start a self-assessment, save answers, submit them and read the scores. "
        f"A request body is a JSON object of at most {MAX_BODY_BYTES // 1024} KiB. "
        'Every failure has the shape {"error": {"message": ..., "details": [...]}}.'
    ),
    urls_namespace="api",
)
install_handlers(api, BODIES)
api.add_router("", router)
api.add_router("", "twofold.web.api.accounts.router")
api.add_router("", "twofold.web.api.organisations.router")
api.add_router("", "twofold.web.api.campaigns.router")

__all__ = ["api", "api_not_found"]
