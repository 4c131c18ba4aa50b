"""Request and response bodies of the API."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, ClassVar

from ninja import Field, Schema
from pydantic import (
    BaseModel,
    ConfigDict,
    FiniteFloat,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

#: The error type of a request body that is not a JSON object.
NOT_AN_OBJECT = "body_not_an_object"

#: Text without control characters, which a name never needs and a database may refuse
#: (PostgreSQL stores no NUL).
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f]*$"


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


class BodyIn(BaseModel):
    """A request body: a JSON object, refused with an example when it is anything else.

    Plain pydantic rather than ninja's ``Schema``, which reads any value as an
    object's attributes and so would take ``[1, 2]`` or ``"x"`` for ``{}``.
    """

    #: A valid body, shown in the schema and in the message for a body that is not one.
    example: ClassVar[dict[str, Any]]

    model_config = ConfigDict(
        extra="forbid",  # a misspelt field is an error, not silently ignored
        json_schema_extra=lambda schema, model: schema.update(examples=[model.example]),
    )

    @classmethod
    def expected(cls) -> str:
        """What to send instead of a body that is missing or not an object."""
        return f"must be a JSON object such as {json.dumps(cls.example, ensure_ascii=False)}"

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise PydanticCustomError(NOT_AN_OBJECT, cls.expected())
        return data


class AssessmentIn(BodyIn):
    example: ClassVar[dict[str, Any]] = {"instrument": "tlmi", "subject_name": "Ada Lovelace"}

    instrument: str = Field("tlmi", description="Id of a built-in instrument.")
    subject_name: str = Field(
        "",
        max_length=120,
        description="Shown only in the person's own report; one line of text.",
        json_schema_extra={"pattern": NO_CONTROL_CHARACTERS},
    )

    @field_validator("subject_name", mode="before")
    @classmethod
    def _printable(cls, value: Any) -> Any:
        if isinstance(value, str) and not re.fullmatch(NO_CONTROL_CHARACTERS, value):
            raise PydanticCustomError(
                "control_character", "must not contain control characters (such as NUL or a tab)"
            )
        return value


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


class AnswersIn(BodyIn):
    example: ClassVar[dict[str, Any]] = {"answers": {"env1": 4, "pln1": 5}}

    answers: dict[str, StrictInt | None] = Field(
        description=(
            "Some or all answers, {item_id: value}; they are merged into those saved. "
            "A value is a whole number on the instrument's response scale, or null for "
            "'Not observed', which only an observer may answer: a self-assessment "
            "refuses null."
        ),
    )


class SubmitOut(Schema):
    submitted_at: datetime
    report_url: str
    report_api_url: str


class ScaleScore(Schema):
    score: FiniteFloat | None = Field(
        description="Mean of the scale's answers, reverse-keyed ones reversed; "
        "null if too few of its items were answered. With basis 'all', all raters' mean."
    )
    answered: int | None = Field(
        description="Items of the scale the person answered; null with basis 'all'."
    )


class Bounded(Schema):
    score: FiniteFloat
    lower: FiniteFloat
    upper: FiniteFloat


class Lean(Schema):
    value: FiniteFloat
    lower: FiniteFloat
    upper: FiniteFloat


class ProfileOut(Schema):
    region: str | None = Field(description="integrator, visionary, steward or emerging.")
    near_border: bool | None = None
    leadership: Bounded | None = None
    management: Bounded | None = None
    cuts: dict[str, FiniteFloat] | None = None
    lean: Lean | None = Field(None, description="Leadership minus management, with 95% interval.")
    direction: str | None = Field(description="leadership, management or balanced.")


class ScoresOut(Schema):
    scales: dict[str, ScaleScore]
    composites: dict[str, FiniteFloat | None]
    profile: ProfileOut | None


class AssessmentOut(Schema):
    subject_name: str
    instrument: str
    created_at: datetime
    completed_at: datetime | None


class RaterGroupOut(Schema):
    group: str = Field(
        description="self, manager, peers, direct_reports, others or all (every rater but self)."
    )
    n: int | None = Field(description="Raters who count in the group; null when withheld.")
    withheld: bool = Field(
        description="True when too few raters answered for the group to be shown; "
        "its scores are then all null."
    )
    anonymous: bool = Field(
        description="False for self, and for a manager shown as one person's ratings."
    )
    scales: dict[str, FiniteFloat | None] = Field(description="Scale id → the group's score.")
    composites: dict[str, FiniteFloat | None] = Field(
        description="Composite id → the mean of the group's shown scale scores."
    )


class ReleaseOut(Schema):
    campaign: str
    number: int = Field(description="1 for the first release, 2 after a re-opening, ….")
    released_at: datetime


class GapOut(Schema):
    scale: str
    self_score: FiniteFloat | None = Field(description="The person's own score.")
    others: FiniteFloat | None = Field(description="All raters' score.")
    gap: FiniteFloat | None = Field(description="self − others.")
    margin: FiniteFloat | None = Field(
        description="Half the gap's 95% interval, from the scale's SEM and the raters counted."
    )
    kind: str = Field(
        description="blind_spot (self higher), hidden_strength (others higher), or '' "
        "where the gap, as the report shows it (one decimal), is within its margin."
    )


class AgreementOut(Schema):
    scale: str
    rwg: FiniteFloat | None = Field(
        description="rwg(j) of the raters in all raters' score, to two decimals as the report "
        "shows it; null with a reason where fewer than 3 of them answered every item, or all "
        "raters' score is not shown."
    )
    wide: bool = Field(description="Raters disagree widely: rwg(j) shown as 0.50 or less.")
    reason: str


class CategoryOut(Schema):
    composite: str
    category: str = Field(
        description="over_estimator, under_estimator, in_agreement_good or in_agreement_poor."
    )
    self_score: FiniteFloat
    others: FiniteFloat
    gap: FiniteFloat = Field(description="self_score − others.")
    margin: FiniteFloat


class CommentTopicOut(Schema):
    topic: str = Field(description="A domain id, 'open:strength' or 'open:change'.")
    title: str
    comments: list[str] = Field(description="Shuffled; no rater, order of answering or time.")


class CommentGroupOut(Schema):
    group: str = Field(
        description="manager, peers, direct_reports, others, or all: the groups too small "
        "to be shown on their own, pooled."
    )
    anonymous: bool
    withheld: bool
    topics: list[CommentTopicOut]


class MultiRaterOut(Schema):
    gaps: list[GapOut]
    agreement: list[AgreementOut]
    categories: list[CategoryOut]
    comments: list[CommentGroupOut]


class ReportOut(Schema):
    assessment: AssessmentOut
    release: ReleaseOut | None = Field(
        description="The release a 360 report shows; null otherwise."
    )
    basis: str = Field(
        description="Whose scores 'scores' holds: self (the person's own) or all (all raters "
        "of a 360, where that group is shown)."
    )
    scores: ScoresOut
    rater_groups: list[RaterGroupOut] = Field(
        description="Who rated, group by group; a self-assessment has the one group 'self'."
    )
    multirater: MultiRaterOut | None = Field(
        description="A 360's self–other gaps, agreement, categories and comments; "
        "null for a self-assessment."
    )
