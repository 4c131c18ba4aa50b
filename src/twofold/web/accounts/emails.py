"""The emails of accounts: an invitation to choose a password, and a password reset.

Both carry a link made by Django's password-reset token machinery: it is
signed with the secret key and the account's current password, so it stops
working once a password is set, and after ``PASSWORD_RESET_TIMEOUT``. Links
start with ``SITE_URL``, never with the host a request named: a forged Host
header must not send someone's link to another server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

SECONDS_PER_DAY = 24 * 3600


def site_link(url_name: str, **kwargs: Any) -> str:
    """An absolute link to a page, starting with ``SITE_URL``."""
    return settings.SITE_URL + reverse(url_name, kwargs=kwargs or None)


def password_link(user: AbstractBaseUser, url_name: str) -> str:
    """A link that lets ``user`` choose a password at ``url_name``, for a few days."""
    return site_link(
        url_name,
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )


def link_days() -> int:
    """How many whole days a password link works (at least one, as emails say)."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // SECONDS_PER_DAY)


def send(template: str, context: dict[str, Any], to: str) -> None:
    """Send ``accounts/emails/<template>_subject.txt`` and ``…_body.txt`` to one address."""
    # A subject is one line, whatever the template's layout.
    subject = " ".join(render_to_string(f"accounts/emails/{template}_subject.txt", context).split())
    body = render_to_string(f"accounts/emails/{template}_body.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()
