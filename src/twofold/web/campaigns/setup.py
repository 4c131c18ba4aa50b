"""Setting up and running a campaign: create, edit, add people, launch, extend, close.

Thin functions over the models; none of them knows about HTTP. Each checks
what the campaign's status allows, under a lock on the campaign's row, so two
administrators acting at once cannot launch a campaign twice or add someone
to a campaign that has just opened. Every change of status or deadline ends
with :meth:`Campaign.sync_answer_window`, which is what stops answering on
every page and API route; every change of the anonymity policy, of status or
of deadline is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twofold.content import builtin_ids, builtin_instrument
from twofold.web import audit
from twofold.web.accounts.models import Role
from twofold.web.accounts.services import ensure_membership
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.assessments.services import DEFAULT_INSTRUMENT
from twofold.web.audit.models import Action
from twofold.web.campaigns import rules
from twofold.web.campaigns.groups import group_name
from twofold.web.campaigns.models import (
    Campaign,
    Group,
    Invitation,
    InvitationStatus,
    Participant,
    Release,
    Status,
    default_nomination_limits,
    default_policy,
    default_reminder_days,
)
from twofold.web.campaigns.signals import campaign_launched, deadline_extended
from twofold.web.organisations.models import Organisation, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    #: Who acts: the signed-in account of the request, or None for Twofold itself.
    Actor = User | AnonymousUser | None


class SetupError(ValueError):
    """A campaign cannot be set up or moved on as asked; ``problems`` says why, per setting.

    Keys name the setting at fault as :mod:`~twofold.web.campaigns.rules`
    does (``deadline``, ``scores.peers``, ``participants``…), so a form can
    show each message beside its field.
    """

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{key}: {text}" for key, text in self.problems.items()))


#: The longest campaign name (the column's length).
NAME_LENGTH = Campaign._meta.get_field("name").max_length or 200


def _account(by: Actor) -> User | None:
    """The account to record as having acted (an anonymous request has none)."""
    return by if isinstance(by, User) else None


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def _refresh(campaign: Campaign, source: Campaign) -> Campaign:
    """Copy the locked row's values onto the caller's instance, so it sees the change."""
    for field in Campaign._meta.concrete_fields:
        setattr(campaign, field.attname, getattr(source, field.attname))
    return campaign


def _settings_problems(
    *,
    name: str,
    instrument: str,
    policy: rules.Thresholds,
    reminder_days: Sequence[int],
) -> rules.Problems:
    problems: rules.Problems = {}
    if not name.strip():
        problems["name"] = _("Give the campaign a name.")
    elif len(name.strip()) > NAME_LENGTH:
        problems["name"] = ngettext(
            "Keep the name to %(most)d character.",
            "Keep the name to %(most)d characters.",
            NAME_LENGTH,
        ) % {"most": NAME_LENGTH}
    if instrument not in builtin_ids():
        problems["instrument"] = _("Choose one of the instruments offered.")
    problems.update(rules.policy_problems(policy))
    problems.update(rules.reminder_problems(reminder_days))
    return problems


def _limits(limits: rules.Limits) -> dict[str, list[int]]:
    return {
        group: [int(limits[group][0]), int(limits[group][1])] for group in rules.NOMINATED_GROUPS
    }


def _policy(policy: rules.Thresholds) -> dict[str, dict[str, int]]:
    return {
        kind: {g: int(policy[kind][g]) for g in rules.POLICY_GROUPS} for kind in rules.POLICY_KINDS
    }


@transaction.atomic
def create_campaign(
    organisation: Organisation,
    name: str,
    deadline: datetime,
    *,
    instrument: str = DEFAULT_INSTRUMENT,
    policy: rules.Thresholds | None = None,
    nomination_limits: rules.Limits | None = None,
    reminder_days: Sequence[int] | None = None,
    coach_may_release: bool = False,
    managers_see_reports: bool = True,
    by: Actor = None,
) -> Campaign:
    """A draft campaign, pinned to the installed version of ``instrument``.

    Raises
    ------
    SetupError
        A setting is not valid (every problem is listed).
    """
    policy = default_policy() if policy is None else policy
    limits = default_nomination_limits() if nomination_limits is None else nomination_limits
    days = default_reminder_days() if reminder_days is None else list(reminder_days)
    problems = rules.deadline_problems(deadline)
    problems.update(
        _settings_problems(name=name, instrument=instrument, policy=policy, reminder_days=days)
    )
    problems.update(rules.limit_problems(limits, policy))
    if problems:
        raise SetupError(problems)
    pinned = builtin_instrument(instrument)
    return Campaign.objects.create(
        organisation=organisation,
        name=name.strip(),
        deadline=deadline,
        instrument_id=pinned.id,
        instrument_version=pinned.version,
        policy=_policy(policy),
        nomination_limits=_limits(limits),
        reminder_days=sorted(set(days), reverse=True),
        coach_may_release=coach_may_release,
        managers_see_reports=managers_see_reports,
        created_by=_account(by),
    )


@transaction.atomic
def update_campaign(
    campaign: Campaign,
    *,
    name: str | None = None,
    deadline: datetime | None = None,
    instrument: str | None = None,
    policy: rules.Thresholds | None = None,
    nomination_limits: rules.Limits | None = None,
    reminder_days: Sequence[int] | None = None,
    coach_may_release: bool | None = None,
    managers_see_reports: bool | None = None,
    by: Actor = None,
) -> Campaign:
    """Change a campaign's settings (None leaves one as it is); return it as saved.

    A draft may change anything. Once the campaign is open, its deadline,
    instrument and nomination limits are fixed (the deadline moves only later,
    through :func:`extend_deadline`) and its thresholds may only be raised.
    Every changed threshold is written to the audit log, old → new.

    Raises
    ------
    SetupError
        A setting is not valid, or may no longer change.
    """
    locked = _locked(campaign)
    is_draft = locked.status == Status.DRAFT
    problems: rules.Problems = {}
    if not is_draft:
        fixed = {
            "deadline": (deadline, locked.deadline),
            "instrument": (instrument, locked.instrument_id),
            "nomination_limits": (
                None if nomination_limits is None else _limits(nomination_limits),
                locked.nomination_limits,
            ),
        }
        for key, (wanted, current) in fixed.items():
            if wanted is not None and wanted != current:
                problems[key] = _("This can no longer change: the campaign is open.")
    name = locked.name if name is None else name
    instrument = locked.instrument_id if instrument is None else instrument
    policy = locked.policy if policy is None else policy
    limits = locked.nomination_limits if nomination_limits is None else nomination_limits
    days = locked.reminder_days if reminder_days is None else list(reminder_days)
    if deadline is not None and is_draft:
        problems.update(rules.deadline_problems(deadline))
    problems.update(
        _settings_problems(name=name, instrument=instrument, policy=policy, reminder_days=days)
    )
    if is_draft:
        # Once open, the limits are fixed and were valid at launch; a raised
        # threshold may make a group harder to show, which is the point.
        problems.update(rules.limit_problems(limits, policy))
    elif not problems:
        problems.update(rules.raised_only_problems(locked.policy, policy))
    if (
        _policy(policy) != locked.policy
        and Release.objects.filter(participant__campaign=locked).exists()
    ):
        # A released report is computed with these thresholds whenever it is
        # opened: changing them would change what was released, outside a release.
        problems["policy"] = _("The thresholds can no longer change: results have been released.")
    if problems:
        raise SetupError(problems)

    before, previous_deadline = locked.policy, locked.deadline
    locked.name = name.strip()
    if is_draft:
        locked.deadline = locked.deadline if deadline is None else deadline
        if instrument != locked.instrument_id:
            pinned = builtin_instrument(instrument)
            locked.instrument_id, locked.instrument_version = pinned.id, pinned.version
        locked.nomination_limits = _limits(limits)
    locked.policy = _policy(policy)
    locked.reminder_days = sorted(set(days), reverse=True)
    if coach_may_release is not None:
        locked.coach_may_release = coach_may_release
    if managers_see_reports is not None:
        locked.managers_see_reports = managers_see_reports
    locked.save()
    if locked.deadline != previous_deadline:
        # As every change of deadline must; a draft has no assessments to move yet.
        locked.sync_answer_window()
    changed = policy_changes(before, locked.policy)
    if changed:
        audit.record(
            locked.organisation,
            by,
            Action.POLICY_CHANGED,
            object_type="campaign",
            object_id=locked.pk,
            summary=f"{locked.name}: {'; '.join(changed)}",
        )
    return _refresh(campaign, locked)


def policy_changes(before: rules.Thresholds, after: rules.Thresholds) -> list[str]:
    """Each changed threshold as words, e.g. ``"Peers, scores: 3 → 4"``."""
    kinds = {"scores": _("scores"), "comments": _("comments")}
    return [
        _("%(group)s, %(kind)s: %(old)d → %(new)d")
        % {
            "group": group_name(group),
            "kind": kinds[kind],
            "old": before[kind][group],
            "new": after[kind][group],
        }
        for kind in rules.POLICY_KINDS
        for group in rules.POLICY_GROUPS
        if before[kind][group] != after[kind][group]
    ]


@transaction.atomic
def add_participants(campaign: Campaign, people: Iterable[Person]) -> int:
    """Add people to a draft campaign; return how many were not in it already.

    Raises
    ------
    SetupError
        The campaign is no longer a draft, or a person belongs to another organisation.
    """
    locked = _locked(campaign)
    if locked.status != Status.DRAFT:
        raise SetupError({"participants": _("Participants are fixed once a campaign opens.")})
    people = list(people)
    strangers = [p for p in people if p.organisation_id != locked.organisation_id]
    if strangers:
        raise SetupError(
            {
                "participants": _("%(name)s is not in this organisation.")
                % {"name": strangers[0].name}
            }
        )
    present = set(locked.participants.values_list("person_id", flat=True))
    new = {p.pk: p for p in people if p.pk not in present}
    Participant.objects.bulk_create(Participant(campaign=locked, person=p) for p in new.values())
    return len(new)


@transaction.atomic
def remove_participant(campaign: Campaign, participant: Participant) -> None:
    """Take a participant out of a draft campaign.

    Raises
    ------
    SetupError
        The campaign is no longer a draft.
    """
    locked = _locked(campaign)
    if locked.status != Status.DRAFT:
        raise SetupError({"participants": _("Participants are fixed once a campaign opens.")})
    Participant.objects.filter(pk=participant.pk, campaign=locked).delete()


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
    locked = _locked(campaign)
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
        % {"name": locked.name, "count": len(participants), "deadline": _when(locked.deadline)},
    )
    campaign_launched.send(sender=Campaign, campaign=locked)
    return _refresh(campaign, locked)


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
    ensure_membership(person, Role.PARTICIPANT)
    manager = person.manager
    if manager is None:
        return
    ensure_membership(manager, Role.MANAGER)
    Invitation.objects.get_or_create(
        participant=participant,
        email=manager.email,
        defaults={
            "group": Group.MANAGER,
            "person": manager,
            "name": manager.name,
            "status": InvitationStatus.APPROVED,
            "decided_by": _account(by),
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
    locked = _locked(campaign)
    if locked.status != Status.OPEN:
        raise SetupError({"deadline": _("Only an open campaign's deadline can be extended.")})
    previous = locked.deadline
    if new_deadline <= previous:
        raise SetupError(
            {
                "deadline": _("Choose a time after the current deadline, %(deadline)s.")
                % {"deadline": _when(previous)}
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
        summary=f"{locked.name}: {_when(previous)} → {_when(new_deadline)}",
    )
    deadline_extended.send(sender=Campaign, campaign=locked, previous_deadline=previous)
    return _refresh(campaign, locked)


@transaction.atomic
def close(campaign: Campaign, by: Actor = None) -> Campaign:
    """Close an open campaign: answering ends at once, on every link.

    Raises
    ------
    SetupError
        The campaign is not open.
    """
    locked = _locked(campaign)
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
    return _refresh(campaign, locked)


def _when(moment: datetime) -> str:
    """A time as the audit log and messages write it, in the server's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")
