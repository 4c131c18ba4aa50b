"""``twofold serve`` and ``twofold manage``: run the web application."""

from __future__ import annotations

import os
import socket

import click

from twofold.cli.errors import InputError

SETTINGS = "twofold.web.settings"


def setup_django() -> None:
    """Configure Django for commands that need the web shell, and only for those."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


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


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--demo/--no-demo",
    default=False,
    help="Add demo people and reports, so there is something to look at at once.",
)
def serve(host: str, port: int, demo: bool) -> None:
    """Bring the database up to date and start Twofold's web server.

    This server is meant for one machine and a small team; behind a reverse
    proxy use a WSGI server such as gunicorn with twofold.web.wsgi.
    """
    _check_free(host, port)
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    base = f"http://{'localhost' if host in {'127.0.0.1', '0.0.0.0'} else host}:{port}"
    click.echo(f"Twofold data directory: {settings.TWOFOLD_HOME}")
    if demo:
        from twofold.web.assessments.services import demo_report_paths

        call_command("seed_demo", verbosity=0)
        click.echo("Demo reports:")
        for path in demo_report_paths():
            click.echo(f"  {base}{path}")
    click.secho(f"\nOpen Twofold at {base}/  (Ctrl-C to stop)\n", bold=True)
    call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)


@click.command(
    context_settings={"ignore_unknown_options": True, "help_option_names": []},
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (createsuperuser, migrate, …)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["twofold manage", *args])
