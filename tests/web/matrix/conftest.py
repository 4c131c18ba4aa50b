"""The matrix's world, built once per test module and rolled back after it.

Each matrix module makes hundreds of requests against the same world; building
it for each would take minutes. So the world is written inside a transaction
that stays open for the module (``django_db_blocker`` lets this module-scoped
fixture touch the database), each test then runs inside its own savepoint of
it (pytest-django's ``db``), which is rolled back after the test: whatever a
request changed is gone before the next test, and the whole world is gone
after the module. The clock stands still at :data:`~tests.web.matrix.world.NOW`
for the module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.db import transaction
from pytest_django import DjangoDbBlocker
from tests.web.matrix.world import NOW, World, build_world


@pytest.fixture(scope="module")
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, frozen_clock: None
) -> Iterator[World]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
