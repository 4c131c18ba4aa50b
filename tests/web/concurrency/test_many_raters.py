"""Forty raters answer at once through their links on `twofold serve`: nothing lost or doubled.

Each rater opens their link, then saves every answer as the form does, one
htmx request per answer, in two streams at once (a rater clicking faster than
the replies come), with a comment on a page among them; then every rater
submits, a quarter of them twice at the same moment (a double click, two
tabs). Every phase runs all raters at once. Afterwards each response set holds
exactly the answers and comments sent, is submitted, and no response set or
invitation was added or lost.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tests.web.concurrency.campaign import open_campaign, sent_invitations
from tests.web.concurrency.rater import Answer, Rater, domain_comment, plan, two_streams
from tests.web.concurrency.server import serving

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation, InvitationStatus

pytestmark = pytest.mark.django_db(transaction=True)

#: Four participants × (their manager, 6 peers, 3 direct reports): 40 raters.
PEERS, DIRECT_REPORTS = 6, 3
RATERS = 4 * (1 + PEERS + DIRECT_REPORTS)


def save_stream(rater: Rater, answers: list[tuple[str, Answer]], comment: tuple[str, str]) -> int:
    """Save answers one after another, a comment half-way; return how many were not saved."""
    refused = 0
    for n, (item, value) in enumerate(answers):
        if n == len(answers) // 2:
            refused += not rater.comment(*comment)
        refused += not rater.answer(item, value)
    return refused


def test_forty_raters_at_once_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    campaign = open_campaign(PEERS, DIRECT_REPORTS)
    invitations = sent_invitations(campaign)
    assert len(invitations) == RATERS
    plans = [plan(seed) for seed in range(RATERS)]
    twice = set(range(0, RATERS, 4))
    sets_before = ResponseSet.objects.filter(assessment__participant__campaign=campaign).count()

    with serving(tmp_path) as server, ThreadPoolExecutor(2 * RATERS) as pool:
        raters = [Rater(invitation, server.port) for invitation in invitations]
        list(pool.map(Rater.open, raters))

        streams = []
        for rater, answers in zip(raters, plans, strict=True):
            first, second = two_streams(answers)
            streams.append((rater, first, (domain_comment(1), f"{rater.link} first")))
            streams.append((rater, second, (domain_comment(8), f"{rater.link} last")))
        refused = list(pool.map(lambda stream: save_stream(*stream), streams))
        assert sum(refused) == 0

        submits = [r for i, r in enumerate(raters) for _ in range(2 if i in twice else 1)]
        replies = list(pool.map(lambda r: (r, r.submit("Listens", "Delegate more")), submits))
        thanks = list(pool.map(lambda r: r.request("GET", r.link), raters))
        assert server.tracebacks() == 0, server.errors()

    for rater, reply in replies:
        # Both of a double submit are sent on to the link, which thanks the rater.
        assert (reply.status, reply.location) == (302, rater.link), reply
    assert all(page.status == 200 and "Thank you" in page.text for page in thanks)

    for rater, answers in zip(raters, plans, strict=True):
        assert rater.acknowledged == answers
        stored = ResponseSet.objects.get(invitation=rater.invitation)
        assert stored.answers == answers
        assert stored.is_submitted
        assert stored.comments == {
            "domains": {
                "direction": f"{rater.link} first",
                "influence": f"{rater.link} last",
            },
            "strength": "Listens",
            "change": "Delegate more",
        }
    # Nothing added: one response set per rater and participant, as before.
    assert (
        ResponseSet.objects.filter(assessment__participant__campaign=campaign).count()
        == sets_before
    )
    assert list(
        Invitation.objects.filter(participant__campaign=campaign, status=InvitationStatus.SENT)
        .order_by("pk")
        .values_list("pk", "response_set")
    ) == [(i.pk, i.response_set_id) for i in invitations]
