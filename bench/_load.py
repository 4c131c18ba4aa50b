"""What the load benchmarks share: a server to load, requests, and the table of results.

``serve_bench.py`` (the JSON API) and ``rater_bench.py`` (raters' personal
links) each run `twofold serve` beside Django's development server in the same
run, on SQLite data directories of their own, and print the same table:
latency percentiles of the saves, failures, and answers acknowledged but not
stored. Requests go over loopback only, one connection each, each bounded by
a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REQUEST_TIMEOUT = 30.0  # seconds; a request slower than this counts as failed
READY_ATTEMPTS = 600  # connection attempts, 0.1 s apart, while a server starts
TARGET_P99_MS = 100.0
#: The two servers of every run: ours, and Django's development server as the peer.
OURS, PEER = "twofold serve", "runserver"


@dataclass
class Results:
    """What one scenario saw: every save's latency or its failure, and what was stored."""

    latencies: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    sent: dict[str, dict[str, int | None]] = field(default_factory=dict)
    acknowledged: dict[str, dict[str, int | None]] = field(default_factory=dict)
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

    def count_stored(self, token: str, stored: dict[str, int | None]) -> None:
        """Count one person's answers stored as sent, and those acknowledged but not stored."""
        kept = {
            item: (item, value) in stored.items()
            for item, value in self.sent.get(token, {}).items()
        }
        self.stored += sum(kept.values())
        self.lost += sum(not kept[item] for item in self.acknowledged.get(token, {}))

    def met(self) -> bool:
        """Nothing refused, failed or lost, and everything sent was stored."""
        return self.failed == 0 and self.lost == 0 and self.stored == self.saves


class NoResponseError(Exception):
    """A request that got no complete HTTP response: refused, reset or timed out."""


@dataclass(frozen=True)
class Response:
    status: int
    #: Header names in lower case; of a repeated header, the last.
    headers: dict[str, str]
    body: bytes


