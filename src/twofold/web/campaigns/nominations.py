"""Nominations: the raters a participant proposes, and the decisions on them.

Thin functions over the models; none of them knows about HTTP, and none
decides who may call it: the views ask :mod:`twofold.web.accounts.access`
first. What they keep is the state of a list:

* A participant proposes peers, direct reports and others: people of the
  organisation, or people outside it by name and email address. Never
  themself, and never an address already on their list; their manager is on
  it already, invited as "manager" when the campaign opened.
* They may change or withdraw a proposal until it is decided, and submit the
  list when it keeps the campaign's limits (:func:`problems`). Changing a
  submitted list takes it back: it waits for approval again once resubmitted.
* Their manager (anyone above them in the line) or an administrator
  approves, moves to another group or rejects each proposal, and may add
  raters, whom someone else who decides must approve: nobody both adds and
  approves a rater (docs/decisions/0027). An approved invitation is sent
  at once, unless its group is anonymous and still has fewer approved
  raters than the group's threshold (:mod:`twofold.web.campaigns.invitations`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from twofold.core.anonymity import DIRECT_REPORTS, PEERS
from twofold.web.accounts.models import Membership, Role
from twofold.web.accounts.services import ensure_membership
from twofold.web.campaigns import invitations, tasks
from twofold.web.campaigns.groups import ANSWERS_OF, NOMINATED_GROUPS, group_count
from twofold.web.campaigns.models import (
    Campaign,
    Group,
    Invitation,
    InvitationStatus,
    Participant,
    Status,
)
from twofold.web.organisations.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

#: Proposals that count towards a group's limits: everyone not turned down.
COUNTED = (InvitationStatus.PROPOSED, InvitationStatus.APPROVED, InvitationStatus.SENT)
#: Decisions may still be made, or changed, on these: nothing has been sent.
UNDECIDED = (InvitationStatus.PROPOSED, InvitationStatus.APPROVED, InvitationStatus.REJECTED)
#: Fewest characters a search for colleagues needs, so one letter does not list everyone.
SEARCH_MIN = 2
SEARCH_LIMIT = 20


class NominationError(Exception):
    """A nomination that cannot be made or changed; the message says why, in plain words.

    ``field`` names the form field at fault ("email", "name", "group"), or is
    empty when the whole request is.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _account(user: User) -> int | None:
    """The id recorded as who nominated or decided."""
    return int(user.pk) if user.is_authenticated else None


def nominations_open(campaign: Campaign) -> bool:
    """Raters may be proposed and decided: a draft, or open before its deadline.

    A draft's lists are for administrators only, who see drafts; everyone
    else reaches them once the campaign opens (the views ask
    :meth:`~twofold.web.accounts.access.Viewer.campaigns`).
    """
    return campaign.status == Status.DRAFT or campaign.accepts_answers()


def _check_open(participant: Participant) -> None:
    if not nominations_open(participant.campaign):
        raise NominationError(_("This campaign no longer takes nominations."))


def _check_group(group: str) -> str:
    if group not in NOMINATED_GROUPS:
        raise NominationError(_("Choose peer, direct report or other."), "group")
    return group


def _rater(
    participant: Participant, person_id: int | None, name: str, email: str
) -> tuple[Person | None, str, str]:
    """The rater as stored: a person of the organisation, or a name and an address.

    An address that belongs to someone in the organisation nominates that
    person, so nobody can be on a list twice under two spellings.
    """
    organisation_id = participant.campaign.organisation_id
    person: Person | None = None
    if person_id is not None:
        person = Person.objects.filter(pk=person_id, organisation_id=organisation_id).first()
        if person is None:
            raise NominationError(_("That person is not in this organisation."))
    else:
        name, email = name.strip(), email.strip().lower()
        if not name:
            raise NominationError(_("Give the rater's name."), "name")
        if not email:
            raise NominationError(_("Give the rater's email address."), "email")
        try:
            validate_email(email)
        except ValidationError:
            raise NominationError(
                _(
                    "“%(email)s” is not an email address: check it for a typing mistake "
                    "(it should look like name@example.org)."
                )
                % {"email": email},
                "email",
            ) from None
        person = Person.objects.filter(organisation_id=organisation_id, email=email).first()
    if person is not None:
        name, email = person.name, person.email
    # An error about a person picked from a list belongs to no field of the form.
    field = "email" if person_id is None else ""
    if _mailbox(email) == _mailbox(participant.person.email):
        raise NominationError(
            _(
                "%(name)s is the person being assessed: their own view goes in their "
                "self-assessment."
            )
            % {"name": participant.person.name},
            field,
        )
    existing = participant.invitations.filter(email=email).first()
    if existing is not None:
        raise NominationError(_already_listed(existing), field)
    return person, name, email


def _mailbox(email: str) -> str:
    """The mailbox an address reaches, as far as the address itself says.

    Quotes around the local part and a "+tag" after it reach the same mailbox
    at most providers, so ``"pat"+me@acme.example`` is Pat's own address: a
    participant must not rate themself under another name.
    """
    local, _at, domain = email.strip().lower().rpartition("@")
    local = local.strip('"').split("+", 1)[0]
    return f"{local}@{domain}"


