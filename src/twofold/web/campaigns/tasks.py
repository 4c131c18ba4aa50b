"""Background tasks: every email of a campaign is sent by one of these.

The tasks run in ``twofold worker`` (django-tasks with its database
backend), so a page never waits for a mail server. Each takes ids, not rows,
and reads the rows afresh when it runs: much may have changed since it was
queued (a deadline moved, a rater answered, a campaign closed).

Each is safe to run twice. Before sending, a task claims its email by
setting the time it went on the row (``Invitation.sent_at``,
``Invitation.reminded_at``, ``Participant.invited_at``, …) with an UPDATE
that only succeeds if the time is still the one it read: of two runs, one
sends and the other finds the claim taken. If sending fails the claim is
given back, and the task can be run again. A mail server that accepts a
message and then fails to say so may, rarely, get it twice; no run ever
sends an email twice on its own.
"""

from __future__ import annotations

from datetime import datetime

from django.core.mail import EmailMessage
from django.db.models import Model
from django.utils import timezone
from django_tasks import task

from twofold.web.assessments.models import RaterRole
from twofold.web.campaigns import emails, reminders
from twofold.web.campaigns.models import (
    Campaign,
    Invitation,
    InvitationStatus,
    Participant,
    Status,
)


def _send_once(
    model: type[Model], pk: int, field: str, seen: datetime | None, message: EmailMessage
) -> bool:
    """Claim ``field`` of row ``pk`` (still ``seen``), then send; False if another run has it."""
    claimed = model._default_manager.filter(pk=pk, **{field: seen}).update(
        **{field: timezone.now()}
    )
    if claimed != 1:
        return False
    try:
        message.send()
    except Exception:
        model._default_manager.filter(pk=pk).update(**{field: seen})
        raise
    return True


def _invitation(invitation_id: int) -> Invitation | None:
    return (
        Invitation.objects.select_related(
            "participant__campaign__organisation", "participant__person", "response_set"
        )
        .filter(pk=invitation_id)
        .first()
    )


def _participant(participant_id: int) -> Participant | None:
    return (
        Participant.objects.select_related("campaign__organisation", "person__manager")
        .filter(pk=participant_id)
        .first()
    )


@task()
def email_invitation(invitation_id: int) -> bool:
    """Email a rater their personal link, once; False when there is nothing to send."""
    invitation = _invitation(invitation_id)
    if (
        invitation is None
        or invitation.status != InvitationStatus.SENT
        or invitation.sent_at is not None
        or not invitation.participant.campaign.accepts_answers()
    ):
        return False
    message = emails.invitation_email(invitation)
    return _send_once(Invitation, invitation.pk, "sent_at", None, message)


@task()
def email_participant_opening(participant_id: int) -> bool:
    """Tell a participant the campaign has opened: assess yourself, choose your raters."""
    participant = _participant(participant_id)
    if (
        participant is None
        or participant.invited_at is not None
        or participant.assessment_id is None
        or not participant.campaign.accepts_answers()
    ):
        return False
    message = emails.participant_opening_email(participant)
    return _send_once(Participant, participant.pk, "invited_at", None, message)


@task()
def email_approvers(participant_id: int) -> bool:
    """Tell whoever approves a participant's raters that a submitted list waits for them.

    Only once the campaign is open: before that, nobody but administrators
    sees it, so a manager would be sent to a list they cannot open. A list
    submitted in a draft is announced when the campaign opens
    (:func:`twofold.web.campaigns.scheduling.campaign_launched`).
    """
    participant = _participant(participant_id)
    if participant is None or participant.nominations_submitted_at is None:
        return False
    told = participant.approvers_told_at
    if told is not None and told >= participant.nominations_submitted_at:
        return False
    campaign = participant.campaign
    if campaign.status != Status.OPEN or campaign.deadline <= timezone.now():
        return False
    if not participant.invitations.filter(status=InvitationStatus.PROPOSED).exists():
        return False
    message = emails.approval_request_email(participant)
    if message is None:
        return False
    return _send_once(Participant, participant.pk, "approvers_told_at", told, message)


@task()
def send_reminders(campaign_id: int, days_before: int) -> int:
    """On a reminder day, queue a reminder for everyone who has not finished; return how many.

    Does nothing unless the day is still one of the campaign's reminder days
    (see :func:`twofold.web.campaigns.reminders.is_due`).
    """
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or not reminders.is_due(campaign, days_before):
        return 0
    raters = list(reminders.unfinished_raters(campaign).values_list("pk", flat=True))
    participants = list(reminders.unfinished_participants(campaign).values_list("pk", flat=True))
    for invitation_id in raters:
        remind_rater.enqueue(invitation_id)
    for participant_id in participants:
        remind_participant.enqueue(participant_id)
    return len(raters) + len(participants)


@task()
def remind_rater(invitation_id: int) -> bool:
    """Remind one invited rater who has not submitted; at most once a day."""
    invitation = _invitation(invitation_id)
    if (
        invitation is None
        or invitation.status != InvitationStatus.SENT
        or invitation.response_set is None
        or invitation.response_set.is_submitted
        or not invitation.participant.campaign.accepts_answers()
        or reminders.reminded_today(invitation.reminded_at)
    ):
        return False
    message = emails.rater_reminder_email(invitation)
    return _send_once(Invitation, invitation.pk, "reminded_at", invitation.reminded_at, message)


@task()
def remind_participant(participant_id: int) -> bool:
    """Remind one participant who has not submitted their self-assessment; at most once a day."""
    participant = _participant(participant_id)
    if (
        participant is None
        or participant.assessment is None
        or not participant.campaign.accepts_answers()
        or reminders.reminded_today(participant.reminded_at)
    ):
        return False
    unfinished = participant.assessment.response_sets.filter(
        rater_role=RaterRole.SELF, submitted_at__isnull=True
    )
    if not unfinished.exists():
        return False
    message = emails.participant_reminder_email(participant)
    return _send_once(Participant, participant.pk, "reminded_at", participant.reminded_at, message)
