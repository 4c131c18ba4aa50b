"""Request and response bodies of the API."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema
from pydantic import StrictInt


class ErrorBody(Schema):
    message: str = Field(description="What went wrong, in one sentence.")
    details: list[str] = Field(description="One line per problem, e.g. per bad item.")


class ErrorOut(Schema):
    """The shape of every failure, whatever the status."""

    error: ErrorBody


class InstrumentSummary(Schema):
    id: str
    version: str
    ref: str = Field(description="id@version, as recorded with every response.")
    name: str
    language: str
    description: str
    items: int
    scales: int


class AssessmentIn(Schema):
    instrument: str = Field("tlmi", description="Id of a built-in instrument.")
    subject_name: str = Field(
        "", max_length=120, description="Shown only in the person's own report."
    )


class AssessmentCreated(Schema):
    instrument: str = Field(description="id@version of the instrument to answer.")
    respond_token: str
    respond_url: str = Field(description="Web page where the person answers the questions.")
    responses_api_url: str = Field(description="API resource of the answers.")
    report_token: str
    report_url: str = Field(description="Web page of the report, once the answers are submitted.")
    report_api_url: str


class ResponsesOut(Schema):
    instrument: str = Field(description="id@version the answers were given to.")
    role: str
    answers: dict[str, int | None] = Field(
        description="Answers so far; null is an observer's 'Not observed'."
    )
    answered: int
    total: int
    missing: list[str] = Field(description="Ids of items without an answer, in order.")
    started_at: datetime
    updated_at: datetime
    submitted_at: datetime | None


class AnswersIn(Schema):
    answers: dict[str, StrictInt | None] = Field(
        description="Some or all answers, {item_id: value}; they are merged into those saved.",
        examples=[{"env1": 4, "pln1": 5}],
    )


class SubmitOut(Schema):
    submitted_at: datetime
    report_url: str
    report_api_url: str


class ScaleScore(Schema):
    score: float | None
    answered: int


class Bounded(Schema):
    score: float
    lower: float
    upper: float


class Lean(Schema):
    value: float
    lower: float
    upper: float


class ProfileOut(Schema):
    region: str | None = Field(description="integrator, visionary, steward or emerging.")
    near_border: bool | None = None
    leadership: Bounded | None = None
    management: Bounded | None = None
    cuts: dict[str, float] | None = None
    lean: Lean | None = Field(None, description="Leadership minus management, with 95% interval.")
    direction: str | None = Field(description="leadership, management or balanced.")


class ScoresOut(Schema):
    scales: dict[str, ScaleScore]
    composites: dict[str, float | None]
    profile: ProfileOut | None


class AssessmentOut(Schema):
    subject_name: str
    instrument: str
    created_at: datetime
    completed_at: datetime | None


class ReportOut(Schema):
    assessment: AssessmentOut
    scores: ScoresOut