def _already_listed(existing: Invitation) -> str:
    if existing.group == Group.MANAGER:
        return _("%(name)s is already invited, as the manager.") % {"name": existing.name}
    if existing.status == InvitationStatus.REJECTED:
        return _("%(name)s was proposed already and not approved.") % {"name": existing.name}
    if existing.status == InvitationStatus.CLOSED:
        return _(
            "%(name)s was asked before the results were released, and cannot be asked "
            "again: nobody can tell any more whether they answered."
        ) % {"name": existing.name}
    return _("%(name)s is already on the list.") % {"name": existing.name}


@transaction.atomic
def nominate(
    participant: Participant,
    *,
    group: str,
    by: User,
    person_id: int | None = None,
    name: str = "",
    email: str = "",
) -> Invitation:
    """Propose a rater: a person of the organisation, or a name and an address.

    Every rater starts as a proposal, whoever adds them: nobody both adds a
    rater and approves them (:func:`decide`). Otherwise a manager or an
    administrator could fill a group with addresses they control, approve them
    at once, and read the one real rater's answers off the group's mean. A
    proposal by the participant takes back a list they had submitted, which
    they submit again; one by whoever decides waits for another decider.

    Raises
    ------
    NominationError
        The campaign takes no nominations, the group is not one a rater is
        nominated in, or the rater is the participant, already listed, not in
        the organisation, or an external rater without a name or a valid address.
    """
    _check_open(participant)
    person, name, email = _rater(participant, person_id, name, email)
    user = _account(by)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                participant=participant,
                group=_check_group(group),
                person=person,
                name=name,
                email=email,
                nominated_by_id=user,
            )
    except IntegrityError:  # the same rater, added a moment ago by another request
        raise NominationError(_("%(name)s is already on the list.") % {"name": name}) from None
    if _is_participant(participant, user):
        _take_back(participant)
    return invitation


def _is_participant(participant: Participant, user_id: int | None) -> bool:
    """Whether the account ``user_id`` is the participant's own."""
    return (
        user_id is not None
        and Membership.objects.filter(user_id=user_id, person_id=participant.person_id).exists()
    )


def _proposal(invitation: Invitation) -> Invitation:
    """The invitation locked, if the participant may still change it."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != InvitationStatus.PROPOSED:
        raise NominationError(
            _("%(name)s has been decided on already, so the proposal cannot change.")
            % {"name": locked.name}
        )
    return locked


@transaction.atomic
def withdraw(invitation: Invitation) -> None:
    """The participant takes back a proposal that has not been decided."""
    _check_open(invitation.participant)
    _proposal(invitation).delete()
    _take_back(invitation.participant)


@transaction.atomic
def regroup(invitation: Invitation, group: str) -> Invitation:
    """The participant moves an undecided proposal to another group."""
    _check_open(invitation.participant)
    locked = _proposal(invitation)
    locked.group = _check_group(group)
    locked.save(update_fields=["group"])
    _take_back(invitation.participant)
    return locked


def _take_back(participant: Participant) -> None:
    """A submitted list the participant changes waits to be submitted again."""
    if participant.nominations_submitted_at is not None:
        participant.nominations_submitted_at = None
        participant.save(update_fields=["nominations_submitted_at"])


@transaction.atomic
def decide(invitation: Invitation, *, approve: bool, by: User, group: str = "") -> Invitation:
    """Approve (perhaps in another group) or reject a rater, and send what may be sent.

    A decision may be changed until the invitation is sent: a rejected
    proposal can still be approved, and an approved one waiting for its group
    to reach its threshold can still be rejected.

    Raises
    ------
    NominationError
        The campaign takes no nominations, the invitation has been sent, or the
        group is not one a rater is nominated in.
    """
    _check_open(invitation.participant)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status not in UNDECIDED:
        raise NominationError(_("%(name)s has been invited already.") % {"name": locked.name})
    if approve and locked.nominated_by_id is not None and locked.nominated_by_id == _account(by):
        raise NominationError(
            _(
                "You added %(name)s yourself, so someone else who approves this list "
                "decides on them: nobody both adds and approves a rater."
            )
            % {"name": locked.name}
        )
    if group and group != locked.group:
        if locked.group == Group.MANAGER:
            raise NominationError(_("The manager stays in the manager group."), "group")
        locked.group = _check_group(group)
    locked.status = InvitationStatus.APPROVED if approve else InvitationStatus.REJECTED
    locked.decided_by_id = _account(by)
    locked.decided_at = timezone.now()
    locked.save(update_fields=["group", "status", "decided_by", "decided_at"])
    invitations.send_ready(locked.participant)
    return locked


@transaction.atomic
def approve_all(participant: Participant, *, by: User) -> int:
    """Approve every proposal as proposed, but those ``by`` added themself; return how many."""
    _check_open(participant)
    pending = participant.invitations.select_for_update().filter(status=InvitationStatus.PROPOSED)
    if (mine := _account(by)) is not None:
        pending = pending.exclude(nominated_by_id=mine)
    count = pending.update(
        status=InvitationStatus.APPROVED,
        decided_by_id=_account(by),
        decided_at=timezone.now(),
    )
    invitations.send_ready(participant)
    return count


def counts(participant: Participant) -> Counter[str]:
    """Raters per group that count towards the campaign's limits."""
    groups = participant.invitations.filter(status__in=COUNTED).values_list("group", flat=True)
    return Counter(groups)


