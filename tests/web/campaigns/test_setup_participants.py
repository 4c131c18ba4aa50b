"""add_participants and remove_participant: who a draft campaign assesses."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from tests.web.campaigns.helpers import participant_of

from twofold.web.campaigns import changes, draft_participants
from twofold.web.campaigns.models import Campaign, Participant
from twofold.web.organisations.models import Person


def _names(campaign: Campaign) -> list[str]:
    return list(campaign.participants.values_list("person__name", flat=True))


def test_it_adds_people_once(draft: Campaign, people: dict[str, Person]) -> None:
    added = draft_participants.add_participants(
        draft, [people["ann"], people["cat"], people["cat"]]
    )
    assert added == 1
    assert _names(draft) == ["Ann Archer", "Ben Baker", "Cat Cohen", "Dan Dias"]


def test_it_refuses_someone_of_another_organisation(draft: Campaign, outsider: User) -> None:
    gus = outsider.memberships.get().person
    assert gus is not None
    with pytest.raises(changes.SetupError) as caught:
        draft_participants.add_participants(draft, [gus])
    assert caught.value.problems == {"participants": "Gus Grant is not in this organisation."}
    assert len(_names(draft)) == 3


def test_it_removes_a_participant(draft: Campaign, people: dict[str, Person]) -> None:
    draft_participants.remove_participant(draft, participant_of(draft, people["ben"]))
    assert _names(draft) == ["Ann Archer", "Dan Dias"]


def test_it_fixes_participants_once_open(opened: Campaign, people: dict[str, Person]) -> None:
    with pytest.raises(changes.SetupError):
        draft_participants.add_participants(opened, [people["cat"]])
    with pytest.raises(changes.SetupError):
        draft_participants.remove_participant(opened, participant_of(opened, people["ann"]))
    assert Participant.objects.filter(campaign=opened).count() == 3
