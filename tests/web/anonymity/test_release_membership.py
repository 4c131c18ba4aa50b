"""Attack: tell which release an answer set came from, and so who could have given it.

A campaign is released, re-opened, and released again. The raters invited
between the two releases are in the invitations, with the times they were
created; if the database said which sets the second release added, a second
release of few new sets would narrow each of them to those few people. Here
one peer answers after the first release, and the second is allowed because
"all raters" pools them with the withheld peer and direct report of the
first. After it, every set must look like every other: all listed in the
latest release, all copied anew at its time, none left from the first.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from tests.web import release_fixtures as make

from twofold.core.anonymity import ALL
from twofold.web.accounts.models import Role
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Release, ReleasedResponse, Status
from twofold.web.campaigns.release import release_participants, reopen
from twofold.web.campaigns.release_plans import REFUSED, RELEASED
from twofold.web.campaigns.results import latest_release, released_response_sets
from twofold.web.reports.services import campaign_report

pytestmark = pytest.mark.django_db

FIRST = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
SECOND = datetime(2027, 1, 12, 9, 0, tzinfo=UTC)


def _close(campaign) -> None:
    campaign.status = Status.CLOSED
    campaign.save(update_fields=["status"])
    campaign.sync_answer_window()


def _observer_sets(ada):
    return ResponseSet.objects.filter(assessment=ada.assessment).exclude(rater_role="self")


@pytest.fixture
def twice():
    """Ada released twice: a lone peer answered in between. The sets of release 1, as they were."""
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada = make.participant(campaign, "Ada Lovelace")
    make.rater(ada, "manager", "Mo", given=make.answers(5))
    make.rater(ada, "peers", "Pat", given=make.answers(2))
    make.rater(ada, "direct_reports", "Dee", given=make.answers(3))
    with time_machine.travel(FIRST, tick=False):
        release_participants([ada], hr)
    first = list(_observer_sets(ada).values("pk", "respond_token"))
    reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), hr)
    make.rater(ada, "peers", "Late Lou", given=make.answers(4))
    _close(campaign)
    with time_machine.travel(SECOND, tick=False):
        [outcome] = release_participants([ada], hr)
    assert outcome.state == RELEASED  # "all raters" pools Pat, Dee and Lou: three
    return ada, first


def test_it_lists_every_set_in_the_latest_release_alone(twice) -> None:
    ada, _ = twice
    one, two = Release.objects.filter(participant=ada).order_by("number")
    assert not ReleasedResponse.objects.filter(release=one).exists()
    listed = set(two.responses.values_list("response_set", flat=True))
    assert listed == {s.pk for s in released_response_sets(ada)}
    assert listed == {
        *_observer_sets(ada).values_list("pk", flat=True),
        ada.assessment.self_response_set().pk,
    }


def test_it_copies_the_sets_of_the_first_release_again(twice) -> None:
    ada, first = twice
    sets = list(_observer_sets(ada).values())
    assert len(sets) == 4
    assert not {row["pk"] for row in first} & {row["id"] for row in sets}
    assert not {row["respond_token"] for row in first} & {row["respond_token"] for row in sets}
    for row in sets:
        assert row["started_at"] == row["updated_at"] == row["submitted_at"] == SECOND


def test_it_keeps_the_report_of_every_answer_released(twice) -> None:
    ada, _ = twice
    report = campaign_report(ada, latest_release(ada))
    everyone = {g.group: g for g in report.rater_groups}[ALL]
    # (5 + 2 + 3 + 4) / 4 on every practice: Pat and Dee, released first, count still.
    assert everyone.scales
    for value in everyone.scales.values():
        assert value == pytest.approx(3.5, abs=1e-12)


def test_it_still_judges_a_third_release_beside_the_second() -> None:
    # Release 1 pools a lone other and two direct reports into "all raters";
    # release 2 adds three peers and is re-copied whole. A third direct report
    # would then set the other apart: the judge must still see the pool.
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    bea = make.participant(campaign, "Bea Kay")
    make.rater(bea, "manager", "Max", given=make.answers(5))
    make.raters(bea, "peers", 3)
    make.rater(bea, "others", "Oona", given=make.answers(1))
    make.raters(bea, "direct_reports", 2, given=make.answers(2))
    release_participants([bea], hr)
    for start, group, count in ((4, "peers", 3), (3, "direct_reports", 1)):
        reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), hr)
        make.raters(bea, group, count, start=start)
        _close(campaign)
        [outcome] = release_participants([bea], hr)
    assert outcome.state == REFUSED
    assert "counted differently" in " ".join(c.text for c in outcome.plan.verdict.concerns)
    assert latest_release(bea).number == 2
