"""Fixtures of the nominations, invitations, emails and reminders tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings
from django_tasks import task_backends
from tests.web.campaigns.nominations.backend import RunNowOrLater
from tests.web.campaigns.nominations.world import World, build

SITE_URL = "https://twofold.example.org"


@pytest.fixture(autouse=True)
def tasks_backend() -> Iterator[RunNowOrLater]:
    """Tasks run as they are queued; those queued for later wait in ``backend.later``."""
    backend_path = f"{RunNowOrLater.__module__}.{RunNowOrLater.__qualname__}"
    with override_settings(
        TASKS={"default": {"BACKEND": backend_path}},
        SITE_URL=SITE_URL,
        # The sign-in page is another part's; the redirect to it needs only its address.
        LOGIN_URL="/accounts/login/",
    ):
        backend = task_backends["default"]
        assert isinstance(backend, RunNowOrLater)
        yield backend


@pytest.fixture
def world(db: None) -> World:
    return build()
