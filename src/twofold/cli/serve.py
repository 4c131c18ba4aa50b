"""``twofold serve`` and ``twofold manage``: run the web application.

``twofold serve`` is the one way Twofold is served, for a demo on a laptop and
in production alike: it brings the database up to date, then hands the socket
to gunicorn's master process, which forks worker processes that each answer
requests on a few threads. gunicorn is imported only here, when serving, so the
other commands start without it.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from twofold.cli.database import migrate, setup_django
from twofold.cli.errors import InputError

# Defaults for a machine with two cores. A Twofold request is short and mostly
# Python (the GIL lets one process use one core), so one worker per core uses
# the machine; the threads overlap the waits inside a request (the database,
# a slow client) and let one worker hold a few requests while another waits
# for SQLite's single write lock. docs/deployment.md explains how to size them.
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4

# Seconds an idle client connection is kept open for its next request: longer
# than the pause between two answers (about two seconds), so a person clicking
# through a page reuses one connection instead of racing its close.
KEEPALIVE_SECONDS = 5

# How long a worker thread runs Python before it must offer the GIL to another.
GIL_SWITCH_SECONDS = 0.001


def _check_free(host: str, port: int) -> None:
    """Refuse a port that is taken before printing an address nobody will answer at."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(
                f"--port: {host}:{port} is not free ({exc.strerror}); "
                "choose another with --port (make run PORT=8001)"
            ) from None


def _link_to(base: str) -> str | None:
    """Make links in this process's emails lead to this server when SITE_URL is not set.

    ``SITE_URL`` (the address people open Twofold at) starts every link in an
    email; its default, port 8000, is wrong for a server on any other port.
    When it is unset, this process (and the workers it forks) takes its own
    address instead. Returns the line that says so, or None when SITE_URL is
    set. Call it before Django reads its settings.
    """
    if os.environ.get("SITE_URL", ""):
        return None
    os.environ["SITE_URL"] = base
    return (
        f"Emails will link to {base}; if people open Twofold elsewhere, "
        "set SITE_URL (for `twofold worker` too)"
    )


def _address(host: str) -> str:
    """The host as a browser wants it in an address: a name, or an IPv6 address in brackets."""
    if host in {"127.0.0.1", "0.0.0.0", "::1", "::"}:
        return "localhost"
    return f"[{host}]" if ":" in host else host


def gunicorn_options(
    host: str, port: int, workers: int, threads: int, reload: bool
) -> dict[str, Any]:
    """gunicorn's settings for ``twofold serve``; every one is explained beside it.

    Kept apart from :func:`serve` so the tests can read what a production start
    would use without starting a server.
    """
    options: dict[str, Any] = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",  # threads, and idle keep-alive clients cost no thread
        "backlog": 2048,  # connections the kernel queues while every thread is busy
        "keepalive": KEEPALIVE_SECONDS,
        "timeout": 60,  # a worker silent this long is stuck: restart it
        "graceful_timeout": 10,  # on stop, time for requests in flight to finish
        "proc_name": "twofold",
        "loglevel": "warning",  # start-up chatter stays quiet; problems still show
        # The control socket is shared by path between every gunicorn of the same
        # user; two Twofold servers on one machine would fight over it.
        "control_socket_disable": True,
    }
    if reload:
        web = Path(__file__).resolve().parent.parent / "web"
        # Code, templates and stylesheets: a changed file restarts the workers,
        # which load the application afresh (so the master must not preload it).
        options["reload"] = True
        options["reload_extra_files"] = [
            str(web / "**" / "templates" / "**" / "*.html"),
            str(web / "**" / "static" / "**" / "*.*"),
        ]
    else:
        # Load the application once in the master; the forked workers share its
        # memory and start at once.
        options["preload_app"] = True
    return options


