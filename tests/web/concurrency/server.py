"""A real `twofold serve` (gunicorn: two workers, four threads each) on the test's database.

Django's live server answers from threads of the test process, one database
connection each; production is gunicorn's forked workers, each with
connections of its own, so these tests start the real thing. The server gets
a data directory of its own and ``DATABASE_URL`` naming the test database (the
SQLite file pytest-django made, or PostgreSQL's ``test_…`` database), so the
rows a test commits (``transactional_db``) are what it serves, and what it
saves the test reads back through the ORM.

Readiness is the line `twofold serve` prints once gunicorn listens; every wait
is bounded, and none is an expectation of speed.
"""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

TWOFOLD = Path(sys.executable).with_name("twofold")
#: Seconds to wait for a start or a stop: a bound against a hung server, never a measure.
WAIT_SECONDS = 120


def database_url() -> str:
    """``DATABASE_URL`` for the test database this process is connected to."""
    from django.db import connection

    found = connection.settings_dict
    if found["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{found['NAME']}"
    user = quote(found["USER"] or "", safe="")
    password = quote(found["PASSWORD"] or "", safe="")
    login = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{found['PORT']}" if found["PORT"] else ""
    return f"postgres://{login}{found['HOST'] or 'localhost'}{port}/{quote(found['NAME'])}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """One `twofold serve` process group, started on the test database."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.log = home / f"server-{self.port}.log"
        env = {**os.environ, "TWOFOLD_HOME": str(home), "DATABASE_URL": database_url()}
        with self.log.open("wb") as stderr:
            # A session of its own: its workers are stopped or killed with it, by group.
            self.process = subprocess.Popen(
                [str(TWOFOLD), "serve", "--port", str(self.port)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=stderr,
                start_new_session=True,
            )
        try:
            self._wait_until_open()
        except BaseException:
            self.kill()
            raise

    def _wait_until_open(self) -> None:
        """Read what the server prints until "Open Twofold at", which follows the listen."""
        assert self.process.stdout is not None
        fd, printed = self.process.stdout.fileno(), b""
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"Open Twofold at" not in printed:
                assert selector.select(WAIT_SECONDS), f"the server went quiet: {self.errors()}"
                chunk = os.read(fd, 4096)
                assert chunk, f"the server stopped at start-up: {self.errors()}"
                printed += chunk

    def errors(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def tracebacks(self) -> int:
        """Tracebacks the server logged: a 500, a "database is locked", a crash."""
        return self.log.read_text(errors="replace").count("Traceback")

    def stop(self) -> None:
        """Stop as Ctrl-C does, and wait for it."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            self.process.wait(timeout=WAIT_SECONDS)
        self._close()

    def kill(self) -> None:
        """Kill the master and its workers at once (SIGKILL), as a crash would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=WAIT_SECONDS)
        self._close()

    def _close(self) -> None:
        if self.process.stdout is not None:
            self.process.stdout.close()


@contextmanager
def serving(home: Path) -> Iterator[Server]:
    """A server for the block; stopped afterwards, killed if it will not stop."""
    server = Server(home)
    try:
        yield server
    finally:
        try:
            server.stop()
        except subprocess.TimeoutExpired:
            server.kill()
