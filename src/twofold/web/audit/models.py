"""The audit log: who read or exported which report, and who changed the rules.

Events are written by :func:`twofold.web.audit.record` and never changed or
deleted by Twofold. They name the actor and the object, never a rater or an
answer: the log is there to show who looked at results, not to add a way to
tie raters to what they said. Administrators of the organisation read it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twofold.web.organisations.models import Organisation


class Action(models.TextChoices):
    REPORT_VIEWED = "report.viewed", _("Viewed a report")
    REPORT_EXPORTED = "report.exported", _("Exported a report")
    PEOPLE_IMPORTED = "people.imported", _("Imported people")
    PEOPLE_EXPORTED = "people.exported", _("Exported people")
    POLICY_CHANGED = "campaign.policy_changed", _("Changed an anonymity policy")
    CAMPAIGN_OPENED = "campaign.opened", _("Opened a campaign")
    CAMPAIGN_CLOSED = "campaign.closed", _("Closed a campaign")
    DEADLINE_EXTENDED = "campaign.deadline_extended", _("Extended a deadline")
    CAMPAIGN_RELEASED = "campaign.released", _("Released results")
    CAMPAIGN_REOPENED = "campaign.reopened", _("Re-opened a campaign")
    ROLE_CHANGED = "account.role_changed", _("Changed someone's role")


class Event(models.Model):
    """One audited action."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_events"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who acted, as they were known then: kept when the account is deleted.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    # What was acted on: a kind ("campaign", "report") and its id, and words to show.
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    summary = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.get_action_display()}"
