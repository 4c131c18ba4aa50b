"""Attack: compare two releases of the same participant to isolate the raters in between.

The campaign is released, re-opened, and released again. One new peer would
make the difference between the two reports that peer's answers, so the
second release is refused and nothing changes; three new peers are as
anonymous as the group itself, so it is made.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import InvitationStatus, Release, Status
from twofold.web.campaigns.release import release_participants, reopen
from twofold.web.campaigns.release_plans import REFUSED, RELEASED
from twofold.web.campaigns.results import released_response_sets

pytestmark = pytest.mark.django_db


@pytest.fixture
def first():
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada = make.participant(campaign, "Ada Lovelace")
    make.rater(ada, "manager", "Mo", given=make.answers(5))
    make.raters(ada, "peers", 3, given=make.answers(3))
    release_participants([ada], hr)
    reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), hr)
    return hr, campaign, ada


def _close(campaign) -> None:
    campaign.status = Status.CLOSED
    campaign.save(update_fields=["status"])
    campaign.sync_answer_window()


def test_it_refuses_a_second_release_one_peer_apart(first) -> None:
    hr, campaign, ada = first
    before = list(released_response_sets(ada))
    late = make.rater(ada, "peers", "Late Peer", given=make.answers(1))
    _close(campaign)
    [outcome] = release_participants([ada], hr)
    assert outcome.state == REFUSED
    assert Release.objects.filter(participant=ada).count() == 1
    assert list(released_response_sets(ada)) == before
    late.refresh_from_db()
    assert late.status == InvitationStatus.SENT


def test_it_allows_a_second_release_three_peers_apart(first) -> None:
    hr, campaign, ada = first
    make.raters(ada, "peers", 3, start=4, given=make.answers(1))
    _close(campaign)
    [outcome] = release_participants([ada], hr)
    assert outcome.state == RELEASED
    sets = released_response_sets(ada)
    assert sorted(s.answers["env1"] for s in sets if s.rater_role == "peers") == [1, 1, 1, 3, 3, 3]


def test_it_refuses_a_rater_moving_out_of_all_raters(first) -> None:
    # Release 1 pools a lone other and two direct reports into "all raters".
    # A third direct report would show their group and leave the other alone
    # outside the pool: the two releases together would give the other away.
    hr, campaign, _ = first
    bea = make.participant(campaign, "Bea Kay")
    make.rater(bea, "manager", "Max", given=make.answers(5))
    make.raters(bea, "peers", 3)
    make.rater(bea, "others", "Oona", given=make.answers(1))
    make.raters(bea, "direct_reports", 2, given=make.answers(2))
    _close(campaign)
    [outcome] = release_participants([bea], hr)
    assert outcome.state == RELEASED
    reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), hr)
    make.rater(bea, "direct_reports", "Third", given=make.answers(4))
    _close(campaign)
    [outcome] = release_participants([bea], hr)
    assert outcome.state == REFUSED
    assert "counted differently" in " ".join(c.text for c in outcome.plan.verdict.concerns)
    assert ResponseSet.objects.filter(invitation__name="Third").exists()  # untouched
