"""Fixtures of the rater's link: a peer invited to rate a participant of an open campaign."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from tests.web.rating.raters import invite_rater

from twofold.content import builtin_instrument
from twofold.core.instrument import Instrument
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation


@pytest.fixture
def tlmi() -> Instrument:
    return builtin_instrument("tlmi")


@pytest.fixture
def invitation(db: None) -> Invitation:
    return invite_rater()


@pytest.fixture
def rater_set(invitation: Invitation) -> ResponseSet:
    response_set = invitation.response_set
    assert response_set is not None
    return response_set


@contextmanager
def after_the_deadline(invitation: Invitation) -> Iterator[None]:
    """The clock a day past the campaign's deadline, for the block."""
    deadline = invitation.participant.campaign.deadline
    with time_machine.travel(deadline + timedelta(days=1), tick=False):
        yield
