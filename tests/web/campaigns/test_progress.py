"""progress.campaign_progress: counts per group, and for administrators who has not answered."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from tests.web.campaigns.helpers import participant_of

from twofold.content import builtin_instrument
from twofold.web.accounts.access import Progress, viewer_for
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus, Participant
from twofold.web.campaigns.progress import (
    ParticipantProgress,
    campaign_progress,
    completion,
    percent,
)
from twofold.web.organisations.models import Organisation, Person

TLMI = builtin_instrument("tlmi")


@pytest.fixture
def raters(
    opened: Campaign, people: dict[str, Person], invite: Callable[..., Invitation]
) -> Participant:
    """Ann's raters: Mia (manager, from launch) has not answered; of three peers one has
    answered, one has not and one declined; one other has answered; one more peer
    is only proposed. Ann has done her self-assessment."""
    ann = participant_of(opened, people["ann"])
    invite(ann, "peers", "Pat Peer", answered=True)
    invite(ann, "peers", "Quinn Peer")
    invite(ann, "peers", "Ray Peer", status=InvitationStatus.DECLINED)
    invite(ann, "others", "Sam Other", answered=True)
    invite(ann, "peers", "Tia Proposed", status=InvitationStatus.PROPOSED)
    assert ann.assessment is not None
    self_set = ann.assessment.self_response_set()
    self_set.record(TLMI, dict.fromkeys(TLMI.item_ids, 4))
    self_set.submit(TLMI)
    return ann


def _of(progress: list[ParticipantProgress], name: str) -> ParticipantProgress:
    [found] = [p for p in progress if p.participant.person.name == name]
    return found


def _table(
    one: ParticipantProgress,
) -> dict[str, tuple[int, int, int | None, tuple[str, ...] | None]]:
    return {g.group: (g.invited, g.answered, g.declined, g.not_answered) for g in one.groups}


def test_it_shows_administrators_counts_and_who_has_not_answered(
    raters: Participant, org: Organisation, admin: User
) -> None:
    viewer = viewer_for(admin, org)
    assert viewer is not None
    ann = _of(campaign_progress(raters.campaign, viewer), "Ann Archer")
    assert ann.level == Progress.NAMES
    assert ann.self_done
    assert _table(ann) == {
        "manager": (1, 0, 0, ("Mia Moreau",)),
        "peers": (3, 1, 1, ("Quinn Peer",)),
        "direct_reports": (0, 0, 0, ()),
        "others": (1, 1, 0, ()),
    }
    assert ann.not_answered == [("Manager", ("Mia Moreau",)), ("Peers", ("Quinn Peer",))]


def test_it_shows_a_participant_their_own_counts_only(
    raters: Participant, org: Organisation, participant: User
) -> None:
    viewer = viewer_for(participant, org)
    assert viewer is not None
    [ann] = campaign_progress(raters.campaign, viewer)
    assert ann.participant.person.name == "Ann Archer"
    assert ann.level == Progress.COUNTS
    assert _table(ann) == {
        "manager": (1, 0, 0, None),
        "peers": (3, 1, 1, None),
        "direct_reports": (0, 0, 0, None),
        "others": (1, 1, 0, None),
    }


def test_it_shows_a_manager_their_line_with_counts(
    raters: Participant, org: Organisation, manager: User
) -> None:
    viewer = viewer_for(manager, org)
    assert viewer is not None
    progress = campaign_progress(raters.campaign, viewer)
    assert [p.participant.person.name for p in progress] == ["Ann Archer", "Ben Baker"]
    assert all(p.level == Progress.COUNTS and not p.shows_names for p in progress)
    assert all(g.not_answered is None for p in progress for g in p.groups)


def test_it_shows_a_coach_their_coachees_only(
    raters: Participant, org: Organisation, coach: User
) -> None:
    viewer = viewer_for(coach, org)
    assert viewer is not None
    progress = campaign_progress(raters.campaign, viewer)
    assert [p.participant.person.name for p in progress] == ["Dan Dias"]
    assert _table(progress[0])["manager"] == (1, 0, 0, None)


def test_it_counts_from_the_released_answers_after_a_release(
    raters: Participant, org: Organisation, admin: User, release: Callable[[Participant], object]
) -> None:
    release(raters)
    viewer = viewer_for(admin, org)
    assert viewer is not None
    ann = _of(campaign_progress(raters.campaign, viewer), "Ann Archer")
    assert ann.released
    assert not ann.shows_names
    # Declined and not answered can no longer be told apart: no names, no declines.
    assert _table(ann) == {
        "manager": (1, 0, None, None),
        "peers": (3, 1, None, None),
        "direct_reports": (0, 0, None, None),
        "others": (1, 1, None, None),
    }


def test_it_adds_answers_given_after_a_reopening(
    raters: Participant,
    org: Organisation,
    admin: User,
    release: Callable[[Participant], object],
    invite: Callable[..., Invitation],
) -> None:
    release(raters)
    invite(raters, "peers", "Uma Late", answered=True)
    viewer = viewer_for(admin, org)
    assert viewer is not None
    ann = _of(campaign_progress(raters.campaign, viewer), "Ann Archer")
    assert _table(ann)["peers"] == (4, 2, None, ())


def test_it_names_who_has_not_answered_among_raters_asked_after_a_release(
    raters: Participant,
    org: Organisation,
    admin: User,
    participant: User,
    release: Callable[[Participant], object],
    invite: Callable[..., Invitation],
) -> None:
    # Quinn, asked before the release, did not answer; nobody can tell any more.
    release(raters)
    invite(raters, "peers", "Uma Late", answered=True)
    invite(raters, "peers", "Vic Late")
    invite(raters, "others", "Wes Late", status=InvitationStatus.DECLINED)
    viewer = viewer_for(admin, org)
    assert viewer is not None
    ann = _of(campaign_progress(raters.campaign, viewer), "Ann Archer")
    assert ann.shows_names
    assert _table(ann) == {
        "manager": (1, 0, None, ()),
        "peers": (5, 2, None, ("Vic Late",)),
        "direct_reports": (0, 0, None, ()),
        "others": (2, 1, None, ()),
    }
    assert ann.not_answered == [("Peers", ("Vic Late",))]
    them = viewer_for(participant, org)
    assert them is not None
    [own] = campaign_progress(raters.campaign, them)
    assert not own.shows_names
    assert all(g.not_answered is None for g in own.groups)


def test_it_totals_questionnaires_done_and_expected(
    raters: Participant, org: Organisation, admin: User
) -> None:
    viewer = viewer_for(admin, org)
    assert viewer is not None
    progress = campaign_progress(raters.campaign, viewer)
    # Ann: self + Pat + Sam done, of self + Mia + 2 peers (one declined) + Sam.
    assert (_of(progress, "Ann Archer").answered, _of(progress, "Ann Archer").expected) == (3, 5)
    # Ben and Dan: nothing done, of self + manager each.
    assert completion(progress) == (3, 9)
    assert percent(3, 9) == 33


@pytest.mark.parametrize(
    ("done", "expected", "shown"),
    [(7, 16, 44), (10, 13, 77), (10, 11, 91), (1, 8, 13), (1, 3, 33), (2, 3, 67), (1, 2, 50)],
)
def test_it_rounds_percent_half_up(done: int, expected: int, shown: int) -> None:
    assert percent(done, expected) == shown


@pytest.mark.parametrize(
    ("done", "expected", "shown"),
    [(0, 0, 0), (0, 16, 0), (1, 1000, 1), (199, 200, 99), (999, 1000, 99), (2, 2, 100)],
)
def test_it_says_100_only_when_all_answered_and_0_only_when_none(
    done: int, expected: int, shown: int
) -> None:
    assert percent(done, expected) == shown