def _prepare_worker(_worker: Any) -> None:
    """Tune a worker process once it has started, before it answers anything.

    - Ctrl-C: the terminal sends it to every process at once, and the master
      stops the workers itself. A worker that also acts on the terminal's signal
      gets the master's on top of it, can be caught half-way through exiting,
      and then hangs until the master kills it; so workers ignore it.
    - Python hands the GIL from a busy thread to a waiting one every 5 ms by
      default. A request that has just been answered by SQLite or the socket
      then waits up to that long, many times per request, while another thread
      of the worker computes; 1 ms cut the tail of concurrent saves several
      times over (docs/decisions/0011-serving-with-gunicorn.md).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.setswitchinterval(GIL_SWITCH_SECONDS)


def _stop_at_once(_worker: Any) -> None:
    """End a worker told to stop now (Ctrl-C reaches it as the master's SIGQUIT).

    A quick stop drops the requests in flight anyway; ending the process here
    skips unwinding Python from inside a signal handler with threads mid-request,
    which now and then hung until the master killed the worker. A save whose
    transaction had not committed is rolled back by the database.
    """
    os._exit(0)


def _run_gunicorn(options: dict[str, Any], on_ready: Callable[[Any], None]) -> None:
    """Serve ``twofold.web.wsgi`` with gunicorn until it is stopped (Ctrl-C, SIGTERM)."""
    from gunicorn.app.base import BaseApplication

    class TwofoldServer(BaseApplication):  # type: ignore[misc]  # gunicorn has no type hints
        """gunicorn configured from Python, not from a file or the command line."""

        def load_config(self) -> None:
            hooks = {
                "when_ready": on_ready,
                "post_worker_init": _prepare_worker,
                "worker_int": _stop_at_once,
            }
            for name, value in {**options, **hooks}.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            from twofold.web.wsgi import application

            return application

    TwofoldServer().run()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=DEFAULT_WORKERS,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes: one per CPU core.",
)
@click.option(
    "--threads",
    default=DEFAULT_THREADS,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Requests each worker answers at once.",
)
@click.option(
    "--reload",
    is_flag=True,
    help="Restart the workers when a source file or template changes (for development).",
)
@click.option(
    "--demo/--no-demo",
    default=False,
    help="Add demo people and reports, so there is something to look at at once.",
)
def serve(host: str, port: int, workers: int, threads: int, reload: bool, demo: bool) -> None:
    """Bring the database up to date and start Twofold's web server.

    The server is gunicorn, fit for production: run it behind a reverse proxy
    that adds HTTPS (docs/deployment.md). Links in emails start with SITE_URL,
    or with this server's own address when it is unset. Ctrl-C stops it.
    """
    _check_free(host, port)
    base = f"http://{_address(host)}:{port}"
    link_note = _link_to(base)
    setup_django()
    from django.conf import settings
    from django.db import connections

    migrate()
    click.echo(f"Twofold data directory: {settings.TWOFOLD_HOME}")
    if link_note:
        click.echo(link_note)
    if demo:
        _seed_demo(base)
    # The workers are forked from this process: none may inherit its connection.
    connections.close_all()

    def on_ready(_arbiter: Any) -> None:
        """Print the address once gunicorn listens on it, so it answers at once."""
        click.secho(f"\nOpen Twofold at {base}/  (Ctrl-C to stop)\n", bold=True)

    _run_gunicorn(gunicorn_options(host, port, workers, threads, reload), on_ready)


def _seed_demo(base: str) -> None:
    """Add the demo data if it is missing, and print where to look and how to sign in."""
    from django.core.management import call_command

    from twofold.web.assessments.services import demo_report_paths
    from twofold.web.demo.seed import seed_demo_organisation

    call_command("seed_demo", verbosity=0)
    click.echo("Demo self-assessment reports (open them as they are):")
    for path in demo_report_paths():
        click.echo(f"  {base}{path}")
    links = seed_demo_organisation()
    click.echo(
        f"Demo organisation: sign in at {base}/accounts/login/ as the administrator\n"
        f"  email {links.admin_email}, password {links.admin_password} (new at every start)"
    )
    click.echo("Demo 360 reports (sign in as the administrator first):")
    for name, path in links.reports:
        groups = links.withheld.get(name)
        note = f" ({' and '.join(groups)} withheld: too few answered)" if groups else ""
        click.echo(f"  360 report of {name}{note}: {base}{path}")
    click.echo("Demo raters who have not answered yet (no sign-in; each link is one rater's):")
    for rater, about, path in links.raters:
        click.echo(f"  rater link of {rater}, about {about}: {base}{path}")


@click.command(
    context_settings={"ignore_unknown_options": True, "help_option_names": []},
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (createsuperuser, migrate, …)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["twofold manage", *args])
