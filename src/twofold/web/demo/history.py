"""Date the demo's campaigns so that their history reads true from today.

The seed goes through the real services, which stamp everything with the
moment it runs and refuse a deadline in the past. So a finished campaign is
built now and then dated back: opened, answered, past its deadline, closed,
then released, in that order; the open campaign opened days ago, has been
answered since, and its deadline is ahead. Every time a page, the API or the
audit log shows moves with it, not only the campaign's own: the audit events
of its opening, closing and release (and the deadline the opening names), its
assessments, invitations, response sets and releases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.audit.models import Action, Event
from twofold.web.campaigns.changes import logged_time
from twofold.web.campaigns.models import Campaign, Group, Invitation, Release

#: How long before opening a campaign was set up, and after opening its
#: participants nominated their raters (the next morning) and HR approved them.
SET_UP_BEFORE = timedelta(days=3)
NOMINATED_AFTER = timedelta(days=1, hours=1)
APPROVED_AFTER = NOMINATED_AFTER + timedelta(hours=2)
#: How long a rater took over the questionnaire.
ANSWERING = timedelta(minutes=20)


@dataclass(frozen=True)
class Timeline:
    """When a campaign opened, its deadline, and when it closed and was released."""

    opened: datetime
    deadline: datetime
    closed: datetime | None = None
    released: datetime | None = None

    def __post_init__(self) -> None:
        moments = [self.opened, self.deadline, self.closed, self.released]
        given = [m for m in moments if m is not None]
        if given != sorted(given) or (self.released is not None and self.closed is None):
            raise ValueError("a campaign opens, reaches its deadline, closes, then is released")


def day_at(days_from_today: int, hour: int, minute: int = 0) -> datetime:
    """A time of day, so many days from today, in the server's time zone."""
    day = timezone.localdate() + timedelta(days=days_from_today)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def released_timeline() -> Timeline:
    """The released campaign: three weeks to answer, about six weeks ago."""
    return Timeline(
        opened=day_at(-63, 9),
        deadline=day_at(-42, 17),
        closed=day_at(-41, 9, 30),
        released=day_at(-39, 10),
    )


def open_timeline() -> Timeline:
    """The open campaign: opened six days ago, its deadline about two weeks ahead."""
    return Timeline(opened=day_at(-6, 9), deadline=day_at(15, 17))


def date_campaign(campaign: Campaign, timeline: Timeline) -> None:
    """Move every time of ``campaign`` onto ``timeline``.

    Answers are spread over the time there was to answer, in the order they
    were given; a released copy of a rater's answers keeps the release's time
    as its only time, as a release makes it (docs/decisions/0017-releasing-a-campaign.md).
    """
    before = campaign.deadline
    created = timeline.opened - SET_UP_BEFORE
    Campaign.objects.filter(pk=campaign.pk).update(
        created_at=created,
        opened_at=timeline.opened,
        deadline=timeline.deadline,
        closed_at=timeline.closed,
    )
    campaign.refresh_from_db()
    campaign.sync_answer_window()
    participants = campaign.participants.all()
    participants.update(added_at=created)
    participants.exclude(invited_at=None).update(invited_at=timeline.opened)
    participants.exclude(nominations_submitted_at=None).update(
        nominations_submitted_at=timeline.opened + NOMINATED_AFTER
    )
    _date_invitations(campaign, timeline)
    _date_answers(campaign, timeline)
    if timeline.released is not None:
        Release.objects.filter(participant__campaign=campaign).update(released_at=timeline.released)
    _date_events(campaign, timeline, before)


def _date_invitations(campaign: Campaign, timeline: Timeline) -> None:
    """The manager's invitation comes with the opening; the others are nominated, then approved."""
    invitations = Invitation.objects.filter(participant__campaign=campaign)
    managers = invitations.filter(group=Group.MANAGER)
    managers.update(created_at=timeline.opened, decided_at=timeline.opened)
    nominated = invitations.exclude(group=Group.MANAGER)
    nominated.update(
        created_at=timeline.opened + NOMINATED_AFTER,
        decided_at=timeline.opened + APPROVED_AFTER,
    )
    invitations.exclude(sent_at=None).update(sent_at=F("decided_at"))


def _date_answers(campaign: Campaign, timeline: Timeline) -> None:
    """Spread the submitted answers over the time to answer; copies take the release's time."""
    assessments = Assessment.objects.filter(participant__campaign=campaign)
    assessments.update(created_at=timeline.opened)
    sets = ResponseSet.objects.filter(assessment__in=assessments)
    copies = sets.exclude(rater_role=RaterRole.SELF).filter(released__isnull=False)
    if timeline.released is not None:
        copies.update(
            started_at=timeline.released,
            updated_at=timeline.released,
            submitted_at=timeline.released,
        )
    own = sets.exclude(pk__in=copies.values("pk"))
    start = timeline.opened + APPROVED_AFTER
    end = timeline.deadline if timeline.closed is not None else timezone.now()
    end -= timedelta(hours=1)
    submitted = list(own.exclude(submitted_at=None).order_by("submitted_at", "pk"))
    step = (end - start) / (len(submitted) + 1)
    completed = []
    for number, response_set in enumerate(submitted, start=1):
        at = _office_hours(start + step * number, number, start, end)
        response_set.started_at, response_set.updated_at = at - ANSWERING, at
        response_set.submitted_at = at
        if response_set.rater_role == RaterRole.SELF:
            completed.append(Assessment(pk=response_set.assessment_id, completed_at=at))
    ResponseSet.objects.bulk_update(submitted, ["started_at", "updated_at", "submitted_at"])
    Assessment.objects.bulk_update(completed, ["completed_at"])
    own.filter(submitted_at=None).update(started_at=start, updated_at=start)


def _office_hours(at: datetime, number: int, start: datetime, end: datetime) -> datetime:
    """``at``'s day at a time of the working day, varied by ``number``, if still in time.

    Evenly spread answers fall at any hour, and a demo answered at 2 a.m.
    looks made up; but an answer never moves outside ``start`` and ``end``.
    """
    minutes = 9 * 60 + (number * 97) % (8 * 60)
    day = timezone.localtime(at).date()
    moved = timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60)))
    return moved if start <= moved <= end else at.replace(microsecond=0)


def _date_events(campaign: Campaign, timeline: Timeline, deadline_before: datetime) -> None:
    """Date the campaign's audit events, and give the opening's summary the new deadline."""
    times = {
        Action.CAMPAIGN_OPENED: timeline.opened,
        Action.CAMPAIGN_CLOSED: timeline.closed,
        Action.CAMPAIGN_RELEASED: timeline.released,
    }
    events = Event.objects.filter(
        organisation_id=campaign.organisation_id, object_type="campaign", object_id=campaign.pk
    )
    for event in events:
        at = times.get(Action(event.action))
        if at is None:
            continue
        summary = event.summary.replace(
            logged_time(deadline_before), logged_time(timeline.deadline)
        )
        Event.objects.filter(pk=event.pk).update(at=at, summary=summary)
