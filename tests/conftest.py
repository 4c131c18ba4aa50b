"""Fixtures shared by every test: a private data directory and a headless Chromium.

pytest-django imports the settings before this file runs, so ``TWOFOLD_HOME`` set
here reaches subprocesses and code that reads the environment later; the session
fixture below also points the already-loaded settings at the same directory.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# A loaded 2-core machine can take longer than hypothesis' default 200 ms for one
# example; the tests assert behaviour, never speed.
settings.register_profile("twofold", deadline=None)
settings.load_profile("twofold")

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# browser tests make beside it are safe, but Django cannot know that.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_HOME = Path(tempfile.mkdtemp(prefix="twofold-tests-"))
os.environ["TWOFOLD_HOME"] = str(_HOME)

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session", autouse=True)
def twofold_home() -> Iterator[Path]:
    """A data directory for the whole test session (removed by ``pytest_unconfigure``)."""
    from django.conf import settings

    saved = settings.TWOFOLD_HOME, settings.STATIC_ROOT
    settings.TWOFOLD_HOME, settings.STATIC_ROOT = _HOME, _HOME / "static"
    (_HOME / "static").mkdir(exist_ok=True)
    yield _HOME
    settings.TWOFOLD_HOME, settings.STATIC_ROOT = saved


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Test SQLite in a file, as in production, instead of Django's shared in-memory database.

    The live server answers each request in its own thread. With a shared
    in-memory database all threads share one connection and its table locks, so
    two htmx saves at once fail with "database table is locked"; a file gives each
    thread its own connection, WAL mode and a busy timeout, as in production.
    """
    from django.conf import settings

    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        default.setdefault("TEST", {})["NAME"] = str(_HOME / f"test-{worker}.sqlite3")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, not a browser downloaded by ``playwright install``."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip browser tests without Chromium, unless TWOFOLD_REQUIRE_BROWSER=1 demands them."""
    if item.get_closest_marker("browser") is None or CHROMIUM.exists():
        return
    reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("TWOFOLD_REQUIRE_BROWSER") == "1":
        pytest.fail(f"TWOFOLD_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's data directory, even when no test ran."""
    shutil.rmtree(_HOME, ignore_errors=True)


def pytest_collectstart(collector: pytest.Collector) -> None:
    """Drop import hooks that lack ``find_spec`` before pytest imports the next module.

    pygal (behind the report charts) appends a legacy ``sys.meta_path`` hook for its
    map plugins, which Twofold does not use. Python's import system skips such a
    hook, but pytest's import of doctest modules calls ``find_spec`` on every one.
    """
    sys.meta_path[:] = [finder for finder in sys.meta_path if hasattr(finder, "find_spec")]
