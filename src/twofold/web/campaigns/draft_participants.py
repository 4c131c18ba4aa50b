"""Who takes part in a draft campaign: add people of its organisation, or take one out.

Participants are fixed once the campaign opens (:func:`twofold.web.campaigns.lifecycle.launch`
gives each their assessment and account then).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from twofold.web.campaigns.changes import SetupError, lock
from twofold.web.campaigns.models import Campaign, Participant, Status
from twofold.web.organisations.models import Person


@transaction.atomic
def add_participants(campaign: Campaign, people: Iterable[Person]) -> int:
    """Add people to a draft campaign; return how many were not in it already.

    Raises
    ------
    SetupError
        The campaign is no longer a draft, or a person belongs to another organisation.
    """
    locked = lock(campaign)
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
    locked = lock(campaign)
    if locked.status != Status.DRAFT:
        raise SetupError({"participants": _("Participants are fixed once a campaign opens.")})
    Participant.objects.filter(pk=participant.pk, campaign=locked).delete()
