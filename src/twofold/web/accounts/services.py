"""What the other apps and the members page ask of accounts: accounts, roles, coaches.

Thin functions over the models; none of them knows about HTTP. Every change of
a role goes through here, so every one is written to the audit log, and no
change leaves an organisation without an administrator.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from twofold.web.accounts.models import CoachAssignment, Membership, Role
from twofold.web.accounts.tasks import send_invitation
from twofold.web.audit import record
from twofold.web.audit.models import Action
from twofold.web.organisations.models import Organisation, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

#: Roles from the one that sees most to the one that sees least.
ROLE_ORDER = (Role.ADMIN, Role.COACH, Role.MANAGER, Role.PARTICIPANT)


class LastAdministratorError(Exception):
    """The change would leave the organisation with no administrator."""


@transaction.atomic
def ensure_membership(
    person: Person,
    role: Role,
    *,
    invite: bool = True,
    because: str = "",
    actor: Actor = None,
) -> tuple[Membership, bool]:
    """An account for ``person`` with at least ``role`` in their organisation.

    A person without an account gets one, signed in with their email address
    and with no usable password until they set one; ``created`` is then True,
    and unless ``invite`` is False an email invites them to choose their
    password (sent by a background task once the transaction commits, so a
    rolled-back import sends nothing). An existing role is raised to ``role``
    when it sees less, and never lowered: making someone a campaign's
    participant must not take away an administrator's rights.

    A role given or raised here is written to the audit log, by ``actor`` and
    ``because`` of what (a campaign's launch, say), when ``because`` is given;
    callers that write their own event leave it out.
    """
    user, created = _account(person.email)
    membership, joined = Membership.objects.get_or_create(
        user=user, organisation_id=person.organisation_id, defaults={"role": role}
    )
    old = None if joined else Role(membership.role)
    changed = []
    if ROLE_ORDER.index(Role(role)) < ROLE_ORDER.index(Role(membership.role)):
        membership.role = role
        changed.append("role")
    if membership.person_id is None and not Membership.objects.filter(person=person).exists():
        membership.person = person
        changed.append("person")
    if changed:
        membership.save(update_fields=changed)
    if because and (joined or "role" in changed):
        _record_role_given(membership, old, because, actor)
    if created and invite:
        invite_to_account(membership)
    return membership, created


def _account(address: str) -> tuple[AbstractBaseUser, bool]:
    """The account that signs in with ``address``, made (with no usable password) if none."""
    user, created = get_user_model().objects.get_or_create(
        username=address, defaults={"email": address}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user, created


def _record_role_given(
    membership: Membership, old: Role | None, because: str, actor: Actor
) -> None:
    new = Role(membership.role).label
    if old is None:
        summary = _("%(account)s: given the role %(role)s (%(because)s)") % {
            "account": _label(membership),
            "role": new,
            "because": because,
        }
    else:
        summary = _("%(account)s: %(old)s → %(new)s (%(because)s)") % {
            "account": _label(membership),
            "old": old.label,
            "new": new,
            "because": because,
        }
    _record_role(membership, actor, summary)


class AccountEmailError(ValueError):
    """An email address that cannot sign in; the message says why."""


@transaction.atomic
def make_administrator(
    organisation: Organisation, email: str, *, actor: Actor
) -> tuple[Membership, bool]:
    """Give the account signed in with ``email`` the administrator role in ``organisation``.

    This is how an organisation gets its first administrator, before anyone can
    sign in to invite one. The account is made when there is none, with no
    usable password (``created`` is then True), and tied to the organisation's
    person of that address when there is one. The change is written to the
    audit log; no email is queued, since whoever runs this hands the person a
    link to choose their password.
    """
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise AccountEmailError(_("%(email)s is not an email address") % {"email": email}) from None
    longest = get_user_model()._meta.get_field("username").max_length
    if longest is not None and len(address) > longest:
        raise AccountEmailError(
            _("%(email)s is longer than the %(longest)d characters an account's address may have")
            % {"email": address, "longest": longest}
        )
    already = Membership.objects.filter(
        user__username=address, organisation=organisation, role=Role.ADMIN
    ).first()
    if already is not None:
        return already, False
    person = Person.objects.filter(organisation=organisation, email=address).first()
    if person is not None:
        membership, created = ensure_membership(person, Role.ADMIN, invite=False)
    else:
        user, created = _account(address)
        membership, _made = Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": Role.ADMIN}
        )
        if membership.role != Role.ADMIN:
            membership.role = Role.ADMIN
            membership.save(update_fields=["role"])
    record_invitation(membership, actor=actor)
    return membership, created


def invite_to_account(membership: Membership) -> None:
    """Queue the email inviting ``membership``'s account to choose its password.

    Queued when the surrounding transaction commits. The task sends nothing if
    the account has a password by the time it runs.
    """
    transaction.on_commit(partial(send_invitation.enqueue, membership.pk))


def _lock_organisation(organisation_id: int) -> None:
    """Serialise role changes in one organisation, so two administrators removing
    each other at the same moment cannot both succeed."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()


def _other_admins(membership: Membership) -> bool:
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


def _record_role(membership: Membership, actor: Actor, summary: str) -> None:
    """Write a change of ``membership``'s role, in words, to its organisation's audit log."""
    record(
        membership.organisation,
        actor,
        Action.ROLE_CHANGED,
        object_type="membership",
        object_id=membership.pk,
        summary=summary,
    )


def _label(membership: Membership) -> str:
    return membership.user.get_username()


@transaction.atomic
def change_role(membership: Membership, role: Role, *, actor: Actor) -> bool:
    """Give ``membership`` the role ``role``; True when it changed.

    Raises :class:`LastAdministratorError` when it is the organisation's only
    administrator and ``role`` is another. A coach who stops being one loses
    their coaching assignments, so a later coach role starts from none.
    """
    _lock_organisation(membership.organisation_id)
    membership.refresh_from_db(fields=["role"])
    old = Role(membership.role)
    if old == role:
        return False
    if old == Role.ADMIN and not _other_admins(membership):
        raise LastAdministratorError
    membership.role = role
    membership.save(update_fields=["role"])
    if old == Role.COACH:
        CoachAssignment.objects.filter(coach=membership).delete()
    _record_role(
        membership,
        actor,
        _("%(account)s: %(old)s → %(new)s")
        % {"account": _label(membership), "old": old.label, "new": Role(role).label},
    )
    return True


@transaction.atomic
def remove_membership(membership: Membership, *, actor: Actor) -> None:
    """Take away ``membership``'s role in its organisation; the account itself stays.

    Raises :class:`LastAdministratorError` for the organisation's only administrator.
    """
    _lock_organisation(membership.organisation_id)
    membership.refresh_from_db(fields=["role"])
    if membership.role == Role.ADMIN and not _other_admins(membership):
        raise LastAdministratorError
    _record_role(
        membership,
        actor,
        _("%(account)s: %(role)s → removed")
        % {"account": _label(membership), "role": Role(membership.role).label},
    )
    membership.delete()


def record_invitation(membership: Membership, *, actor: Actor) -> None:
    """Write to the audit log that ``actor`` gave ``membership`` its role by inviting it."""
    _record_role(
        membership,
        actor,
        _("%(account)s: invited as %(role)s")
        % {"account": _label(membership), "role": Role(membership.role).label},
    )


def assign_coach(coach: Membership, person: Person) -> bool:
    """Let the coach ``coach`` see ``person``; True when newly assigned.

    The person must belong to the coach's organisation, and ``coach`` must
    have the coach role: other roles see what their role gives them.
    """
    if coach.role != Role.COACH or person.organisation_id != coach.organisation_id:
        raise ValueError("a coach is assigned people of their own organisation")
    _, created = CoachAssignment.objects.get_or_create(coach=coach, person=person)
    return created


def unassign_coach(coach: Membership, person: Person) -> bool:
    """Stop the coach ``coach`` seeing ``person``; True when they were assigned."""
    deleted, _ = CoachAssignment.objects.filter(coach=coach, person=person).delete()
    return deleted > 0


def tie_imported_people(
    sender: object,
    *,
    organisation: Organisation,
    emails: frozenset[str],
    dry_run: bool,
    **kwargs: object,
) -> tuple[str, ...]:
    """Tie accounts made before their person was imported to that person (people_imported).

    An administrator made with ``twofold org admin`` before the people file
    was imported has an account but no person; once the file brings their
    person, the account is theirs. Returns the addresses tied (in a dry run,
    that would be).
    """
    ties = _accounts_to_tie(organisation, emails)
    if not dry_run:
        _tie_accounts(organisation, ties)
    return tuple(ties.values())


def _accounts_to_tie(organisation: Organisation, emails: frozenset[str]) -> dict[int, str]:
    """Memberships of the organisation with no person whose account's address is in ``emails``.

    By membership id, the address of the person each is to be tied to. An
    account's email address and its user name (the address it signs in with)
    are both looked at, case-blind. A person already tied to an account keeps
    it: a person is one account.
    """
    taken = set(
        Membership.objects.filter(person__organisation=organisation).values_list(
            "person__email", flat=True
        )
    )
    untied = (
        Membership.objects.filter(organisation=organisation, person__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    ties: dict[int, str] = {}
    for membership in untied:
        user = membership.user
        for address in (user.email, user.get_username()):
            address = address.strip().lower()
            if address in emails and address not in taken:
                ties[membership.pk] = address
                taken.add(address)
                break
    return ties


def _tie_accounts(organisation: Organisation, ties: dict[int, str]) -> None:
    """Tie each membership in ``ties`` to the organisation's person of its address."""
    person_of = dict(
        Person.objects.filter(organisation=organisation, email__in=ties.values()).values_list(
            "email", "pk"
        )
    )
    for membership_id, email in ties.items():
        Membership.objects.filter(pk=membership_id, person__isnull=True).update(
            person_id=person_of[email]
        )
