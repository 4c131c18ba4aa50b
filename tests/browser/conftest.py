"""Fixtures of the browser tests: quick password hashing for the accounts they sign in with."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Settings) -> None:
    # A real hasher takes most of a second per password on this machine; the
    # tests sign in through the real page, but how the password is hashed is
    # the accounts tests' business.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
