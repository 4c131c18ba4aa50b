"""What the views, the API, the commands and the CLI do with assessments.

Thin functions over the models and the core; none of them knows about HTTP.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from twofold.content import builtin_instrument
from twofold.core.answers import answer_matrix
from twofold.core.errors import InstrumentError
from twofold.core.instrument import Instrument
from twofold.core.scoring import Scores, score
from twofold.reports.build import build_report
from twofold.reports.model import Report
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet

DEFAULT_INSTRUMENT = "tlmi"


def instrument_for(record: Assessment | ResponseSet) -> Instrument:
    """The instrument a stored record answered, checked against its recorded version.

    Raises
    ------
    InstrumentError
        If the instrument is unknown or its version is not the one recorded.
    """
    instrument = builtin_instrument(record.instrument_id)
    if instrument.version != record.instrument_version:
        raise InstrumentError(
            [
                f"answers were given to {record.instrument_ref}, "
                f"but this installation has {instrument.ref}"
            ],
            record.instrument_id,
        )
    return instrument


@transaction.atomic
def start_self_assessment(
    subject_name: str = "", instrument_id: str = DEFAULT_INSTRUMENT, *, is_demo: bool = False
) -> ResponseSet:
    """Create an assessment and its self response set; return the response set.

    Raises
    ------
    InstrumentError
        If ``instrument_id`` is not a built-in instrument.
    """
    instrument = builtin_instrument(instrument_id)
    assessment = Assessment.objects.create(
        subject_name=subject_name.strip(),
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        is_demo=is_demo,
    )
    return ResponseSet.objects.create(
        assessment=assessment,
        rater_role=RaterRole.SELF,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
    )


def scores_for(response_set: ResponseSet, instrument: Instrument | None = None) -> Scores:
    """Scores computed from the stored answers (never stored themselves)."""
    instrument = instrument or instrument_for(response_set)
    return score(instrument, answer_matrix(instrument, [response_set.answers]))


def report_for(assessment: Assessment) -> Report:
    """The self report of a completed assessment."""
    response_set = assessment.self_response_set()
    instrument = instrument_for(response_set)
    return build_report(instrument, scores_for(response_set, instrument), 0)


def demo_assessments() -> QuerySet[Assessment]:
    """Completed demo assessments: the only ones Twofold ever lists."""
    return Assessment.objects.filter(is_demo=True, completed_at__isnull=False).order_by(
        "subject_name"
    )


def demo_regions() -> list[tuple[Assessment, str]]:
    """Each demo assessment with the name of its profile region, for the home page."""
    result = []
    for assessment in demo_assessments():
        profile = report_for(assessment).profile
        result.append((assessment, profile.region_name if profile else ""))
    return result


def demo_report_paths() -> list[str]:
    """Paths (relative to the site root) of the demo reports, e.g. ``/report/…/``."""
    return [reverse("reports:report", args=[a.report_token]) for a in demo_assessments()]
