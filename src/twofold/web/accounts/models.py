"""Accounts and what they may do in each organisation.

Design
------
* Sign-in is Django's: ``auth.User`` with the email address, lower-case, as
  its username, so people sign in with the address their invitation went to.
* A :class:`Membership` gives one account one role in one organisation, and
  may tie the account to the :class:`~twofold.web.organisations.models.Person`
  it belongs to there. The role decides what the account sees; the rules are
  written once, in :mod:`twofold.web.accounts.access`, and every page, API
  route, export and email asks them.
* A coach sees the people assigned to them (:class:`CoachAssignment`); the
  assignment belongs to the organisation, not to one campaign, so development
  plans and re-assessments later reach the same coach.
* Raters have no account: they answer through a personal link.
* Personal API tokens (:class:`ApiToken`) are shown once and stored only as a
  SHA-256 digest: a copy of the database does not let anyone use them.
* Password links emailed on request are counted (:class:`ResetEmail`), so that
  nobody can fill a colleague's inbox by asking again and again.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twofold.web.organisations.models import Organisation, Person

#: API tokens start with this, so a leaked one is recognisable (and scannable).
TOKEN_PREFIX = "tfk_"


class Role(models.TextChoices):
    """What an account may see in an organisation, from most to least."""

    ADMIN = "admin", _("Administrator")
    COACH = "coach", _("Coach")
    MANAGER = "manager", _("Manager")
    PARTICIPANT = "participant", _("Participant")


class Membership(models.Model):
    """One account's role in one organisation, and who they are there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = (
            models.UniqueConstraint(fields=("user", "organisation"), name="one_role_per_org"),
        )

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} in {self.organisation}"


class CoachAssignment(models.Model):
    """A coach working with one person of the organisation."""

    coach = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="coachees")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="coaches")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coach assignment")
        verbose_name_plural = _("coach assignments")
        constraints = (
            models.UniqueConstraint(fields=("coach", "person"), name="unique_coach_assignment"),
        )

    def __str__(self) -> str:
        return f"{self.coach.user} coaches {self.person.name}"


def token_digest(token: str) -> str:
    """The SHA-256 of a token, as stored: a fast hash is enough for 256 random bits."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A personal API token: acts as its user, and only as them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters, to tell tokens apart in a list; never enough to use one.
    hint = models.CharField(max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = (
            models.Index(
                fields=("digest",), condition=Q(revoked_at__isnull=True), name="live_token"
            ),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user: object, name: str) -> tuple[ApiToken, str]:
        """Create a token for ``user``; return it and its secret, which is never stored."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, hint=secret[: len(TOKEN_PREFIX) + 4], digest=token_digest(secret)
        )
        return token, secret


class ResetEmail(models.Model):
    """A password link emailed to an account because someone asked for one.

    Kept for an hour, to count how many went out
    (:func:`twofold.web.accounts.tasks.send_password_reset`); nothing else reads it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("password link sent")
        verbose_name_plural = _("password links sent")

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_at:%Y-%m-%d %H:%M}"
