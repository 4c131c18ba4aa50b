"""Demo assessments: three fictional people who show three different profiles.

Their answers are simulated, deterministically, from a target leadership and
management level per person plus a little per-practice and per-item variation,
so every installation shows the same three demo reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db import transaction

from twofold.content import builtin_instrument
from twofold.web.assessments.models import Assessment
from twofold.web.assessments.services import DEFAULT_INSTRUMENT, start_self_assessment


@dataclass(frozen=True)
class Persona:
    name: str
    region: str
    leadership: float
    management: float
    seed: int


PERSONAS = (
    Persona("Demo — Sam Okafor", "integrator", leadership=4.25, management=4.15, seed=101),
    Persona("Demo — Lena Fischer", "visionary", leadership=4.2, management=2.75, seed=202),
    Persona("Demo — Ravi Menon", "steward", leadership=2.7, management=4.3, seed=303),
)


def simulated_answers(persona: Persona, instrument_id: str = DEFAULT_INSTRUMENT) -> dict[str, int]:
    """Answers a person with the persona's levels might give, the same on every run."""
    instrument = builtin_instrument(instrument_id)
    rng = np.random.default_rng(persona.seed)
    scale = instrument.response_scale
    answers: dict[str, int] = {}
    for practice in instrument.scales:
        level = persona.leadership if practice.capability == "leadership" else persona.management
        practice_level = level + rng.normal(0.0, 0.3)
        for item in practice.items:
            value = practice_level + rng.normal(0.0, 0.45)
            if item.key == -1:
                value = scale.min + scale.max - value
            answers[item.id] = int(np.clip(np.rint(value), scale.min, scale.max))
    return answers


@transaction.atomic
def seed_demo(instrument_id: str = DEFAULT_INSTRUMENT) -> list[tuple[Assessment, bool]]:
    """Create the completed demo assessments that do not exist yet.

    Returns each persona's assessment and whether it was created by this call.
    Running it again changes nothing.
    """
    instrument = builtin_instrument(instrument_id)
    result: list[tuple[Assessment, bool]] = []
    for persona in PERSONAS:
        existing = Assessment.objects.filter(
            is_demo=True,
            subject_name=persona.name,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            completed_at__isnull=False,
        ).first()
        if existing is not None:
            result.append((existing, False))
            continue
        response_set = start_self_assessment(persona.name, instrument.id, is_demo=True)
        response_set.record(instrument, simulated_answers(persona, instrument.id))
        response_set.submit(instrument)
        response_set.assessment.refresh_from_db()
        result.append((response_set.assessment, True))
    return result
