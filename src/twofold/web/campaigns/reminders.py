"""When a campaign's reminders are due, and who is still to be reminded.

A campaign lists days before its deadline (``Campaign.reminder_days``); on
each, raters who have been invited and have not submitted, and participants
who have not submitted their self-assessment, get one reminder. A day's
reminders go out at :data:`REMINDER_HOUR` in the server's time zone
(``TIME_ZONE``), in working hours rather than at the minute of the deadline.

Reminders are scheduled when the campaign opens and again when its deadline
moves; each scheduled task checks, when it runs, that its day is still a
reminder day of the campaign as it is then (:func:`is_due`), so the tasks of
a deadline that has since moved do nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from twofold.web.assessments.models import RaterRole
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus, Participant

#: The hour of the day (server time) at which a day's reminders go out.
REMINDER_HOUR = 9


def reminder_date(campaign: Campaign, days_before: int) -> date:
    """The day ``days_before`` days before the campaign's deadline."""
    return timezone.localdate(campaign.deadline) - timedelta(days=days_before)


def reminder_time(campaign: Campaign, days_before: int) -> datetime:
    """When the reminders of that day go out."""
    day = reminder_date(campaign, days_before)
    return timezone.make_aware(datetime.combine(day, time(REMINDER_HOUR)))


def upcoming(campaign: Campaign, now: datetime | None = None) -> list[tuple[int, datetime]]:
    """The campaign's reminder days still ahead, as (days before, when), soonest first.

    A day whose hour has passed is skipped, and so is one that would fall at
    or after the deadline.
    """
    now = timezone.now() if now is None else now
    days: list[int] = campaign.reminder_days
    ahead = [(d, reminder_time(campaign, d)) for d in set(days)]
    return sorted(
        ((d, at) for d, at in ahead if now < at < campaign.deadline), key=lambda pair: pair[1]
    )


def is_due(campaign: Campaign, days_before: int, now: datetime | None = None) -> bool:
    """Today is that reminder day, and the campaign still takes answers."""
    now = timezone.now() if now is None else now
    return (
        days_before in campaign.reminder_days
        and campaign.accepts_answers(now)
        and timezone.localdate(now) == reminder_date(campaign, days_before)
    )


def reminded_today(at: datetime | None, now: datetime | None = None) -> bool:
    """Someone was reminded at ``at``, earlier today: once a day is enough."""
    now = timezone.now() if now is None else now
    return at is not None and timezone.localdate(at) == timezone.localdate(now)


def unfinished_raters(campaign: Campaign) -> QuerySet[Invitation]:
    """Invited raters who have not submitted their answers."""
    return Invitation.objects.filter(
        participant__campaign=campaign,
        status=InvitationStatus.SENT,
        response_set__isnull=False,
        response_set__submitted_at__isnull=True,
    )


def unfinished_participants(campaign: Campaign) -> QuerySet[Participant]:
    """Participants who have not submitted their self-assessment."""
    return campaign.participants.filter(
        assessment__response_sets__rater_role=RaterRole.SELF,
        assessment__response_sets__submitted_at__isnull=True,
    )
