"""200 raters save answers through their personal links at once, on `twofold serve` and on a peer.

An open 360 campaign is made first, through the campaign's own services: 20
participants, each with their manager, 6 peers and 3 direct reports invited,
so 200 raters with a link each. Every rater then does what the rater's form
does in a browser: opens the link (the intro, then the questionnaire, which
sets the CSRF cookie; eight raters at a time, before the clock starts, as
creating the assessments is in ``serve_bench.py``) and saves each answer as
it is chosen, one htmx POST to ``/rate/<token>/answer/`` per answer, on a new
connection each time. Two scenarios, in the questionnaire's order:

* a person's pace: everyone starts within the first two seconds and then
  thinks for 1 to 3 seconds (2 on average) before each next answer (the
  first two pages);
* flat out: everyone at the same moment, each answer as soon as the last one
  was saved (the next two pages).

A save counts when its reply says "Saved". After each scenario every rater's
pages are read back: a radio button shown chosen is an answer stored, so a
save acknowledged but not on the page counts as lost. The peer is Django's
development server (`twofold manage runserver`) under the same load in the
same run; each server starts from its own copy of the campaign's SQLite file.

Run it on its own (about three minutes): ``.venv/bin/python bench/rater_bench.py``
(``--help`` for the sizes, the ports and options passed to `twofold serve`).
The machine's load average is printed beside the results: other work on the
machine shows in the tail. Target: p99 under 100 ms at a person's pace, and
no save refused or lost in either scenario; the exit status is 1 when it is
not met.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import tempfile
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from _load import (
    NoResponseError,
    Response,
    Results,
    arguments,
    copy_database,
    everyone,
    on_both_servers,
    pause,
    print_run,
    request,
    save,
)

from twofold.content import builtin_instrument
from twofold.core.questionnaire import page_of

TLMI = builtin_instrument("tlmi")
#: Each participant's raters besides their manager.
PEERS, DIRECT_REPORTS = 6, 3
RATERS_EACH = 1 + PEERS + DIRECT_REPORTS
#: A radio button the page shows chosen: what the server has stored for that question.
CHECKED = re.compile(r'<input type="radio" name="([^"]+)" value="([^"]+)" checked>')


def build(raters: int) -> list[str]:
    """An open campaign with at least ``raters`` raters invited; their link tokens.

    Made in this process's data directory (``TWOFOLD_HOME``), through the
    services an administrator's clicks use: create, add participants, launch
    (which invites each participant's manager), nominate and approve.
    """
    from twofold.cli.database import open_database

    open_database()
    from django.db import connections, transaction
    from django.utils import timezone

    from twofold.web.accounts.models import Role
    from twofold.web.accounts.services import ensure_membership
    from twofold.web.campaigns import campaign_settings, draft_participants, lifecycle, nominations
    from twofold.web.campaigns.models import Invitation, InvitationStatus
    from twofold.web.organisations.models import Organisation, Person

    with transaction.atomic():
        org = Organisation.objects.create(name="Bench", slug="bench")
        head = Person.objects.create(organisation=org, name="Hana Head", email="hana@bench.example")
        admin, _ = ensure_membership(head, Role.ADMIN, invite=False)
        participants = [
            Person.objects.create(
                organisation=org, name=f"Person {i}", email=f"p{i}@bench.example", manager=head
            )
            for i in range(-(-raters // RATERS_EACH))
        ]
        campaign = campaign_settings.create_campaign(
            org, "Bench 360", timezone.now() + timedelta(days=14), by=admin.user
        )
        draft_participants.add_participants(campaign, participants)
        lifecycle.launch(campaign, by=admin.user)
        for participant in campaign.participants.select_related("person__membership__user"):
            for group, count in (("peers", PEERS), ("direct_reports", DIRECT_REPORTS)):
                for n in range(count):
                    nominations.nominate(
                        participant,
                        group=group,
                        by=participant.person.membership.user,
                        name=f"Rater {n}",
                        email=f"{group}{n}.{participant.pk}@raters.example",
                    )
            nominations.approve_all(participant, by=admin.user)
    tokens = Invitation.objects.filter(
        participant__campaign=campaign, status=InvitationStatus.SENT
    ).values_list("token", flat=True)
    found = sorted(tokens)[:raters]
    connections.close_all()
    return found


@dataclass
class Rater:
    """One rater's browser: their link, and the CSRF cookie their questionnaire set."""

    token: str
    port: int
    csrf: str = ""

    @property
    def link(self) -> str:
        return f"/rate/{self.token}/"

    async def get(self, path: str) -> Response:
        cookie = {"Cookie": f"csrftoken={self.csrf}"} if self.csrf else {}
        response = await request(self.port, "GET", path, headers=cookie)
        cookies = SimpleCookie(response.headers.get("set-cookie", ""))
        if "csrftoken" in cookies:
            self.csrf = cookies["csrftoken"].value
        return response

    async def open(self) -> None:
        """The intro, then the questionnaire where it continues: as a click on the link."""
        intro = await self.get(self.link)
        resume = await self.get(f"{self.link}questions/")
        page = await self.get(resume.headers.get("location", self.link))
        if (intro.status, resume.status, page.status) != (200, 302, 200) or not self.csrf:
            raise NoResponseError(f"opening: HTTP {intro.status}, {resume.status}, {page.status}")

    def answer(self, item: str, value: int | None) -> Coroutine[Any, Any, Response]:
        """The htmx POST of one chosen answer (not yet sent)."""
        body = urlencode({item: "not_observed" if value is None else str(value)}).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.csrf}",
            "Origin": f"http://127.0.0.1:{self.port}",
            "HX-Request": "true",
            "X-CSRFToken": self.csrf,
        }
        return request(self.port, "POST", f"{self.link}answer/", body, headers)

    async def shown(self, items: list[str]) -> dict[str, int | None]:
        """The answers the pages holding ``items`` show chosen."""
        found: dict[str, int | None] = {}
        for number in sorted({page_of(TLMI, item).number for item in items}):
            page = await self.get(f"{self.link}{number}/")
            if page.status != 200:
                continue
            for item, value in CHECKED.findall(page.body.decode()):
                found[item] = None if value == "not_observed" else int(value)
        return found


