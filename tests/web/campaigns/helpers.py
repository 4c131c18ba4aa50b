"""What the campaign tests share besides fixtures: the frozen time, accounts, lookups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import User

from twofold.web.accounts.models import Membership, Role
from twofold.web.campaigns.models import Campaign, Participant
from twofold.web.organisations.models import Organisation, Person

#: Where the clock stands in every campaign test, and the default campaign's deadline.
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
DEADLINE = NOW + timedelta(days=14)


def account(
    organisation: Organisation, email: str, role: Role, person: Person | None = None
) -> User:
    """A user with ``role`` in ``organisation``, tied to ``person`` if given.

    The account a launch may already have made for the person is reused, so
    fixtures of roles and of launched campaigns can come in any order.
    """
    user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
    Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role, "person": person}
    )
    return user


def participant_of(campaign: Campaign, person: Person) -> Participant:
    return Participant.objects.select_related("assessment").get(campaign=campaign, person=person)
