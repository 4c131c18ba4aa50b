"""Who is calling the API: a signed-in browser session, or a personal API token.

Routes about an organisation's data take ``auth=SIGNED_IN``; the routes of a
self-assessment keep working by their unguessable tokens alone. Either way
the route then asks :mod:`twofold.web.accounts.access` what the caller may
see: authentication says who, never what.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from twofold.web.accounts.models import ApiToken, token_digest

#: How stale ``last_used_at`` may get before a request writes it again: a
#: client calling many times a second should not write a row every time.
LAST_USED_GRAIN = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer tfk_…``: a personal API token, looked up by its digest."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_GRAIN:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


#: Session first (the browser), then a token (scripts). A session request that
#: changes something must carry the CSRF token, as a form would.
SIGNED_IN: list[Any] = [SessionAuth(csrf=True), TokenAuth()]