async def request(
    port: int,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> Response:
    """One HTTP/1.1 request on a connection of its own, closed once the response is in.

    The response is complete when its Content-Length is read, as a browser
    knows; without one, when the server closes the connection.
    """
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    head = "\r\n".join(lines).encode()

    async def exchange() -> Response:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(head + body)
            await writer.drain()
            status_line = await reader.readline()
            parts = status_line.split()
            if len(parts) < 2 or not parts[1].isdigit():
                raise NoResponseError("reset")  # closed before a complete response
            found: dict[str, str] = {}
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                found[name.strip().lower()] = value.strip()
            length = found.get("content-length")
            try:
                content = await (
                    reader.read() if length is None else reader.readexactly(int(length))
                )
            except asyncio.IncompleteReadError:
                raise NoResponseError("reset") from None
            return Response(int(parts[1]), found, content)
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


async def save(
    results: Results,
    token: str,
    item: str,
    value: int | None,
    sending: Awaitable[Response],
    saved: Callable[[Response], bool] = lambda response: response.status == 200,
) -> None:
    """Await one save and record its latency, or why it failed.

    ``sending`` is the request, not yet started; ``saved`` tells from its
    response whether the server acknowledged the save.
    """
    results.sent.setdefault(token, {})[item] = value
    start = time.perf_counter()
    try:
        response = await sending
    except NoResponseError as exc:
        results.failures[str(exc)] += 1
        return
    if not saved(response):
        results.failures[f"HTTP {response.status}"] += 1
        return
    results.latencies.append(time.perf_counter() - start)
    results.acknowledged.setdefault(token, {})[item] = value


async def pause(n: int, pace: float, rng: random.Random) -> None:
    """A person's pause before their ``n``-th answer (from 0): the first comes within
    ``pace`` seconds, the others about ``pace`` apart (1 to 3 s for 2); 0: none."""
    await asyncio.sleep(rng.uniform(0, pace) if n == 0 else rng.uniform(0.5 * pace, 1.5 * pace))


async def everyone(
    runs: list[Coroutine[Any, Any, None]], answers: int, pace: float, results: Results
) -> None:
    """Run every person at once, within a deadline; record how long they took."""
    deadline = answers * pace * 1.5 + 3 * REQUEST_TIMEOUT
    start = time.perf_counter()
    try:
        await asyncio.wait_for(asyncio.gather(*runs), deadline)
    except TimeoutError:
        results.failures["scenario deadline"] += 1
    results.seconds = time.perf_counter() - start


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
def running(
    name: str,
    port: int,
    serve_options: list[str],
    prepare: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """Start a server on a fresh SQLite data directory; stop it (Ctrl-C) afterwards.

    ``prepare`` gets the data directory first, to put a database in it.
    Yields the server's log.
    """
    with tempfile.TemporaryDirectory(prefix=f"twofold-bench-{name.replace(' ', '-')}-") as home:
        if prepare is not None:
            prepare(Path(home))
        env = {**os.environ, "TWOFOLD_HOME": home}
        env.pop("DATABASE_URL", None)
        log = Path(home) / "server.log"
        if name == OURS:
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


def on_both_servers(
    args: argparse.Namespace,
    scenarios: Callable[[int], tuple[Results, Results]],
    prepare: Callable[[Path], None] | None = None,
) -> tuple[dict[str, tuple[Results, Results]], dict[str, int]]:
    """Run ``scenarios`` on `twofold serve`, then on the peer; their results and tracebacks."""
    ports = (args.port, args.port + 1) if args.port else (free_port(), free_port())
    results, errors = {}, {}
    for name, port in zip((OURS, PEER), ports, strict=True):
        with running(name, port, args.serve_option, prepare) as log:
            results[name] = scenarios(port)
            errors[name] = server_errors(log)
    return results, errors


def arguments(description: str, people: str) -> argparse.ArgumentParser:
    """The options every load benchmark takes; ``people`` names who saves (people, raters)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(f"--{people}", type=int, default=200)
    parser.add_argument("--pace", type=float, default=2.0, help="mean seconds between answers")
    parser.add_argument("--port", type=int, default=0, help="first of two ports (default: free)")
    parser.add_argument(
        "--serve-option", action="append", default=[], help="passed to `twofold serve`"
    )
    return parser


def copy_database(source: Path) -> Callable[[Path], None]:
    """A ``prepare`` for :func:`running`: the data directory starts with a copy of the
    SQLite database ``source``, made with SQLite's backup API (whole, WAL included)."""

    def prepare(home: Path) -> None:
        copy = home / "twofold.sqlite3"
        with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(copy)) as to:
            original.backup(to)

    return prepare


@dataclass
class Row:
    label: str
    ours: float
    peer: float
    fmt: str = "{:.0f}"
    ratio: bool = False


def print_header(title: str, load: tuple[float, float, float]) -> None:
    """The run's title, the machine's load average before and now, and the table's columns."""
    print(title)
    print(f"Load average before the run: {load[0]:.1f}; after: {os.getloadavg()[0]:.1f}")
    print(f"  {'':<34}{OURS:>15}{PEER:>13}{'ratio':>9}")


def report(title: str, ours: Results, peer: Results) -> list[Row]:
    """One scenario's table: ours beside the peer, and the ratio (peer / ours) where it tells."""
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
    for name, results in ((OURS, ours), (PEER, peer)):
        if results.failures:
            kinds = ", ".join(f"{n} {kind}" for kind, n in results.failures.most_common())
            print(f"  {name} failures: {kinds}")
    return rows


def print_run(
    what: str,
    args: argparse.Namespace,
    load: tuple[float, float, float],
    results: dict[str, tuple[Results, Results]],
    errors: dict[str, int],
) -> bool:
    """Both scenarios of a run, each server beside the other, and the verdict; return it.

    ``what`` says what was saved by whom ("Saving answers through the API: 200
    people at once"); ``results`` holds each server's two scenarios.
    """
    ours, peer = results[OURS], results[PEER]
    command = " ".join([OURS, *args.serve_option])
    print_header(
        f"{what}, SQLite, {os.cpu_count()} cores; `{command}` beside "
        f"`twofold manage runserver` (ratio: {PEER} / {OURS})",
        load,
    )
    report(
        f"At a person's pace ({args.answers} answers each, ~{args.pace:g} s apart)",
        ours[0],
        peer[0],
    )
    report(f"Flat out ({args.burst_answers} answers each, no pause)", ours[1], peer[1])
    return print_verdict(ours, errors)


def print_verdict(ours: tuple[Results, Results], errors: dict[str, int]) -> bool:
    """Tracebacks in the logs, and whether `twofold serve` met the target; return that."""
    print(f"\nTracebacks in the server logs: {OURS} {errors[OURS]}, {PEER} {errors[PEER]}")
    pace, burst = ours
    met = pace.met() and burst.met() and pace.percentile_ms(99) < TARGET_P99_MS
    print(
        f"Target (no save refused or lost in either scenario, p99 under "
        f"{TARGET_P99_MS:.0f} ms at a person's pace): {'met' if met else 'NOT MET'}"
    )
    return met
