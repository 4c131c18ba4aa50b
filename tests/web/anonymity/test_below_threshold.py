"""Attack: read a group that is too small, from what a release keeps.

Two direct reports answered, one fewer than their group needs. The report
is computed from the released response sets by the one function that
averages raters; the direct reports must be withheld whole, and no shown
number may be theirs or let them be worked out. (The report page and the API
show exactly this function's result; their own attack tests live with them.)
"""

from __future__ import annotations

import numpy as np
import pytest
from tests.web import release_fixtures as make

from twofold.core.anonymity import ALL, release_rater_groups
from twofold.core.answers import answer_matrix
from twofold.web.accounts.models import Role
from twofold.web.campaigns.release import release_participants
from twofold.web.campaigns.release_plans import plans
from twofold.web.campaigns.release_words import group_lines
from twofold.web.campaigns.results import released_response_sets

pytestmark = pytest.mark.django_db


@pytest.fixture
def released():
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada = make.participant(campaign, "Ada Lovelace")
    make.rater(ada, "manager", "Mo", given=make.answers(5))
    make.raters(ada, "peers", 3, given=make.answers(3))
    make.raters(ada, "direct_reports", 2, given=make.answers(1))
    preview = plans(campaign, [ada])[0]
    release_participants([ada], hr)
    return ada, preview


def _report(ada):
    sets = list(released_response_sets(ada))
    matrix = answer_matrix(make.TLMI, [s.answers for s in sets])
    return release_rater_groups(make.TLMI, matrix, [s.rater_role for s in sets])


def test_it_withholds_the_small_group_whole(released) -> None:
    ada, _ = released
    reports = _report(ada).group("direct_reports")
    assert reports.withheld
    assert reports.n is None
    assert np.isnan(reports.scales).all()
    assert np.isnan(reports.composites).all()
    assert reports.threshold == 3


def test_it_leaves_the_small_group_out_of_all_raters(released) -> None:
    ada, _ = released
    everyone = _report(ada).group(ALL)
    # (5 + 3 × 3) / 4: the two direct reports' 1s are nowhere in it.
    np.testing.assert_allclose(everyone.scales, 3.5, rtol=0, atol=1e-12)
    assert everyone.n == 4


def test_it_shows_no_number_of_the_small_group_anywhere(released) -> None:
    ada, _ = released
    shown = np.concatenate([np.r_[g.scales, g.composites] for g in _report(ada).groups])
    assert not np.isclose(shown[~np.isnan(shown)], 1.0).any()


def test_it_names_the_small_group_with_its_reason_before_release(released) -> None:
    _, preview = released
    lines = {
        line.name: line for line in group_lines(preview.verdict.release.groups, preview.raters)
    }
    assert not lines["Direct reports"].shown
    assert lines["Direct reports"].note == "Withheld: fewer than 3 direct reports answered."
