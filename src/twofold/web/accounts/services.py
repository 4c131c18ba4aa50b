"""What the other apps ask of accounts: an account, with a role, for a person.

Thin functions over the models; none of them knows about HTTP.
"""

from __future__ import annotations

from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction

from twofold.web.accounts.models import Membership, Role
from twofold.web.accounts.tasks import send_invitation
from twofold.web.organisations.models import Person

#: Roles from the one that sees most to the one that sees least.
ROLE_ORDER = (Role.ADMIN, Role.COACH, Role.MANAGER, Role.PARTICIPANT)


@transaction.atomic
def ensure_membership(
    person: Person, role: Role, *, invite: bool = True
) -> tuple[Membership, bool]:
    """An account for ``person`` with at least ``role`` in their organisation.

    A person without an account gets one, signed in with their email address
    and with no usable password until they set one; ``created`` is then True,
    and unless ``invite`` is False an email invites them to choose their
    password (sent by a background task once the transaction commits, so a
    rolled-back import sends nothing). An existing role is raised to ``role``
    when it sees less, and never lowered: making someone a campaign's
    participant must not take away an administrator's rights.
    """
    users = get_user_model()
    user, created = users.objects.get_or_create(
        username=person.email, defaults={"email": person.email}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation_id=person.organisation_id, defaults={"role": role}
    )
    changed = []
    if ROLE_ORDER.index(Role(role)) < ROLE_ORDER.index(Role(membership.role)):
        membership.role = role
        changed.append("role")
    if membership.person_id is None and not Membership.objects.filter(person=person).exists():
        membership.person = person
        changed.append("person")
    if changed:
        membership.save(update_fields=changed)
    if created and invite:
        invite_to_account(membership)
    return membership, created


def invite_to_account(membership: Membership) -> None:
    """Queue the email inviting ``membership``'s account to choose its password.

    Queued when the surrounding transaction commits. The task sends nothing if
    the account has a password by the time it runs.
    """
    transaction.on_commit(partial(send_invitation.enqueue, membership.pk))
