"""Fixtures for the core tests."""

from __future__ import annotations

import pytest
from tests.core.tiny import tiny_definition

from twofold.core.instrument import Instrument, parse_instrument


@pytest.fixture
def tiny() -> Instrument:
    return parse_instrument(tiny_definition())
