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

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from twofold.content import builtin_instrument

REQUEST_TIMEOUT = 30.0  # seconds; a save slower than this counts as failed
READY_ATTEMPTS = 600  # connection attempts, 0.1 s apart, while a server starts
TARGET_P99_MS = 100.0


@dataclass
class Results:
    """What one scenario saw: every save's latency or its failure, and what was stored."""

    latencies: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    sent: dict[str, dict[str, int]] = field(default_factory=dict)
    acknowledged: dict[str, dict[str, int]] = field(default_factory=dict)
    stored: int = 0
    lost: int = 0
    seconds: float = 0.0

    @property
    def saves(self) -> int:
        return sum(len(answers) for answers in self.sent.values())

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def percentile_ms(self, q: float) -> float:
        return float(np.percentile(self.latencies, q)) * 1000 if self.latencies else float("nan")


class NoResponseError(Exception):
    """A request that got no complete HTTP response: refused, reset or timed out."""


async def request(port: int, method: str, path: str, body: object = None) -> tuple[int, bytes]:
    """One HTTP/1.1 request on a connection of its own, closed once the response is in.

    The response is complete when its Content-Length is read, as a browser
    knows; without one, when the server closes the connection.
    """
    payload = b"" if body is None else json.dumps(body).encode()
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()

    async def exchange() -> tuple[int, bytes]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(head + payload)
            await writer.drain()
            status_line = await reader.readline()
            parts = status_line.split()
            if len(parts) < 2 or not parts[1].isdigit():
                raise NoResponseError("reset")  # closed before a complete response
            length = None
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            try:
                body = await (reader.read() if length is None else reader.readexactly(length))
            except asyncio.IncompleteReadError:
                raise NoResponseError("reset") from None
            return int(parts[1]), body
        finally:
            writer.close()

    try:
        return await asyncio.wait_for(exchange(), REQUEST_TIMEOUT)
    except TimeoutError:
        raise NoResponseError("timed out") from None
    except ConnectionRefusedError:
        raise NoResponseError("refused") from None
    except (ConnectionResetError, BrokenPipeError):
        raise NoResponseError("reset") from None
    except OSError as exc:
        raise NoResponseError(exc.strerror or type(exc).__name__) from None


async def create_people(port: int, count: int) -> list[str]:
    """Start one self-assessment per person; return their answering tokens."""
    gate = asyncio.Semaphore(8)

    async def create(i: int) -> str:
        async with gate:
            status, body = await request(
                port, "POST", "/api/assessments", {"subject_name": f"Person {i}"}
            )
        if status != 201:
            raise SystemExit(f"creating an assessment gave HTTP {status}: {body[:200]!r}")
        return str(json.loads(body)["respond_token"])

    return list(await asyncio.gather(*(create(i) for i in range(count))))


async def save(port: int, token: str, item: str, value: int, results: Results) -> None:
    """Save one answer and record its latency, or why it failed."""
    results.sent.setdefault(token, {})[item] = value
    start = time.perf_counter()
    try:
        status, _ = await request(
            port, "PUT", f"/api/responses/{token}/answers", {"answers": {item: value}}
        )
    except NoResponseError as exc:
        results.failures[str(exc)] += 1
        return
    if status != 200:
        results.failures[f"HTTP {status}"] += 1
        return
    results.latencies.append(time.perf_counter() - start)
    results.acknowledged.setdefault(token, {})[item] = value


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
    await asyncio.sleep(rng.uniform(0, pace))
    for n, (item, value) in enumerate(answers):
        if n:
            await asyncio.sleep(rng.uniform(0.5 * pace, 1.5 * pace))
        await save(port, token, item, value, results)


async def read_back(port: int, results: Results) -> None:
    """Count the answers stored as sent, and those acknowledged but not stored."""
    gate = asyncio.Semaphore(8)

    async def check(token: str) -> None:
        async with gate:
            status, body = await request(port, "GET", f"/api/responses/{token}")
        stored = json.loads(body)["answers"] if status == 200 else {}
        sent, acknowledged = results.sent[token], results.acknowledged.get(token, {})
        results.stored += sum(stored.get(item) == value for item, value in sent.items())
        results.lost += sum(stored.get(item) != value for item, value in acknowledged.items())

    await asyncio.gather(*(check(token) for token in results.sent))


async def run_scenario(port: int, people: int, answers: int, pace: float, seed: int) -> Results:
    """Create ``people`` assessments, let everyone answer, then read everything back."""
    results = Results()
    tokens = await create_people(port, people)
    items = list(builtin_instrument("tlmi").item_ids)
    rng = random.Random(seed)
    plans = [[(item, rng.randint(1, 5)) for item in rng.sample(items, answers)] for _ in tokens]
    deadline = answers * pace * 1.5 + 3 * REQUEST_TIMEOUT
    start = time.perf_counter()
    runs = [
        person(port, token, plan, pace, random.Random(seed * 10_000 + i), results)
        for i, (token, plan) in enumerate(zip(tokens, plans, strict=True))
    ]
    try:
        await asyncio.wait_for(asyncio.gather(*runs), deadline)
    except TimeoutError:
        results.failures["scenario deadline"] += 1
    results.seconds = time.perf_counter() - start
    await read_back(port, results)
    return results


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def twofold_command() -> list[str]:
    """The `twofold` script of the environment running this benchmark."""
    script = Path(sys.executable).with_name("twofold")
    if not script.exists():
        raise SystemExit(f"{script} not found: run `make sync` first")
    return [str(script)]


