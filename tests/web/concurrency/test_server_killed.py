"""The server is killed (SIGKILL) while raters save: no acknowledged answer is lost.

Twenty raters save their answers through their links, two streams each,
until half of all answers have been acknowledged; then the whole server is
killed at once, with requests in flight. A save whose reply never came may or
may not have been kept; one that was acknowledged must be. After a restart
each rater's pages show every acknowledged answer and nothing that was never
sent, exactly what the database holds; each link continues at the first
unanswered question, and every rater can finish and submit.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tests.web.concurrency.campaign import TLMI, open_campaign, sent_invitations
from tests.web.concurrency.rater import (
    QUESTION_PAGES,
    Answer,
    NoReplyError,
    Rater,
    plan,
    two_streams,
)
from tests.web.concurrency.server import WAIT_SECONDS, Server, serving

from twofold.core.questionnaire import page_of
from twofold.web.assessments.models import ResponseSet

pytestmark = pytest.mark.django_db(transaction=True)

#: Four participants × (their manager, 4 peers): 20 raters.
PEERS, DIRECT_REPORTS = 4, 0
RATERS = 4 * (1 + PEERS + DIRECT_REPORTS)
KILL_AFTER = RATERS * len(TLMI.item_ids) // 2


class Saves:
    """Acknowledged saves, counted across every stream, and how the streams ended."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0
        self.reached = threading.Event()
        self.ends: Counter[str] = Counter()

    def stream(self, rater: Rater, answers: list[tuple[str, Answer]]) -> None:
        """Save until the server stops answering."""
        for item, value in answers:
            try:
                saved = rater.answer(item, value)
            except NoReplyError as cut:
                with self._lock:
                    self.ends[cut.kind] += 1
                return
            assert saved, f"{rater.link}: {item} refused"
            with self._lock:
                self.count += 1
                if self.count >= KILL_AFTER:
                    self.reached.set()
        with self._lock:
            self.ends["finished"] += 1


def finish(rater: Rater, answers: dict[str, Answer], shown: dict[str, Answer]) -> int:
    """Continue where the link leads, answer the rest and submit; return the reply's status."""
    missing = [item for item in TLMI.item_ids if item not in shown]
    resume = rater.open()
    expected = page_of(TLMI, missing[0]).number if missing else QUESTION_PAGES + 1
    assert resume.location == f"{rater.link}{expected}/"
    for item in missing:
        assert rater.answer(item, answers[item])
    return rater.submit("Steady", "Speak up sooner").status


def test_killing_the_server_mid_save_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    invitations = sent_invitations(open_campaign(PEERS, DIRECT_REPORTS))
    assert len(invitations) == RATERS
    plans = [plan(seed) for seed in range(RATERS)]
    saves = Saves()

    server = Server(tmp_path)
    try:
        raters = [Rater(invitation, server.port) for invitation in invitations]
        with ThreadPoolExecutor(2 * RATERS) as pool:
            list(pool.map(Rater.open, raters))
            streams = [
                pool.submit(saves.stream, rater, stream)
                for rater, answers in zip(raters, plans, strict=True)
                for stream in two_streams(answers)
            ]
            assert saves.reached.wait(WAIT_SECONDS), "the raters stopped before the kill"
            server.kill()
            for done in streams:
                done.result()
    finally:
        server.kill()
    # The kill cut streams off with a request in flight, not only between requests.
    assert sum(n for kind, n in saves.ends.items() if kind != "refused") > 0, saves.ends
    assert server.tracebacks() == 0, server.errors()

    with serving(tmp_path) as again, ThreadPoolExecutor(RATERS) as pool:
        for rater in raters:
            rater.port = again.port
        shown = list(pool.map(Rater.read_back, raters))
        for rater, answers, on_page in zip(raters, plans, shown, strict=True):
            assert rater.acknowledged.items() <= on_page.items()
            assert all(answers[item] == value for item, value in on_page.items())
            assert ResponseSet.objects.get(invitation=rater.invitation).answers == on_page
        assert sum(map(len, shown)) >= KILL_AFTER

        statuses = list(pool.map(finish, raters, plans, shown))
        assert again.tracebacks() == 0, again.errors()
    assert statuses == [302] * RATERS
    for rater, answers in zip(raters, plans, strict=True):
        stored = ResponseSet.objects.get(invitation=rater.invitation)
        assert stored.answers == answers
        assert stored.is_submitted
