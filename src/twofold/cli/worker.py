"""``twofold worker``: send the emails and run the other background tasks the server queues.

The web server never waits for a mail server: invitations, reminders and
other background work are written to a queue in the database
(django-tasks with its database backend), and this command takes them from
there and runs them. Run it beside ``twofold serve``, with the same
environment, so that it uses the same database; several workers may run at
once, each task being claimed by one of them. A task queued for later (a
reminder on its day) waits in the queue until then.
"""

from __future__ import annotations

import os

import click

from twofold.cli.database import open_database


@click.command()
@click.option(
    "--batch",
    is_flag=True,
    help="Run the tasks that are due now, then exit (from cron, or to send what is queued).",
)
@click.option(
    "--interval",
    default=5.0,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="Seconds to wait before looking again when no task is due.",
)
@click.option(
    "--max-tasks",
    type=click.IntRange(1),
    default=None,
    help="Exit after running this many tasks (a supervisor then starts a fresh worker).",
)
def worker(batch: bool, interval: float, max_tasks: int | None) -> None:
    """Run background tasks: send invitations and reminders by email.

    Brings the database up to date first, like every command that uses it.
    Links in the emails start with SITE_URL: set it to the address people
    open Twofold at. Ctrl-C (or SIGTERM) lets the task in hand finish, then stops.
    """
    open_database()
    from django.conf import settings
    from django.core.management import call_command

    if not os.environ.get("SITE_URL", ""):
        # Unlike `twofold serve`, the worker cannot know the server's address.
        click.echo(
            f"Emails will link to {settings.SITE_URL} (the default); to change it, set "
            "SITE_URL to the address people open Twofold at"
        )

    call_command(
        "db_worker",
        batch=batch,
        interval=interval,
        max_tasks=max_tasks,
        reload=False,
        startup_delay=not batch,
        verbosity=1,
    )