@contextmanager
def running(name: str, port: int, serve_options: list[str]) -> Iterator[Path]:
    """Start a server on a fresh SQLite data directory; stop it (Ctrl-C) afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"twofold-bench-{name}-") as home:
        env = {**os.environ, "TWOFOLD_HOME": home}
        env.pop("DATABASE_URL", None)
        log = Path(home) / "server.log"
        if name == "twofold serve":
            argv = [*twofold_command(), "serve", "--port", str(port), *serve_options]
        else:
            subprocess.run(
                [*twofold_command(), "manage", "migrate", "--verbosity", "0"], env=env, check=True
            )
            argv = [*twofold_command(), "manage", "runserver", f"127.0.0.1:{port}", "--noreload"]
        with log.open("wb") as out:
            server = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_listening(server, port, log)
            yield log
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_listening(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    for _ in range(READY_ATTEMPTS):
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start-up:\n{log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not listen on port {port}:\n{log.read_text()[-2000:]}")


def server_errors(log: Path) -> int:
    """Tracebacks the server logged (a 500 logs one)."""
    return log.read_text(errors="replace").count("Traceback")


@dataclass
class Row:
    label: str
    ours: float
    peer: float
    fmt: str = "{:.0f}"
    ratio: bool = False


def report(title: str, ours: Results, peer: Results) -> list[Row]:
    print(f"\n{title}")
    rows = [
        Row("saves sent", ours.saves, peer.saves),
        Row("refused or failed", ours.failed, peer.failed, ratio=True),
        Row("stored as sent", ours.stored, peer.stored),
        Row("lost (acknowledged, not stored)", ours.lost, peer.lost),
        Row("p50 ms", ours.percentile_ms(50), peer.percentile_ms(50), "{:.1f}"),
        Row("p99 ms", ours.percentile_ms(99), peer.percentile_ms(99), "{:.1f}", ratio=True),
        Row("max ms", ours.percentile_ms(100), peer.percentile_ms(100), "{:.0f}"),
        Row("saves per second", ours.saves / ours.seconds, peer.saves / peer.seconds),
    ]
    for row in rows:
        ratio = ""
        if row.ratio:
            ratio = f"{row.peer / row.ours:.1f}×" if row.ours else ("same" if not row.peer else "∞")
        print(
            f"  {row.label:<34}{row.fmt.format(row.ours):>15}{row.fmt.format(row.peer):>13}"
            f"{ratio:>9}"
        )
    for name, results in (("twofold serve", ours), ("runserver", peer)):
        if results.failures:
            kinds = ", ".join(f"{n} {kind}" for kind, n in results.failures.most_common())
            print(f"  {name} failures: {kinds}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--answers", type=int, default=15, help="per person, at a person's pace")
    parser.add_argument("--burst-answers", type=int, default=10, help="per person, flat out")
    parser.add_argument("--pace", type=float, default=2.0, help="mean seconds between answers")
    parser.add_argument("--port", type=int, default=0, help="first of two ports (default: free)")
    parser.add_argument(
        "--serve-option", action="append", default=[], help="passed to `twofold serve`"
    )
    args = parser.parse_args()
    ports = (args.port, args.port + 1) if args.port else (free_port(), free_port())

    load = os.getloadavg()
    results: dict[str, tuple[Results, Results]] = {}
    errors: dict[str, int] = {}
    for name, port in zip(("twofold serve", "runserver"), ports, strict=True):
        with running(name, port, args.serve_option) as log:
            pace = asyncio.run(run_scenario(port, args.people, args.answers, args.pace, 1))
            burst = asyncio.run(run_scenario(port, args.people, args.burst_answers, 0.0, 2))
            errors[name] = server_errors(log)
        results[name] = (pace, burst)

    ours, peer = results["twofold serve"], results["runserver"]
    command = " ".join(["twofold serve", *args.serve_option])
    print(
        f"Saving answers through the API: {args.people} people at once, SQLite, "
        f"{os.cpu_count()} cores; `{command}` beside `twofold manage runserver` "
        "(ratio: runserver / twofold serve)"
    )
    print(f"Load average before the run: {load[0]:.1f}; after: {os.getloadavg()[0]:.1f}")
    print(f"  {'':<34}{'twofold serve':>15}{'runserver':>13}{'ratio':>9}")
    report(
        f"At a person's pace ({args.answers} answers each, ~{args.pace:g} s apart)",
        ours[0],
        peer[0],
    )
    report(f"Flat out ({args.burst_answers} answers each, no pause)", ours[1], peer[1])
    print(
        f"\nTracebacks in the server logs: twofold serve {errors['twofold serve']}, "
        f"runserver {errors['runserver']}"
    )
    pace = ours[0]
    met = (
        pace.failed == 0
        and pace.lost == 0
        and pace.stored == pace.saves
        and pace.percentile_ms(99) < TARGET_P99_MS
        and ours[1].failed == 0
        and ours[1].lost == 0
        and ours[1].stored == ours[1].saves
    )
    print(
        f"Target (no save refused or lost in either scenario, p99 under "
        f"{TARGET_P99_MS:.0f} ms at a person's pace): {'met' if met else 'NOT MET'}"
    )


if __name__ == "__main__":
    main()
