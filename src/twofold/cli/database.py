"""Commands that use the database: configure Django, and bring the database up to date.

Every command that needs the database calls :func:`open_database`, so a fresh
data folder (or a new PostgreSQL database) is created and migrated by whichever
command a user happens to run first.
"""

from __future__ import annotations

import os

from twofold.cli.errors import InputError

SETTINGS = "twofold.web.settings"


def setup_django() -> None:
    """Configure Django for commands that need the web shell, and only for those."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise InputError(str(exc)) from None
    except OSError as exc:  # the data directory cannot be made or written
        where = exc.filename or os.environ.get("TWOFOLD_HOME", "")
        raise InputError(
            f"the data directory {where} cannot be used ({exc.strerror}); set TWOFOLD_HOME "
            "to a directory you can write to"
        ) from None


def migrate() -> None:
    """Bring the database up to date; a database that cannot be reached is the user's to fix."""
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(
            f"cannot use the database ({first}); check DATABASE_URL, or unset it to use "
            "SQLite in the data directory"
        ) from None


def open_database() -> None:
    """Configure Django and migrate the database, for a command that reads or writes it."""
    setup_django()
    migrate()
