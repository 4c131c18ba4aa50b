"""twofold serve: its options, the port check, and one real start of the server."""

from __future__ import annotations

import glob
import http.client
import os
import selectors
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from twofold.cli.main import cli
from twofold.cli.serve import _address, _link_to, _prepare_worker, gunicorn_options
from twofold.web.settings import _database

TWOFOLD = Path(sys.executable).with_name("twofold")
LINE_WAIT_SECONDS = 120  # a bound against a hung start, never an expectation of speed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_it_refuses_a_port_that_is_taken_before_printing_an_address(runner: CliRunner) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"--port: 127.0.0.1:{port} is not free" in result.stderr
    assert "Open Twofold" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "--workers"),
        (["--threads", "many"], "--threads"),
        (["--port", "70000"], "--port"),
    ],
)
def test_it_refuses_bad_options(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["serve", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_it_serves_with_the_workers_and_threads_asked_for() -> None:
    options = gunicorn_options("0.0.0.0", 8123, workers=3, threads=6, reload=False)
    assert options["bind"] == ["0.0.0.0:8123"]
    assert (options["workers"], options["threads"]) == (3, 6)
    assert options["worker_class"] == "gthread"
    assert options["preload_app"] is True
    assert "reload" not in options


def test_it_binds_an_ipv6_address_in_brackets() -> None:
    options = gunicorn_options("::1", 8123, workers=1, threads=1, reload=False)
    assert options["bind"] == ["[::1]:8123"]


def test_it_prints_an_address_a_browser_opens() -> None:
    assert [_address(h) for h in ("127.0.0.1", "0.0.0.0", "::1", "::")] == ["localhost"] * 4
    assert _address("fd00::5") == "[fd00::5]"
    assert _address("twofold.lan") == "twofold.lan"


def test_emails_link_to_this_server_when_site_url_is_unset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # SITE_URL's default names port 8000; a server on another port must not send people there.
    monkeypatch.delenv("SITE_URL", raising=False)
    note = _link_to("http://localhost:8202")
    assert os.environ["SITE_URL"] == "http://localhost:8202"
    assert note is not None
    assert "http://localhost:8202" in note
    assert "SITE_URL" in note
    assert "twofold worker" in note


def test_emails_link_to_site_url_when_it_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://twofold.example.org")
    assert _link_to("http://localhost:8202") is None
    assert os.environ["SITE_URL"] == "https://twofold.example.org"


def test_it_queues_a_crowd_and_keeps_a_clicking_person_connected() -> None:
    # 200 people saving at once must wait in the kernel's queue, not be refused;
    # a person answers about every 2 s, so an idle connection must outlive that.
    options = gunicorn_options("127.0.0.1", 8123, workers=2, threads=4, reload=False)
    assert options["backlog"] >= 200
    assert options["keepalive"] > 2
    assert options["control_socket_disable"] is True  # two servers on one machine


def test_reload_watches_code_and_templates_and_loads_the_app_in_each_worker() -> None:
    options = gunicorn_options("127.0.0.1", 8123, workers=1, threads=1, reload=True)
    assert options["reload"] is True
    assert "preload_app" not in options  # a preloaded app would never be reloaded
    watched = {
        Path(f).name for p in options["reload_extra_files"] for f in glob.glob(p, recursive=True)
    }
    assert {"base.html", "respond.html", "app.css"} <= watched


def test_a_worker_leaves_ctrl_c_to_the_master_and_hands_over_the_gil_quickly() -> None:
    saved = signal.getsignal(signal.SIGINT), sys.getswitchinterval()
    try:
        _prepare_worker(None)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert sys.getswitchinterval() < 0.005  # Python's default, which stretched saves
    finally:
        signal.signal(signal.SIGINT, saved[0])
        sys.setswitchinterval(saved[1])


def test_the_server_keeps_sqlite_connections_and_waits_for_a_busy_database(
    tmp_path: Path,
) -> None:
    # Reopening the file and rerunning the PRAGMAs on every request, or giving up
    # on a write lock after Python's default 5 s, lost saves under load.
    config = _database("", tmp_path)
    assert config["CONN_MAX_AGE"] > 0
    assert config["OPTIONS"]["timeout"] > 5


def _environment(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "TWOFOLD_HOME": str(home), **extra}
    env.pop("DATABASE_URL", None)  # a fresh SQLite file, never a database of the caller's
    env.pop("SITE_URL", None)
    return env


def test_it_reports_a_bad_setting_without_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(TWOFOLD), "serve", "--port", str(free_port())],
        env=_environment(tmp_path, DEBUG="maybe"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "DEBUG must be one of true/false" in done.stderr
    assert "Traceback" not in done.stderr


def _refused(env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(TWOFOLD), "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr


def test_it_refuses_a_data_directory_it_cannot_use(tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-directory"
    a_file.write_text("")
    message = _refused(_environment(a_file))
    assert f"the data directory {a_file} cannot be used" in message
    assert "TWOFOLD_HOME" in message


def test_it_refuses_a_database_it_cannot_reach(tmp_path: Path) -> None:
    env = {**_environment(tmp_path), "DATABASE_URL": f"postgres://nobody@127.0.0.1:{free_port()}/x"}
    message = _refused(env)
    assert "cannot use the database" in message
    assert "DATABASE_URL" in message


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int, list[str], Path]]:
    """``twofold serve --demo`` on a free port, in a process group of its own like a terminal's."""
    port, log = free_port(), tmp_path / "stderr.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(TWOFOLD), "serve", "--demo", "--port", str(port)],
            env=_environment(tmp_path / "home"),
            stdout=subprocess.PIPE,
            stderr=stderr,
            start_new_session=True,
        )
    try:
        yield process, port, _lines_until_open(process), log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _lines_until_open(process: subprocess.Popen[bytes]) -> list[str]:
    """What the server prints up to "Open Twofold at", which it prints once it listens."""
    assert process.stdout is not None
    fd, printed = process.stdout.fileno(), b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while b"Open Twofold at" not in printed:
            assert selector.select(LINE_WAIT_SECONDS), f"the server went quiet: {printed!r}"
            chunk = os.read(fd, 4096)
            assert chunk, f"the server stopped after printing {printed!r}"
            printed += chunk
    return [line.strip() for line in printed.decode().splitlines() if line.strip()]


def _get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=LINE_WAIT_SECONDS)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def test_it_serves_the_home_page_and_the_demo_reports_then_stops_on_ctrl_c(
    server: tuple[subprocess.Popen[bytes], int, list[str], Path],
) -> None:
    process, port, lines, log = server
    assert lines[0].startswith("Twofold data directory: ")
    assert lines[1].startswith(f"Emails will link to http://localhost:{port}; if people open")
    assert lines[-1] == f"Open Twofold at http://localhost:{port}/  (Ctrl-C to stop)"
    own = [line for line in lines if line.startswith(f"http://localhost:{port}/report/")]
    assert len(own) == 3
    assert _get(port, "/") == 200
    assert _get(port, own[0].removeprefix(f"http://localhost:{port}")) == 200
    # The demo organisation: a sign-in, 360 reports behind it, and raters' own links.
    assert any("password" in line for line in lines)
    reports = [line.split(": ")[-1] for line in lines if "360" in line and "/report/" in line]
    # The report that leaves a group out says so, and which.
    marked = [line for line in lines if "withheld" in line]
    assert [line.split(": http")[0] for line in marked] == [
        "360 report of Sofia Lindqvist (peers withheld: too few answered)"
    ]
    raters = [line.split(": ")[-1] for line in lines if "rater" in line and "/rate/" in line]
    assert len(reports) >= 2
    assert len(raters) >= 2
    assert _get(port, reports[0].removeprefix(f"http://localhost:{port}")) == 302  # sign in
    assert _get(port, raters[0].removeprefix(f"http://localhost:{port}")) == 200

    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    assert process.wait(timeout=LINE_WAIT_SECONDS) == 0
    assert "Traceback" not in log.read_text()
    assert "SIGKILL" not in log.read_text()