def saved(response: Response) -> bool:
    return response.status == 200 and b"Saved" in response.body


async def rate(
    rater: Rater,
    answers: list[tuple[str, int | None]],
    pace: float,
    rng: random.Random,
    results: Results,
) -> None:
    """One rater: a first answer within ``pace`` seconds, then one every ``pace`` on average.

    With ``pace`` 0 the answers follow each other as fast as the server saves them.
    """
    for n, (item, value) in enumerate(answers):
        await pause(n, pace, rng)
        await save(results, rater.token, item, value, rater.answer(item, value), saved)


async def open_links(raters: list[Rater], results: Results) -> list[Rater]:
    """Every rater opens their link, eight at a time; those who could not do not answer."""
    gate = asyncio.Semaphore(8)

    async def click(rater: Rater) -> bool:
        async with gate:
            try:
                await rater.open()
            except NoResponseError as exc:
                results.failures[str(exc)] += 1
                return False
        return True

    opened = await asyncio.gather(*(click(rater) for rater in raters))
    return [rater for rater, ok in zip(raters, opened, strict=True) if ok]


async def read_back(raters: list[Rater], results: Results) -> None:
    """Count the answers the pages show as sent, and those acknowledged but not shown."""
    gate = asyncio.Semaphore(8)

    async def check(rater: Rater) -> None:
        async with gate:
            shown = await rater.shown(list(results.sent.get(rater.token, {})))
        results.count_stored(rater.token, shown)

    await asyncio.gather(*(check(rater) for rater in raters))


def plan(items: list[str], rng: random.Random) -> list[tuple[str, int | None]]:
    """A rater's answers to ``items``, about one in ten "Not observed"."""
    return [(item, None if rng.random() < 0.1 else rng.randint(1, 5)) for item in items]


async def scenarios(
    port: int, tokens: list[str], args: argparse.Namespace
) -> tuple[Results, Results]:
    """Both scenarios on one server: the first pages at a person's pace, the next flat out."""
    done = [Results(), Results()]
    raters = await open_links([Rater(token, port) for token in tokens], done[0])
    items = list(TLMI.item_ids)
    first = items[: args.answers]
    then = items[args.answers : args.answers + args.burst_answers]
    rng = random.Random(1)
    for results, chosen, pace in ((done[0], first, args.pace), (done[1], then, 0.0)):
        runs = [
            rate(rater, plan(chosen, rng), pace, random.Random(i), results)
            for i, rater in enumerate(raters)
        ]
        await everyone(runs, len(chosen), pace, results)
        await read_back(raters, results)
    return done[0], done[1]


def main() -> None:
    parser = arguments(__doc__.split("\n")[0], "raters")
    parser.add_argument("--answers", type=int, default=12, help="per rater, at a person's pace")
    parser.add_argument("--burst-answers", type=int, default=12, help="per rater, flat out")
    args = parser.parse_args()
    if args.answers + args.burst_answers > len(TLMI.item_ids):
        parser.error(f"--answers and --burst-answers add up to more than {len(TLMI.item_ids)}")

    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="twofold-rater-bench-") as home:
        os.environ["TWOFOLD_HOME"] = home
        os.environ.pop("DATABASE_URL", None)
        tokens = build(args.raters)
        prepare = copy_database(Path(home) / "twofold.sqlite3")
        results, errors = on_both_servers(
            args, lambda port: asyncio.run(scenarios(port, tokens, args)), prepare
        )
    what = f"Raters saving answers through their links: {len(tokens)} raters at once"
    if not print_run(what, args, load, results, errors):
        sys.exit(1)


if __name__ == "__main__":
    main()
