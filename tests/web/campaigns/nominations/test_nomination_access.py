"""The access rules nominations rely on (twofold.web.accounts.access)."""

from __future__ import annotations

import pytest
from tests.web.campaigns.nominations.world import World

from twofold.web.accounts.access import viewer_for

pytestmark = pytest.mark.django_db


def viewer(world: World, key: str):
    found = viewer_for(world.users[key], world.organisation)
    assert found is not None
    return found


def test_it_lets_the_managers_above_decide_and_nobody_else(world: World) -> None:
    pat = world.person("pat").pk
    decides = {key: viewer(world, key).may_decide_nominations(pat) for key in world.users}
    assert decides == {
        "ada": True,
        "bea": True,
        "mia": True,
        "oscar": False,
        "pat": False,
        "nia": False,
    }


def test_it_never_lets_an_administrator_approve_their_own_raters(world: World) -> None:
    ada = viewer(world, "ada")
    assert ada.may_decide_nominations(world.person("ada").pk) is False
    assert ada.may_nominate(world.person("ada").pk) is True
    assert world.person("ada") not in ada.deciding_for()


def test_it_lists_whose_nominations_a_manager_decides(world: World) -> None:
    names = sorted(p.name for p in viewer(world, "mia").deciding_for())
    assert names == [
        "Pat Participant",
        "Quinn Peer",
        "Rae Peer",
        "Sam Peer",
        "Tia Peer",
        "Uma Report",
        "Vic Report",
        "Wes Report",
    ]
    assert list(viewer(world, "pat").deciding_for()) == []


def test_it_lets_whoever_nominates_look_up_the_organisations_people(world: World) -> None:
    pat = world.person("pat").pk
    candidates = viewer(world, "pat").rater_candidates(pat)
    # Everyone in the organisation's 13 but Pat.
    assert candidates.count() == 12
    assert world.person("pat") not in candidates
    assert viewer(world, "mia").rater_candidates(pat).count() == 12
    assert viewer(world, "oscar").rater_candidates(pat).count() == 0
    assert viewer(world, "nia").rater_candidates(pat).count() == 0
