"""API routes: thin wrappers over the services and models.

Every route declares its 4xx responses, all with the :class:`ErrorOut` shape;
every route that reads a body also declares 413 (see
:class:`~twofold.web.api.errors.ApiErrorShapeMiddleware`).
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Status
from ninja.errors import AuthenticationError

from twofold.content import builtin_ids, builtin_instrument
from twofold.core.answers import InvalidAnswersError
from twofold.core.errors import InstrumentError
from twofold.core.instrument import Instrument
from twofold.web.api.auth import SIGNED_IN
from twofold.web.api.errors import (
    BAD_REQUEST,
    CONFLICT,
    LENGTH_REQUIRED,
    NOT_FOUND,
    TOO_LARGE,
    UNAUTHORIZED,
    UNPROCESSABLE,
    ApiError,
)
from twofold.web.api.report_body import report_out
from twofold.web.api.schemas import (
    AnswersIn,
    AssessmentCreated,
    AssessmentIn,
    BodyIn,
    ErrorOut,
    InstrumentSummary,
    ReportOut,
    ResponsesOut,
    SubmitOut,
)
from twofold.web.assessments import services
from twofold.web.assessments.models import (
    AlreadySubmittedError,
    Assessment,
    RaterRole,
    ResponseSet,
)
from twofold.web.campaigns.results import latest_release
from twofold.web.reports.services import campaign_report, may_read, participant_of, record_view

router = Router()

#: What a respond or report token can look like (see ``models.new_token``).
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")

#: The body each route takes, by URL name (the route function's name).
BODIES: dict[str, type[BodyIn]] = {"create_assessment": AssessmentIn, "put_answers": AnswersIn}


def _summary(instrument: Instrument) -> InstrumentSummary:
    return InstrumentSummary(
        id=instrument.id,
        version=instrument.version,
        ref=instrument.ref,
        name=instrument.name,
        language=instrument.language,
        description=instrument.description,
        items=len(instrument.item_ids),
        scales=len(instrument.scales),
    )


def _url(request: HttpRequest, name: str, token: str) -> str:
    return request.build_absolute_uri(reverse(name, args=[token]))


def _could_be_token(value: str) -> bool:
    """Tokens are URL-safe base64: a value of another shape is not one, and is not
    looked up (PostgreSQL refuses a NUL character in a query with an error)."""
    return TOKEN_SHAPE.fullmatch(value) is not None


def _response_set(token: str) -> ResponseSet:
    """The response set of a respond token, never a campaign rater's.

    A rater answers only through their invitation's link, and a rater's set
    is never reachable by its own token, here or anywhere, even by someone
    who learnt it: what a rater answered is read by nobody, one by one.
    """
    raters = Q(assessment__participant__isnull=False) & ~Q(rater_role=RaterRole.SELF)
    found = (
        ResponseSet.objects.select_related("assessment")
        .exclude(raters)
        .filter(respond_token=token)
        .first()
        if _could_be_token(token)
        else None
    )
    if found is None:
        raise ApiError(NOT_FOUND, "No response set has this token.")
    return found


@router.get("/instruments", response=list[InstrumentSummary], tags=["instruments"])
def list_instruments(request: HttpRequest) -> list[InstrumentSummary]:
    """The built-in instruments."""
    return [_summary(builtin_instrument(i)) for i in builtin_ids()]


@router.get(
    "/instruments/{instrument_id}",
    response={200: Instrument, NOT_FOUND: ErrorOut},
    by_alias=True,
    tags=["instruments"],
)
def get_instrument(request: HttpRequest, instrument_id: str) -> Instrument:
    """One instrument in full: scales, items (self and observer wording), composites."""
    if instrument_id not in builtin_ids():
        raise ApiError(NOT_FOUND, f"No instrument '{instrument_id}'.", builtin_ids())
    return builtin_instrument(instrument_id)


@router.post(
    "/assessments",
    response={
        201: AssessmentCreated,
        BAD_REQUEST: ErrorOut,
        LENGTH_REQUIRED: ErrorOut,
        TOO_LARGE: ErrorOut,
        UNPROCESSABLE: ErrorOut,
    },
    tags=["assessments"],
)
def create_assessment(request: HttpRequest, payload: AssessmentIn) -> Status[AssessmentCreated]:
    """Start a self-assessment. Keep both links: they are the only way back to it."""
    try:
        response_set = services.start_self_assessment(payload.subject_name, payload.instrument)
    except InstrumentError as exc:
        raise ApiError(UNPROCESSABLE, "Unknown instrument.", exc.shown()) from None
    assessment = response_set.assessment
    return Status(
        201,
        AssessmentCreated(
            instrument=assessment.instrument_ref,
            respond_token=response_set.respond_token,
            respond_url=_url(request, "assessments:respond", response_set.respond_token),
            responses_api_url=_url(request, "api:get_responses", response_set.respond_token),
            report_token=assessment.report_token,
            report_url=_url(request, "reports:report", assessment.report_token),
            report_api_url=_url(request, "api:get_report", assessment.report_token),
        ),
    )


def _responses(response_set: ResponseSet) -> ResponsesOut:
    instrument = services.instrument_for(response_set)
    missing = response_set.missing(instrument)
    return ResponsesOut(
        instrument=response_set.instrument_ref,
        role=response_set.rater_role,
        answers=response_set.answers,
        answered=len(instrument.item_ids) - len(missing),
        total=len(instrument.item_ids),
        missing=missing,
        started_at=response_set.started_at,
        updated_at=response_set.updated_at,
        submitted_at=response_set.submitted_at,
    )


@router.get(
    "/responses/{respond_token}",
    response={200: ResponsesOut, NOT_FOUND: ErrorOut},
    tags=["responses"],
)
def get_responses(request: HttpRequest, respond_token: str) -> ResponsesOut:
    """The answers given so far."""
    return _responses(_response_set(respond_token))


@router.put(
    "/responses/{respond_token}/answers",
    response={
        200: ResponsesOut,
        BAD_REQUEST: ErrorOut,
        NOT_FOUND: ErrorOut,
        CONFLICT: ErrorOut,
        LENGTH_REQUIRED: ErrorOut,
        TOO_LARGE: ErrorOut,
        UNPROCESSABLE: ErrorOut,
    },
    tags=["responses"],
)
def put_answers(request: HttpRequest, respond_token: str, payload: AnswersIn) -> ResponsesOut:
    """Save some or all answers, merged into those saved before. Every item id must exist
    and every value be on the scale (null, "Not observed", is for observers only); if one
    is wrong, nothing is saved."""
    response_set = _response_set(respond_token)
    try:
        response_set.record(services.instrument_for(response_set), payload.answers)
    except InvalidAnswersError as exc:
        raise ApiError(
            UNPROCESSABLE, "Some answers are not valid; none was saved.", exc.shown()
        ) from None
    except AlreadySubmittedError:
        raise ApiError(CONFLICT, "These answers were submitted and can no longer change.") from None
    return _responses(response_set)


@router.post(
    "/responses/{respond_token}/submit",
    response={
        200: SubmitOut,
        NOT_FOUND: ErrorOut,
        CONFLICT: ErrorOut,
        LENGTH_REQUIRED: ErrorOut,
        TOO_LARGE: ErrorOut,
    },
    tags=["responses"],
)
def submit(request: HttpRequest, respond_token: str) -> SubmitOut:
    """Finish: every item must be answered. Submitting again changes nothing."""
    response_set = _response_set(respond_token)
    missing = response_set.submit(services.instrument_for(response_set))
    if missing:
        count = "1 item has" if len(missing) == 1 else f"{len(missing)} items have"
        raise ApiError(CONFLICT, f"{count} no answer yet.", missing)
    submitted_at = response_set.submitted_at
    if submitted_at is None:  # submit() sets it whenever nothing is missing
        raise ApiError(CONFLICT, "The answers could not be submitted.")
    token = response_set.assessment.report_token
    return SubmitOut(
        submitted_at=submitted_at,
        report_url=_url(request, "reports:report", token),
        report_api_url=_url(request, "api:get_report", token),
    )


def _signed_in(request: HttpRequest) -> Any:
    """The account calling, by session or personal API token; None if neither.

    The report route cannot take ``auth=SIGNED_IN``: a self-assessment's report
    is read by its token alone. A 360 report asks here, with the same classes.
    """
    for method in SIGNED_IN:
        user = method(request)
        if user:
            return user
    return None


@router.get(
    "/reports/{report_token}",
    response={200: ReportOut, UNAUTHORIZED: ErrorOut, NOT_FOUND: ErrorOut, CONFLICT: ErrorOut},
    tags=["reports"],
)
def get_report(request: HttpRequest, report_token: str) -> ReportOut:
    """A report: scores, the profile and the rater groups; for a 360 also the self–other
    gaps, rater agreement, categories and comments. A self-assessment's report is read by
    its token alone; a 360 report needs a session or a personal API token of someone
    allowed to read it (else 404), and is there only once released (else 409)."""
    assessment = (
        Assessment.objects.filter(report_token=report_token).first()
        if _could_be_token(report_token)
        else None
    )
    if assessment is None:
        raise ApiError(NOT_FOUND, "No report has this token.")
    participant = participant_of(assessment)
    if participant is None:
        if assessment.completed_at is None:
            raise ApiError(CONFLICT, "The answers have not been submitted yet.")
        instrument = services.instrument_for(assessment)
        return report_out(assessment, instrument, services.report_for(assessment), None)
    user = _signed_in(request)
    if user is None:
        raise AuthenticationError()
    if not may_read(user, participant):
        raise ApiError(NOT_FOUND, "No report has this token.")
    release = latest_release(participant)
    if release is None:
        raise ApiError(CONFLICT, "This report has not been released yet.")
    report = campaign_report(participant, release)
    record_view(user, participant, release, "API")
    return report_out(assessment, services.instrument_for(assessment), report, release)
