"""Background tasks of accounts: the emails that carry a link to choose a password.

Tasks take ids and addresses, never model instances, and read the rows again
when they run: by then the account may have set its password, or the
membership may be gone, and then there is nothing to send.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from twofold.web.accounts import emails
from twofold.web.accounts.models import Membership, ResetEmail

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: Password links emailed to one account on request in an hour, at most.
RESETS_PER_HOUR = 3


@task()
def send_invitation(membership_id: int) -> None:
    """Invite the account of a membership to choose its password.

    Nothing is sent when the membership no longer exists, the account is
    inactive, or it already has a password (it was set from an earlier link).
    """
    membership = (
        Membership.objects.select_related("user", "organisation", "person")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        return
    user = membership.user
    if not user.is_active or user.has_usable_password() or not user.email:
        return
    context = {
        "organisation": membership.organisation.name,
        "role": membership.get_role_display(),
        "name": membership.person.name if membership.person is not None else "",
        "email": user.email,
        "link": emails.password_link(user, "accounts:set_password"),
        "days": emails.link_days(),
        "reset_link": emails.site_link("accounts:password_reset"),
    }
    emails.send("invitation", context, user.email)


@task()
def send_password_reset(email: str) -> None:
    """Send a password link to every active account with this address, if any.

    Accounts still waiting to choose their first password are included: their
    invitation's link may have expired, and this is how they get a new one.
    An account is sent at most :data:`RESETS_PER_HOUR` links in an hour: the
    form takes any address from anyone, and must not become a way to fill a
    colleague's inbox. Each link works until a password is chosen, so a
    request past the limit needs none.
    """
    for user in _due_a_link(email):
        context = {
            "email": user.email,
            "link": emails.password_link(user, "accounts:password_reset_confirm"),
            "days": emails.link_days(),
        }
        emails.send("password_reset", context, user.email)


def _due_a_link(email: str) -> list[User]:
    """The active accounts of ``email`` still under the hour's limit, each link counted.

    Counted in a short transaction of its own, so no lock is held while the
    mail server is slow; the accounts' rows are locked meanwhile, so two
    requests at once for one address are counted one after the other.
    """
    now = timezone.now()
    hour_ago = now - timedelta(hours=1)
    due = []
    with transaction.atomic():
        ResetEmail.objects.filter(sent_at__lt=hour_ago).delete()
        users = (
            get_user_model()
            .objects.select_for_update()
            .filter(email__iexact=email.strip(), is_active=True)
        )
        for user in users:
            if (
                ResetEmail.objects.filter(user=user, sent_at__gte=hour_ago).count()
                < RESETS_PER_HOUR
            ):
                ResetEmail.objects.create(user=user, sent_at=now)
                due.append(user)
    return due
