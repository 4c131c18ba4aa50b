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


class SignedInSession(SessionAuth):
    """The browser's signed-in session; a request that changes something needs its CSRF token.

    Ninja's own session auth checks CSRF before it looks for a session, so a
    script's POST with a valid token and no cookies would be refused for
    lacking a CSRF token, and a caller with neither would get 403 instead of
    401. The check here runs only when there is a signed-in session to protect.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


#: A token first (scripts), then the session (the browser). A forged request
#: from another site cannot set the Authorization header, so only the session
#: needs the CSRF check; a session request that changes something must carry
#: the CSRF token, as a form would.
SIGNED_IN: list[Any] = [TokenAuth(), SignedInSession(csrf=True)]
