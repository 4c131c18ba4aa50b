"""What makes a campaign's settings valid: the checks the form and the services share.

Each check returns its problems as ``{key: message}``, the key naming the
setting at fault (``scores.peers``, ``limits.others.min``, ``reminder_days``),
so the campaign form shows each message beside its field and the services
refuse the same settings with the same words. The thresholds themselves are
judged by the core's :class:`~twofold.core.anonymity.AnonymityPolicy`, the one
place that knows what protects raters; this module only says, in plain words
and on the right field, what it refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twofold.core.anonymity import (
    ALL,
    DIRECT_REPORTS,
    MANAGER,
    MIN_ANONYMOUS,
    OTHERS,
    PEERS,
    AnonymityPolicy,
)
from twofold.core.errors import TwofoldError

#: The groups an anonymity policy sets thresholds for, in the order forms show them.
POLICY_GROUPS = (MANAGER, PEERS, DIRECT_REPORTS, OTHERS, ALL)
#: The two kinds of threshold: for a group's scores, and for its comments.
POLICY_KINDS = ("scores", "comments")
#: The groups a participant nominates raters in (the manager comes from the org chart).
NOMINATED_GROUPS = (PEERS, DIRECT_REPORTS, OTHERS)
#: The largest threshold and the most nominations per group a campaign may ask for.
MAX_THRESHOLD = 50
MAX_NOMINATIONS = 50
#: Reminders go out on whole days before the deadline, up to this many days ahead.
MAX_REMINDER_DAY = 60
MAX_REMINDERS = 5

Problems = dict[str, str]
Thresholds = Mapping[str, Mapping[str, int]]
Limits = Mapping[str, Sequence[int]]

# "scores.peers: expected …" or "comments.all: must be …", as the core words its problems.
_CORE_PROBLEM = re.compile(r"(?P<kind>scores|comments)\.(?P<group>[a-z_]+): ")


def deadline_problems(deadline: datetime, now: datetime | None = None) -> Problems:
    """A deadline must lie in the future."""
    now = timezone.now() if now is None else now
    if deadline <= now:
        return {"deadline": _("Choose a time in the future.")}
    return {}


def policy_problems(policy: Thresholds) -> Problems:
    """What the core's :class:`AnonymityPolicy` refuses in ``policy``, per threshold.

    ``policy`` is ``{"scores": {group: k}, "comments": {group: k}}`` as a
    campaign stores it. The core decides; each threshold it names gets a
    message that says what to choose instead.
    """
    try:
        AnonymityPolicy(scores=dict(policy["scores"]), comments=dict(policy["comments"]))
    except TwofoldError as exc:
        faults = [(m["kind"], m["group"]) for m in _CORE_PROBLEM.finditer(str(exc))]
        if not faults:
            return {"policy": str(exc)}
        return {
            f"{kind}.{group}": _threshold_message(policy, kind, group) for kind, group in faults
        }
    return {}


def threshold_floor(group: str) -> int:
    """The smallest threshold a group may have, as the core's policy has it.

    1 for the manager, whose scores may be shown from one rater, labelled as
    not anonymous; :data:`~twofold.core.anonymity.MIN_ANONYMOUS` for every
    other group, since one rater is never anonymous.
    """
    return 1 if group == MANAGER else MIN_ANONYMOUS


def below_floor_message(group: str) -> str:
    """What to choose instead of a threshold below the group's floor, naming that floor."""
    floor = threshold_floor(group)
    if floor == 1:
        return _("Choose 1 or more.")
    return _("Choose %(floor)d or more: a group of one person is never anonymous.") % {
        "floor": floor
    }


def _threshold_message(policy: Thresholds, kind: str, group: str) -> str:
    if policy[kind][group] < threshold_floor(group):
        return below_floor_message(group)
    return _(
        "Choose at least the score threshold (%(k)d): comments are easier to recognise than scores."
    ) % {"k": policy["scores"][group]}


def raised_only_problems(before: Thresholds, after: Thresholds) -> Problems:
    """An open campaign's thresholds may be raised, never lowered.

    Lowering one could show a group, or a comment, that raters were promised
    would stay hidden when they answered.
    """
    problems: Problems = {}
    for kind in POLICY_KINDS:
        for group in POLICY_GROUPS:
            old, new = before[kind][group], after[kind][group]
            if new < old:
                problems[f"{kind}.{group}"] = _(
                    "Choose %(old)d or more: thresholds can only be raised once the campaign "
                    "is open."
                ) % {"old": old}
    return problems


def limit_problems(limits: Limits, policy: Thresholds | None) -> Problems:
    """Nomination limits: the fewest no more than the most, and never a sure withholding.

    A minimum between 1 and an anonymous group's score threshold would make
    participants ask for raters who, even if all of them answer, are too few
    to be shown: such a minimum must be 0 or reach the threshold. That is
    checked only against valid thresholds (``policy`` None: not known yet).
    """
    problems: Problems = {}
    anonymity: AnonymityPolicy | None = None  # unless the thresholds are valid
    if policy is not None and not policy_problems(policy):
        anonymity = AnonymityPolicy(
            scores=dict(policy["scores"]), comments=dict(policy["comments"])
        )
    for group in NOMINATED_GROUPS:
        fewest, most = limits[group]
        if fewest > most:
            problems[f"limits.{group}.min"] = _(
                "Choose at most %(most)d, the most that may be nominated."
            ) % {"most": most}
            continue
        if anonymity is None or not anonymity.is_anonymous(group):
            continue
        k = anonymity.threshold(group)
        if 0 < fewest < k:
            problems[f"limits.{group}.min"] = _(
                "Choose 0 or at least %(k)d: fewer than %(k)d answers are never shown."
            ) % {"k": k}
    return problems


def reminder_problems(days: Sequence[int]) -> Problems:
    """Reminder days: whole days before the deadline, from 1 to 60, at most five."""
    wrong = [day for day in days if not 1 <= day <= MAX_REMINDER_DAY]
    if wrong:
        return {
            "reminder_days": _("Each day must be from 1 to %(most)d; %(day)d is not.")
            % {"most": MAX_REMINDER_DAY, "day": wrong[0]}
        }
    if len(set(days)) > MAX_REMINDERS:
        most = ngettext(
            "Choose at most %(most)d day.", "Choose at most %(most)d days.", MAX_REMINDERS
        )
        return {"reminder_days": most % {"most": MAX_REMINDERS}}
    return {}


def reminder_days_from_text(text: str) -> tuple[list[int], Problems]:
    """``"7, 2"`` → ``[7, 2]``: distinct days, latest reminder last; problems name the entry."""
    entries = [entry.strip() for entry in re.split(r"[,;\s]+", text) if entry.strip()]
    days: list[int] = []
    for entry in entries:
        if not entry.isdigit():
            return [], {
                "reminder_days": _(
                    "“%(entry)s” is not a whole number of days; write them like “7, 2”."
                )
                % {"entry": entry}
            }
        days.append(int(entry))
    days = sorted(set(days), reverse=True)
    return days, reminder_problems(days)
