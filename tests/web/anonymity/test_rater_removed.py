"""Attack: remove a rater after release, and read the report before and after.

If removing a rater changed a released report, the difference would be that
rater's answers. Nothing ties a released answer to anyone, so removing the
invitation, or the person, removes nothing from the report.
"""

from __future__ import annotations

import pytest
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.release import release_participants
from twofold.web.campaigns.results import released_response_sets
from twofold.web.organisations.models import Person

pytestmark = pytest.mark.django_db


def test_it_keeps_every_released_answer_when_a_rater_is_removed() -> None:
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada = make.participant(campaign, "Ada Lovelace")
    peers = make.raters(ada, "peers", 3)
    person = Person.objects.create(organisation=org, name="Pia Peer", email="pia@example.org")
    peers[0].person = person
    peers[0].save()
    release_participants([ada], hr)
    before = [(s.pk, s.answers) for s in released_response_sets(ada)]
    total = ResponseSet.objects.count()

    peers[0].delete()
    person.delete()

    after = [(s.pk, s.answers) for s in released_response_sets(ada)]
    assert after == before
    assert ResponseSet.objects.count() == total
