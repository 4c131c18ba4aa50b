"""Small things the rater's link tests share."""

from __future__ import annotations

from django.http import HttpResponse

from twofold.web.campaigns.models import Invitation

HTMX = {"HTTP_HX_REQUEST": "true"}


def rate_url(invitation: Invitation, rest: str = "") -> str:
    return f"/rate/{invitation.token}/{rest}"


def main_text(response: HttpResponse) -> str:
    """The page's own content, without the site's header and footer."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]
