"""Sign-in throttling: failed attempts in a row pause signing in to one address from one place.

django-axes counts the failures, in the database (so every gunicorn worker
and thread sees the same counts, on SQLite and PostgreSQL alike), and refuses
a sign-in once ``SIGNIN_ATTEMPTS`` have failed for the same address from the
same IP address, for ``SIGNIN_PAUSE_MINUTES`` after the last of them. A
successful sign-in, or a password chosen from an emailed link, clears the
count. These are the hooks Twofold gives it (``AXES_*`` in the settings).

Counting by address *and* IP address means that someone guessing a
colleague's password cannot lock the colleague out from the colleague's own
desk. An unknown address is counted and paused exactly like a known one, so
the pause says nothing about which addresses have accounts.

Only signing in with a password is counted (the sign-in page and Django's
admin both go through :func:`django.contrib.auth.authenticate`). The API's
tokens and raters' links are random secrets that nobody can guess, and are
not affected.
"""

from __future__ import annotations

from typing import Any

from axes.utils import reset
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The address as accounts keep it, so ``Ada@Example.org`` and ``ada@example.org`` count
    as one (the admin's sign-in form does not lower-case it as Twofold's does)."""
    given = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(given).strip().lower()


def client_address(request: HttpRequest) -> str | None:
    """The IP address the attempt came from.

    Behind the reverse proxy (``SECURE_PROXY_SSL_HEADER``, see
    docs/deployment.md) every request comes from the proxy itself; the
    client's address is then the last one in ``X-Forwarded-For``, the one
    the proxy added. Earlier entries are whatever the client sent, and are
    not trusted.
    """
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if settings.SECURE_PROXY_SSL_HEADER and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """The page shown instead of the sign-in form while sign-ins are paused (429)."""
    context = {"minutes": settings.SIGNIN_PAUSE_MINUTES}
    return render(request, "accounts/locked_out.html", context, status=429)


def lift(address: str) -> None:
    """Clear the failed sign-ins of ``address``, from every IP address.

    Called when a password is chosen from an emailed link: whoever holds the
    link owns the mailbox, so the pause has done its work.
    """
    reset(username=address.strip().lower())
