"""A campaign's settings: create a draft, and change what its status still lets change.

A draft may change anything; once open, its deadline, instrument and
nomination limits are fixed, and its thresholds may only be raised. Every
change of the anonymity policy is written to the audit log, old → new.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twofold.content import builtin_ids, builtin_instrument
from twofold.web import audit
from twofold.web.assessments.services import DEFAULT_INSTRUMENT
from twofold.web.audit.models import Action
from twofold.web.campaigns import rules
from twofold.web.campaigns.changes import SetupError, account_of, lock, refreshed
from twofold.web.campaigns.groups import group_name
from twofold.web.campaigns.models import (
    Campaign,
    Release,
    Status,
    default_nomination_limits,
    default_policy,
    default_reminder_days,
)
from twofold.web.organisations.models import Organisation

if TYPE_CHECKING:
    from twofold.web.campaigns.changes import Actor


#: The longest campaign name (the column's length).
NAME_LENGTH = Campaign._meta.get_field("name").max_length or 200


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
        created_by=account_of(by),
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
    locked = lock(campaign)
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
    return refreshed(campaign, locked)


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
