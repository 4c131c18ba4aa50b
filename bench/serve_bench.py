"""Save answers through the JSON API as 200 people at once, on `twofold serve` and on a peer.

Each simulated person has an assessment of their own (``POST /api/assessments``)
and saves one answer per request (``PUT /api/responses/{token}/answers``), on a
new connection each time, as a simple API client does: the harsher case for a
server, since every save passes the kernel's accept queue. Two scenarios:

* a person's pace: everyone starts within the first two seconds and then
  thinks for 1 to 3 seconds (2 on average) before each next answer;
* flat out: everyone at the same moment, each answer as soon as the last one
  was saved.

Afterwards every person's answers are read back (``GET /api/responses/{token}``)
and compared with what was sent, so a save that was acknowledged but not stored
counts as lost. The peer is Django's development server (`twofold manage
runserver`) under the same load in the same run, each server on a fresh SQLite
data directory. The load runs on loopback only, each request bounded by a
timeout and each scenario by a deadline.

Run it on its own, as it takes about two minutes (so `make bench` leaves it
out): `.venv/bin/python bench/serve_bench.py` (`--help` for the sizes, the
ports and options passed to `twofold serve`). The machine's load average is
printed beside the results: other work on the machine shows in the tail.
"""

from __future__ import annotations

import asyncio
import json
import os
import random

from _load import (
    Response,
    Results,
    arguments,
    everyone,
    on_both_servers,
    pause,
    print_run,
    request,
    save,
)

from twofold.content import builtin_instrument


async def json_request(port: int, method: str, path: str, body: object = None) -> Response:
    """A request of the JSON API, its body (if any) as JSON."""
    payload = b"" if body is None else json.dumps(body).encode()
    return await request(port, method, path, payload, {"Content-Type": "application/json"})


async def create_people(port: int, count: int) -> list[str]:
    """Start one self-assessment per person; return their answering tokens."""
    gate = asyncio.Semaphore(8)

    async def create(i: int) -> str:
        async with gate:
            made = await json_request(
                port, "POST", "/api/assessments", {"subject_name": f"Person {i}"}
            )
        if made.status != 201:
            raise SystemExit(f"creating an assessment gave HTTP {made.status}: {made.body[:200]!r}")
        return str(json.loads(made.body)["respond_token"])

    return list(await asyncio.gather(*(create(i) for i in range(count))))


async def person(
    port: int,
    token: str,
    answers: list[tuple[str, int]],
    pace: float,
    rng: random.Random,
    results: Results,
) -> None:
    """One person: a first answer within ``pace`` seconds, then one every ``pace`` on average.

    With ``pace`` 0 the answers follow each other as fast as the server saves them.
    """
    for n, (item, value) in enumerate(answers):
        await pause(n, pace, rng)
        body = {"answers": {item: value}}
        sending = json_request(port, "PUT", f"/api/responses/{token}/answers", body)
        await save(results, token, item, value, sending)


async def read_back(port: int, results: Results) -> None:
    """Count the answers stored as sent, and those acknowledged but not stored."""
    gate = asyncio.Semaphore(8)

    async def check(token: str) -> None:
        async with gate:
            found = await json_request(port, "GET", f"/api/responses/{token}")
        stored = json.loads(found.body)["answers"] if found.status == 200 else {}
        results.count_stored(token, stored)

    await asyncio.gather(*(check(token) for token in results.sent))


async def run_scenario(port: int, people: int, answers: int, pace: float, seed: int) -> Results:
    """Create ``people`` assessments, let everyone answer, then read everything back."""
    results = Results()
    tokens = await create_people(port, people)
    items = list(builtin_instrument("tlmi").item_ids)
    rng = random.Random(seed)
    plans = [[(item, rng.randint(1, 5)) for item in rng.sample(items, answers)] for _ in tokens]
    runs = [
        person(port, token, plan, pace, random.Random(seed * 10_000 + i), results)
        for i, (token, plan) in enumerate(zip(tokens, plans, strict=True))
    ]
    await everyone(runs, answers, pace, results)
    await read_back(port, results)
    return results


def main() -> None:
    parser = arguments(__doc__.split("\n")[0], "people")
    parser.add_argument("--answers", type=int, default=15, help="per person, at a person's pace")
    parser.add_argument("--burst-answers", type=int, default=10, help="per person, flat out")
    args = parser.parse_args()

    def scenarios(port: int) -> tuple[Results, Results]:
        pace = asyncio.run(run_scenario(port, args.people, args.answers, args.pace, 1))
        burst = asyncio.run(run_scenario(port, args.people, args.burst_answers, 0.0, 2))
        return pace, burst

    load = os.getloadavg()
    results, errors = on_both_servers(args, scenarios)
    print_run(
        f"Saving answers through the API: {args.people} people at once", args, load, results, errors
    )


if __name__ == "__main__":
    main()
