"""The audit log; :func:`record` is the one way to write to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from twofold.web.organisations.models import Organisation


def record(
    organisation: Organisation,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    *,
    object_type: str = "",
    object_id: int | None = None,
    summary: str = "",
) -> None:
    """Write one event to ``organisation``'s audit log."""
    from twofold.web.audit.models import Event

    user = actor if actor is not None and actor.is_authenticated else None
    Event.objects.create(
        organisation=organisation,
        actor_id=user.pk if user is not None else None,
        actor_label=user.get_username() if user is not None else "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:500],
    )