def problems(participant: Participant) -> list[str]:
    """Why the list cannot be submitted yet, one sentence per group; empty when it can.

    Each group keeps the campaign's fewest and most. An anonymous group also
    needs none or at least its threshold: a group answered by fewer raters
    than that is never shown, and those few raters' effort would be wasted.
    """
    campaign = participant.campaign
    limits: dict[str, list[int]] = campaign.nomination_limits
    policy = campaign.anonymity_policy()
    have = counts(participant)
    found: list[str] = []
    for group in NOMINATED_GROUPS:
        fewest, most = limits.get(group, [0, 0])
        n, k = have[group], policy.threshold(group)
        # An anonymous group is shown only from k raters, so a group that is
        # not empty needs k, whatever the campaign's own fewest.
        guarded = policy.is_anonymous(group) and k > fewest and (n > 0 or fewest > 0)
        if guarded and n < k:
            message = (
                _(
                    "So that nobody can tell %(answers)s apart, nominate at least %(k)s, "
                    "or none (you have nominated %(n)s)."
                )
                if fewest == 0
                else _(
                    "So that nobody can tell %(answers)s apart, nominate at least %(k)s "
                    "(you have nominated %(n)s)."
                )
            )
            found.append(
                message % {"answers": ANSWERS_OF[group], "k": group_count(group, k), "n": n}
            )
        elif n < fewest:
            found.append(
                _("This campaign asks for at least %(fewest)s (you have nominated %(n)s).")
                % {"fewest": group_count(group, fewest), "n": n}
            )
        if n > most:
            found.append(
                _("This campaign asks for at most %(most)s (you have nominated %(n)s).")
                % {"most": group_count(group, most), "n": n}
            )
    return found


@transaction.atomic
def submit(participant: Participant) -> list[str]:
    """Submit the list for approval if it keeps the limits; return the problems otherwise.

    Whoever approves is told by email that it waits
    (:func:`twofold.web.campaigns.emails.approvers`);
    the participant's manager is given the manager's role, so they can sign
    in and decide. Submitting an unchanged, submitted list again does nothing.
    """
    _check_open(participant)
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    found = problems(locked)
    if found or locked.nominations_submitted_at is not None:
        return found
    locked.nominations_submitted_at = timezone.now()
    locked.save(update_fields=["nominations_submitted_at"])
    participant.nominations_submitted_at = locked.nominations_submitted_at
    manager = locked.person.manager
    if manager is not None:
        because = _("%(name)s's nominations to approve") % {"name": locked.person.name}
        ensure_membership(manager, Role.MANAGER, because=because)
    if locked.invitations.filter(status=InvitationStatus.PROPOSED).exists():
        tasks.email_approvers.enqueue(locked.pk)
    return []


def suggestions(participant: Participant) -> dict[str, list[Person]]:
    """Colleagues to suggest, by group: direct reports, and team-mates as peers.

    Team-mates are the people of the participant's team and the others their
    manager manages; the manager and the participant's own reports are left
    out of them. Anyone already on the list is left out of both.
    """
    person = participant.person
    listed = participant.invitations.values_list("email", flat=True)
    people = Person.objects.filter(organisation_id=person.organisation_id).exclude(
        Q(pk=person.pk) | Q(email__in=listed)
    )
    reports = people.filter(manager=person).select_related("team")
    mates: QuerySet[Person] = people.none()
    if person.team_id is not None or person.manager_id is not None:
        same = Q(team_id=person.team_id) if person.team_id is not None else Q(pk__in=[])
        if person.manager_id is not None:
            same |= Q(manager_id=person.manager_id)
        mates = people.filter(same).exclude(manager=person)
        if person.manager_id is not None:
            mates = mates.exclude(pk=person.manager_id)
    return {DIRECT_REPORTS: list(reports), PEERS: list(mates.select_related("team"))}


def search(candidates: QuerySet[Person], participant: Participant, query: str) -> list[Person]:
    """People among ``candidates`` whose name or email contains ``query``, not yet listed."""
    query = query.strip()
    if len(query) < SEARCH_MIN:
        return []
    listed = participant.invitations.values_list("email", flat=True)
    found = candidates.filter(Q(name__icontains=query) | Q(email__icontains=query)).exclude(
        email__in=listed
    )
    return list(found.select_related("team")[:SEARCH_LIMIT])
