"""What the nominations and approvals pages show: each rater's row and each group's box.

Kept apart from the views so the views only parse requests and pick
templates. What a viewer may see is asked of their
:class:`~twofold.web.accounts.access.Viewer`: whether a rater declined is
shown only to those who see who has not answered (administrators); everyone
else sees "Invited", as for any rater whose link has gone out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from twofold.core.anonymity import MANAGER
from twofold.web.accounts.access import Progress, Viewer
from twofold.web.accounts.models import Membership
from twofold.web.campaigns import invitations, nominations
from twofold.web.campaigns.groups import NOMINATED_GROUPS, PLURAL, asked_for, group_count
from twofold.web.campaigns.models import Group, Invitation, InvitationStatus, Participant
from twofold.web.organisations.models import Person


@dataclass(frozen=True)
class Row:
    """One rater on a list, as the viewer may see them."""

    invitation: Invitation
    status: str
    #: The status for the page's markup, as the viewer may know it (never "declined"
    #: to those who must not learn who declined).
    status_key: str
    #: The participant may still move or withdraw it.
    changeable: bool
    #: Whoever decides may still approve, move or reject it.
    decidable: bool
    #: Who added the rater, shown to whoever decides when it was not the participant.
    added_by: str = ""


@dataclass
class Box:
    """One group of a participant's list."""

    group: str
    label: str
    rows: list[Row] = field(default_factory=list)
    counted: int = 0
    #: Raters who declined: counted apart, since to most viewers they read as "Invited".
    declined: int = 0
    #: What the campaign asks for, in words ("3 to 8 peers").
    asked: str = ""
    #: Why approved invitations of this group have not gone out yet, if they wait.
    waiting: str = ""


@dataclass(frozen=True)
class Proposal:
    """A rater waiting for a decision, and who added them if not the participant."""

    invitation: Invitation
    #: The account that added the rater, when it is not the participant's own:
    #: whoever decides should know a manager's or an administrator's additions.
    added_by: str


def added_by(invitation: Invitation, participant_account: int | None) -> str:
    """Who added ``invitation``, if not the participant (whose account is given)."""
    adder = invitation.nominated_by
    if adder is None or adder.pk == participant_account:
        return ""
    return adder.get_username()


def participant_account(participant: Participant) -> int | None:
    """The id of the participant's own account, if they have one."""
    return (
        Membership.objects.filter(person_id=participant.person_id)
        .values_list("user_id", flat=True)
        .first()
    )


def proposals_of(participant: Participant, pending: Iterable[Invitation]) -> list[Proposal]:
    """The ``pending`` invitations of ``participant``, each with who added it."""
    own = participant_account(participant)
    return [Proposal(invitation, added_by(invitation, own)) for invitation in pending]


def group_choices() -> list[tuple[str, str]]:
    """The groups a rater can be nominated in, for a select."""
    labels = dict(Group.choices)
    return [(group, str(labels[group])) for group in NOMINATED_GROUPS]


def _status_key(invitation: Invitation, viewer: Viewer) -> str:
    """The invitation's status as the viewer may know it: a decline reads as sent to most."""
    if invitation.status == InvitationStatus.DECLINED:
        names = viewer.progress(invitation.participant.person_id) == Progress.NAMES
        return InvitationStatus.DECLINED if names else InvitationStatus.SENT
    return str(invitation.status)


def _status(invitation: Invitation, viewer: Viewer, held: set[str]) -> str:
    status = invitation.status
    if status == InvitationStatus.DECLINED:
        return str(InvitationStatus(_status_key(invitation, viewer)).label)
    if status == InvitationStatus.APPROVED and invitation.group in held:
        return _("Approved, waits for more approvals")
    return str(invitation.get_status_display())


def waiting_note(wait: invitations.Waiting) -> str:
    """Why a group's approved invitations wait, in plain words."""
    return _(
        "%(approved)s approved so far. Invitations to this group go out together once "
        "%(threshold)s are approved, so that nobody can tell their answers apart."
    ) % {
        "approved": group_count(wait.group, wait.approved),
        "threshold": group_count(wait.group, wait.threshold),
    }


def boxes(viewer: Viewer, participant: Participant) -> list[Box]:
    """The participant's list by group: the manager first, then the groups they nominate."""
    open_ = nominations.nominations_open(participant.campaign)
    decides = viewer.may_decide_nominations(participant.person_id)
    limits: dict[str, list[int]] = participant.campaign.nomination_limits
    policy = participant.campaign.anonymity_policy()
    waits = {w.group: w for w in invitations.waiting(participant)}
    found = {MANAGER: Box(MANAGER, _("Manager"))}
    for group in NOMINATED_GROUPS:
        fewest, most = limits.get(group, [0, 0])
        asked = asked_for(group, fewest, most, policy.threshold(group))
        found[group] = Box(group, str(PLURAL[group]).capitalize(), asked=asked)
    for group, wait in waits.items():
        if group in found:
            found[group].waiting = waiting_note(wait)
    own = participant_account(participant) if decides else None
    rows = participant.invitations.select_related("participant", "nominated_by").order_by(
        "name", "email"
    )
    for invitation in rows:
        box = found.get(invitation.group)
        if box is None:
            continue
        status = invitation.status
        box.rows.append(
            Row(
                invitation=invitation,
                status=_status(invitation, viewer, set(waits)),
                status_key=_status_key(invitation, viewer),
                added_by=added_by(invitation, own) if decides else "",
                changeable=open_ and status == InvitationStatus.PROPOSED,
                decidable=open_
                and decides
                and status in nominations.UNDECIDED
                and invitation.group != MANAGER
                and invitation.nominated_by_id != viewer.user_id,
            )
        )
        if status in nominations.COUNTED:
            box.counted += 1
        elif status == InvitationStatus.DECLINED:
            box.declined += 1
    manager = found.pop(MANAGER)
    return ([manager] if manager.rows else []) + list(found.values())


def page_context(viewer: Viewer, participant: Participant, query: str = "") -> dict[str, Any]:
    """Everything the nominations page shows, for this viewer."""
    person_id = participant.person_id
    open_ = nominations.nominations_open(participant.campaign)
    may_add = open_ and viewer.may_nominate(person_id)
    suggested: dict[str, list[Person]] = nominations.suggestions(participant) if may_add else {}
    return {
        "participant": participant,
        "campaign": participant.campaign,
        "organisation": viewer.organisation,
        "is_self": viewer.person_id == person_id,
        "decides": viewer.may_decide_nominations(person_id),
        "open": open_,
        "may_add": may_add,
        "boxes": boxes(viewer, participant),
        "groups": group_choices(),
        "query": query,
        "found": (
            nominations.search(viewer.rater_candidates(person_id), participant, query)
            if may_add
            else []
        ),
        "searched": len(query.strip()) >= nominations.SEARCH_MIN,
        "search_min": nominations.SEARCH_MIN,
        "suggested_reports": suggested.get("direct_reports", []),
        "suggested_peers": suggested.get("peers", []),
        "problems": nominations.problems(participant) if may_add else [],
        "pending": participant.invitations.filter(status=InvitationStatus.PROPOSED).count(),
    }
