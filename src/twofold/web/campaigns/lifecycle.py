"""Moving a campaign on: launch a draft, extend an open campaign's deadline, close it.

Every change of status or deadline ends with :meth:`Campaign.sync_answer_window`,
which is what stops answering on every page and API route, and is written to
the audit log. Launching and extending send the signals of
:mod:`twofold.web.campaigns.signals`, for the emails and reminders.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twofold.content import builtin_instrument
from twofold.web import audit
from twofold.web.accounts.models import Role
from twofold.web.accounts.services import ensure_membership
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.audit.models import Action
from twofold.web.campaigns import rules
from twofold.web.campaigns.changes import (
    SetupError,
    account_of,
    lock,
    logged_time,
    refreshed,
)
from twofold.web.campaigns.models import (
    Campaign,
    Group,
    Invitation,
    InvitationStatus,
    Participant,
    Status,
)
from twofold.web.campaigns.signals import campaign_launched, deadline_extended

if TYPE_CHECKING:
    from twofold.web.campaigns.changes import Actor


def launch_problems(campaign: Campaign) -> rules.Problems:
    """Why ``campaign`` cannot open now; empty when it can."""
    if campaign.status != Status.DRAFT:
        return {"status": _("This campaign has already been launched.")}
    problems = rules.deadline_problems(campaign.deadline)
    if not campaign.participants.exists():
        problems["participants"] = _("Add at least one participant.")
    installed = builtin_instrument(campaign.instrument_id)
    if installed.version != campaign.instrument_version:
        problems["instrument"] = _(
            "The campaign was set up with version %(pinned)s of the questionnaire, but this "
            "installation has version %(installed)s: choose the instrument again."
        ) % {"pinned": campaign.instrument_version, "installed": installed.version}
    return problems


@transaction.atomic
def launch(campaign: Campaign, by: Actor = None) -> Campaign:
    """Open a draft campaign.

    Each participant gets an assessment of the campaign's instrument and its
    self response set, and an account with at least the participant role;
    each participant's manager (from the org chart) an account with at least
    the manager role and an approved invitation to rate them. Then
    :data:`~twofold.web.campaigns.signals.campaign_launched` is sent, for the
    invitations' emails and the reminders.

    Raises
    ------
    SetupError
        The campaign is not a draft, has no participants, has a deadline in
        the past, or its instrument version is no longer installed.
    """
    locked = lock(campaign)
    problems = launch_problems(locked)
    if problems:
        raise SetupError(problems)
    now = timezone.now()
    participants = list(locked.participants.select_related("person__manager"))
    for participant in participants:
        _open_participant(locked, participant, by, now)
    locked.status = Status.OPEN
    locked.opened_at = now
    locked.save(update_fields=["status", "opened_at"])
    locked.sync_answer_window()
    audit.record(
        locked.organisation,
        by,
        Action.CAMPAIGN_OPENED,
        object_type="campaign",
        object_id=locked.pk,
        summary=ngettext(
            "%(name)s: %(count)d participant, answers until %(deadline)s",
            "%(name)s: %(count)d participants, answers until %(deadline)s",
            len(participants),
        )
        % {
            "name": locked.name,
            "count": len(participants),
            "deadline": logged_time(locked.deadline),
        },
    )
    campaign_launched.send(sender=Campaign, campaign=locked)
    return refreshed(campaign, locked)


def _open_participant(
    campaign: Campaign, participant: Participant, by: Actor, now: datetime
) -> None:
    person = participant.person
    assessment = Assessment.objects.create(
        subject_name=person.name[: Assessment._meta.get_field("subject_name").max_length],
        instrument_id=campaign.instrument_id,
        instrument_version=campaign.instrument_version,
        answers_until=campaign.deadline,
    )
    ResponseSet.objects.create(
        assessment=assessment,
        rater_role=RaterRole.SELF,
        instrument_id=campaign.instrument_id,
        instrument_version=campaign.instrument_version,
    )
    participant.assessment = assessment
    participant.save(update_fields=["assessment"])
    because = _("%(campaign)s launched") % {"campaign": campaign.name}
    ensure_membership(person, Role.PARTICIPANT, because=because, actor=by)
    manager = person.manager
    if manager is None:
        return
    ensure_membership(manager, Role.MANAGER, because=because, actor=by)
    Invitation.objects.get_or_create(
        participant=participant,
        email=manager.email,
        defaults={
            "group": Group.MANAGER,
            "person": manager,
            "name": manager.name,
            "status": InvitationStatus.APPROVED,
            "decided_by": account_of(by),
            "decided_at": now,
        },
    )


@transaction.atomic
def extend_deadline(campaign: Campaign, new_deadline: datetime, by: Actor = None) -> Campaign:
    """Move an open campaign's deadline later; answering follows at once.

    Sends :data:`~twofold.web.campaigns.signals.deadline_extended`, so the
    reminders are planned again.

    Raises
    ------
    SetupError
        The campaign is not open, or the new deadline is not later than the
        current one and in the future.
    """
    locked = lock(campaign)
    if locked.status != Status.OPEN:
        raise SetupError({"deadline": _("Only an open campaign's deadline can be extended.")})
    previous = locked.deadline
    if new_deadline <= previous:
        raise SetupError(
            {
                "deadline": _("Choose a time after the current deadline, %(deadline)s.")
                % {"deadline": logged_time(previous)}
            }
        )
    problems = rules.deadline_problems(new_deadline)
    if problems:
        raise SetupError(problems)
    locked.deadline = new_deadline
    locked.save(update_fields=["deadline"])
    locked.sync_answer_window()
    audit.record(
        locked.organisation,
        by,
        Action.DEADLINE_EXTENDED,
        object_type="campaign",
        object_id=locked.pk,
        summary=f"{locked.name}: {logged_time(previous)} → {logged_time(new_deadline)}",
    )
    deadline_extended.send(sender=Campaign, campaign=locked, previous_deadline=previous)
    return refreshed(campaign, locked)


@transaction.atomic
def close(campaign: Campaign, by: Actor = None) -> Campaign:
    """Close an open campaign: answering ends at once, on every link.

    Raises
    ------
    SetupError
        The campaign is not open.
    """
    locked = lock(campaign)
    if locked.status != Status.OPEN:
        raise SetupError({"status": _("Only an open campaign can be closed.")})
    locked.status = Status.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    locked.sync_answer_window()
    audit.record(
        locked.organisation,
        by,
        Action.CAMPAIGN_CLOSED,
        object_type="campaign",
        object_id=locked.pk,
        summary=locked.name,
    )
    return refreshed(campaign, locked)
