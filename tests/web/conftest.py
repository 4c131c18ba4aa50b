"""Fixtures for the web tests: an instrument, a started and a completed self-assessment,
and a campaign participant's own questionnaire."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from twofold.content import builtin_instrument
from twofold.core.instrument import Instrument
from twofold.web.assessments.models import Assessment, ResponseSet
from twofold.web.assessments.services import start_self_assessment


@pytest.fixture
def tlmi() -> Instrument:
    return builtin_instrument("tlmi")


@pytest.fixture
def response_set(db: None) -> ResponseSet:
    """A self-assessment just started: no answers yet."""
    return start_self_assessment("Alice Example")


@pytest.fixture
def completed(db: None, tlmi: Instrument) -> Assessment:
    """A submitted self-assessment whose every answer is 4 ("Often")."""
    started = start_self_assessment("Bob Example")
    started.record(tlmi, dict.fromkeys(tlmi.item_ids, 4))
    started.submit(tlmi)
    started.assessment.refresh_from_db()
    return started.assessment


@pytest.fixture
def campaign_self(db: None) -> ResponseSet:
    """A campaign participant's own questionnaire: answering ends in a week."""
    started = start_self_assessment("Casey Participant")
    Assessment.objects.filter(pk=started.assessment_id).update(
        answers_until=timezone.now() + timedelta(days=7)
    )
    started.refresh_from_db()
    return started
