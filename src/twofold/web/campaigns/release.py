"""Releasing a campaign's results, and re-opening it: the moment answers stop being anyone's.

Releasing a participant makes their 360 report from the answers submitted so
far, and cuts every tie between the raters who were asked and what they
answered (docs/decisions/0017-releasing-a-campaign.md):

* each submitted observer response set is copied, in an order shuffled by the
  operating system's random source, to a new row with a new link token and
  the release time as its only times; the copies are listed in a
  :class:`~twofold.web.campaigns.models.ReleasedResponse`, and the originals,
  which invitations pointed at, are deleted;
* so are the sets of the participant's earlier releases: copied again with
  the new ones, listed in the new release alone, and deleted, so that the
  database never says which release first held a set (and so which raters,
  invited between two releases, could have given it);
* unsubmitted observer sets are deleted too: they never count, and must not
  stay tied to a rater;
* invitations that were sent or declined become "closed" and forget when their
  rater was reminded, since reminders go only to raters who had not answered;
* the background tasks about the participants and their raters go too, with
  the campaign's reminder days that have run: each says who, or how many,
  had not answered by some day.

A participant released before is released again only when
:func:`~twofold.core.anonymity.releases.judge_release` finds that the new
report, read beside the earlier ones, reveals no withheld group and no rater;
otherwise they are left untouched and the reasons reported.

Participants are read and released a hundred at a time, with a few statements
for the hundred whatever the number of raters, so a campaign of a thousand
participants takes seconds. Each participant's release is whole or not made:
the hundred are written in one transaction, and if it fails (someone else
released one of them meanwhile), each is read, judged and released again in
a transaction of their own.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from twofold.core.anonymity import SELF, AnonymityPolicy
from twofold.core.instrument import Instrument
from twofold.web import audit
from twofold.web.accounts.access import viewer_for
from twofold.web.assessments.models import ResponseSet
from twofold.web.audit.models import Action
from twofold.web.campaigns import tasks
from twofold.web.campaigns.changes import logged_time
from twofold.web.campaigns.models import (
    Campaign,
    Invitation,
    InvitationStatus,
    Participant,
    Release,
    ReleasedResponse,
    Status,
)
from twofold.web.campaigns.release_plans import (
    REFUSED,
    RELEASED,
    Plan,
    ReleaseError,
    campaign_rules,
    read_plans,
)
from twofold.web.campaigns.signals import deadline_extended

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser

#: Participants read and released at once: a few statements for them all
#: instead of a few each, and a write lock held for a fraction of a second.
BATCH = 100


@dataclass(frozen=True, eq=False)
class Outcome:
    """What releasing did for one participant."""

    plan: Plan
    release: Release | None

    @property
    def participant(self) -> Participant:
        return self.plan.participant

    @property
    def state(self) -> str:
        return self.plan.state


def release_participants(participants: Iterable[Participant], by: Actor) -> list[Outcome]:
    """Release each participant of one closed campaign whom ``by`` may release.

    A participant released by someone else since they were read is judged
    again on what that release left. When every participant of the campaign
    has a release, the campaign becomes released. One audit event records
    who released how many participants, and nothing about raters.

    Raises
    ------
    PermissionDenied
        ``by`` may not release one of the participants (nothing is released).
    ReleaseError
        The campaign is not closed, or the participants are not of one campaign.
    """
    chosen = list(participants)
    campaigns = {p.campaign_id for p in chosen}
    if len(campaigns) > 1:
        raise ReleaseError(_("Release the participants of one campaign at a time."))
    if not chosen:
        return []
    campaign = Campaign.objects.select_related("organisation").get(pk=campaigns.pop())
    viewer = viewer_for(by, campaign.organisation)
    allowed = viewer is not None and all(
        viewer.may_release(p.person_id, coach_may_release=campaign.coach_may_release)
        for p in chosen
    )
    if not allowed:
        raise PermissionDenied(_("You may not release these results."))
    if campaign.status != Status.CLOSED:
        raise ReleaseError(_("Results can be released once the campaign is closed."))
    instrument, policy = campaign_rules(campaign)
    outcomes: list[Outcome] = []
    try:
        for start in range(0, len(chosen), BATCH):
            batch = read_plans(chosen[start : start + BATCH], instrument, policy)
            outcomes += _carry_out(batch, by, instrument, policy)
    finally:
        _finish(campaign, outcomes, by)
    return outcomes


@transaction.atomic
def reopen(campaign: Campaign, new_deadline: datetime, by: Actor) -> Campaign:
    """Open a closed or released campaign again, until ``new_deadline``.

    Raters whose invitations are still open may answer, and new raters can be
    nominated and invited; invitations closed by a release stay closed. What
    is answered now reaches a report only through a new release, which is
    refused while it could reveal a rater by difference with an earlier one.

    Raises
    ------
    PermissionDenied
        ``by`` is not an administrator of the campaign's organisation.
    ReleaseError
        The campaign is not closed or released, or the deadline is not in the future.
    """
    locked = Campaign.objects.select_for_update().select_related("organisation").get(pk=campaign.pk)
    viewer = viewer_for(by, locked.organisation)
    if viewer is None or not viewer.may_administer():
        raise PermissionDenied(_("Only an administrator can re-open a campaign."))
    if locked.status not in (Status.CLOSED, Status.RELEASED):
        raise ReleaseError(_("Only a closed or released campaign can be re-opened."))
    if new_deadline <= timezone.now():
        raise ReleaseError(_("Choose a new deadline in the future."))
    previous_deadline = locked.deadline
    locked.status = Status.OPEN
    locked.deadline = new_deadline
    locked.closed_at = None
    locked.save(update_fields=["status", "deadline", "closed_at"])
    locked.sync_answer_window()
    # Reminders follow the new deadline, as when an open campaign's is extended.
    deadline_extended.send(sender=Campaign, campaign=locked, previous_deadline=previous_deadline)
    audit.record(
        locked.organisation,
        by,
        Action.CAMPAIGN_REOPENED,
        object_type="campaign",
        object_id=locked.pk,
        summary=_("%(campaign)s: open until %(deadline)s")
        % {
            "campaign": locked.name,
            "deadline": logged_time(new_deadline),
        },
    )
    campaign.status, campaign.deadline, campaign.closed_at = locked.status, new_deadline, None
    return campaign


def _carry_out(
    plans: list[Plan], by: Actor, instrument: Instrument, policy: AnonymityPolicy
) -> list[Outcome]:
    """Release every participant whose plan allows it: all of them in one transaction.

    Each participant's release is whole or not made at all. A release's
    number is unique per participant, so plans made stale by someone else's
    release of one of them fail together; each participant is then read,
    judged and released again in a transaction of their own.
    """
    due = [plan for plan in plans if plan.state == RELEASED]
    if not due:
        return [Outcome(plan, None) for plan in plans]
    try:
        with transaction.atomic():
            made = _cut(due, by)
    except IntegrityError:
        made = {}
        for stale in due:
            fresh = read_plans([stale.participant], instrument, policy)[0]
            plans[plans.index(stale)] = fresh
            if fresh.state == RELEASED:
                with transaction.atomic():
                    made.update(_cut([fresh], by))
    return [Outcome(plan, made.get(plan.participant.pk)) for plan in plans]


def _cut(plans: list[Plan], by: Actor) -> dict[int, Release]:
    """Make the planned releases, by participant: copy the answers, shuffled, and cut every tie.

    Every submitted observer set is copied, those of earlier releases too, and
    the new release lists them all: the latest release alone says which sets
    a participant's report is made of, and nothing says which release, or
    which stretch of invitations, each came from. A few statements whatever
    the number of participants and raters.
    """
    now = timezone.now()
    releases = Release.objects.bulk_create(
        Release(
            participant=plan.participant,
            number=plan.number,
            released_at=now,
            released_by_id=by.pk if by.is_authenticated else None,
        )
        for plan in plans
    )
    made = {release.participant_id: release for release in releases}
    invitations = Invitation.objects.filter(participant__in=list(made))
    _forget_tasks(
        plans[0].participant.campaign_id,
        set(made),
        set(invitations.values_list("pk", flat=True)),
    )
    invitations.update(
        response_set=None,
        reminded_at=None,
        status=Case(
            When(
                status__in=(InvitationStatus.SENT, InvitationStatus.DECLINED),
                then=Value(InvitationStatus.CLOSED),
            ),
            default=F("status"),
        ),
    )
    counted = [(plan, row) for plan in plans for row in plan.rows if row.submitted]
    observers = [(plan, row) for plan, row in counted if row.group != SELF]
    # The order of the copies, and so of their ids, is the operating system's
    # randomness, across every participant released here.
    secrets.SystemRandom().shuffle(observers)
    copies = ResponseSet.objects.bulk_create(
        ResponseSet(
            assessment_id=row.assessment_id,
            rater_role=row.group,
            instrument_id=row.instrument_id,
            instrument_version=row.instrument_version,
            answers=row.answers,
            comments=row.comments,
            started_at=now,
            submitted_at=now,
        )
        for plan, row in observers
    )
    # bulk_create stamps updated_at itself, a moment apart per row: set it to the release's time.
    ResponseSet.objects.filter(pk__in=[copy.pk for copy in copies]).update(updated_at=now)
    # The earlier releases give up their sets: the new one lists them all.
    ReleasedResponse.objects.filter(release__participant__in=list(made)).delete()
    listed = [(plan, copy.pk) for (plan, _), copy in zip(observers, copies, strict=True)]
    listed += [(plan, row.pk) for plan, row in counted if row.group == SELF]
    ReleasedResponse.objects.bulk_create(
        ReleasedResponse(release=made[plan.participant.pk], response_set_id=pk)
        for plan, pk in listed
    )
    # The originals and earlier copies, copied above, and the unsubmitted sets, which never count.
    unsubmitted = [
        row.pk for plan in plans for row in plan.rows if not row.submitted and row.group != SELF
    ]
    ResponseSet.objects.filter(
        Q(pk__in=[row.pk for _, row in observers]) | Q(pk__in=unsubmitted, submitted_at=None)
    ).only("pk").delete()
    return made


#: Background tasks about one rater, by invitation: a reminder's row in the task
#: queue says that its rater had not answered by that day.
RATER_TASKS = (tasks.email_invitation, tasks.remind_rater)
#: Tasks about one participant: when they, or the list of their raters, were waiting.
PARTICIPANT_TASKS = (
    tasks.email_participant_opening,
    tasks.email_approvers,
    tasks.remind_participant,
)
#: Tasks about the campaign: a reminder day's, once run, holds how many it reminded.
#: Queued ones hold nothing but the campaign and the day, and stay.
CAMPAIGN_TASKS = (tasks.send_reminders,)


def _forget_tasks(campaign_id: int, participant_ids: set[int], invitation_ids: set[int]) -> None:
    """Delete the tasks, queued or finished, about these participants and invitations.

    And the campaign's reminder days that have run. A task that is running is
    left to finish: its worker writes its result to its row. Tasks are matched
    on their first argument, given by position or by name.
    """
    about = (
        _called_for(RATER_TASKS, "invitation_id", invitation_ids)
        | _called_for(PARTICIPANT_TASKS, "participant_id", participant_ids)
        | (
            _called_for(CAMPAIGN_TASKS, "campaign_id", {campaign_id})
            & Q(status__in=(TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED))
        )
    )
    DBTaskResult.objects.filter(about).exclude(status=TaskResultStatus.RUNNING).delete()


def _called_for(kinds: tuple[Task[Any, Any], ...], name: str, ids: set[int]) -> Q:
    """Tasks of these kinds queued for one of ``ids``, passed first or as ``name``."""
    return Q(task_path__in=[task.module_path for task in kinds]) & (
        Q(args_kwargs__args__0__in=list(ids)) | Q(**{f"args_kwargs__kwargs__{name}__in": list(ids)})
    )


def _finish(campaign: Campaign, outcomes: list[Outcome], by: Actor) -> None:
    """After releasing: the campaign's state, the audit log, and the old rows' last traces."""
    released = sum(1 for o in outcomes if o.state == RELEASED)
    if not released:
        return
    if not campaign.participants.filter(releases=None).exists():
        campaign.status = Status.RELEASED
        campaign.save(update_fields=["status"])
    campaign.sync_answer_window()
    refused = sum(1 for o in outcomes if o.state == REFUSED)
    summary = ngettext(
        "%(campaign)s: released %(count)d participant",
        "%(campaign)s: released %(count)d participants",
        released,
    ) % {"campaign": campaign.name, "count": released}
    if refused:
        summary += ngettext(
            "; %(count)d not released again",
            "; %(count)d not released again",
            refused,
        ) % {"count": refused}
    audit.record(
        campaign.organisation,
        by,
        Action.CAMPAIGN_RELEASED,
        object_type="campaign",
        object_id=campaign.pk,
        summary=summary,
    )
    _checkpoint()


def _checkpoint() -> None:
    """Empty SQLite's write-ahead log, where old pages of the deleted rows would linger.

    SQLite overwrites deleted rows (``secure_delete``); the log still holds
    earlier versions of their pages until a checkpoint. Skipped inside an
    outer transaction, where SQLite cannot do it; PostgreSQL is the
    administrator's to vacuum (docs/privacy.md).
    """
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
