"""API routes of 360 campaigns: the campaigns a caller may see, and one campaign's progress.

Every route needs a signed-in caller (a session or a personal API token) and
asks :mod:`twofold.web.accounts.access` what they may see: administrators see
every campaign of their organisation and who has not answered yet; others
see the opened campaigns of the people they follow, with counts only.
Anything a caller may not see is a 404, the same as what does not exist.
Nothing here ever holds an answer.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from twofold.web.accounts.access import Viewer, viewer_for
from twofold.web.api.auth import SIGNED_IN
from twofold.web.api.errors import NOT_FOUND, UNAUTHORIZED, UNPROCESSABLE, ApiError
from twofold.web.api.schemas import ErrorOut
from twofold.web.campaigns.models import Campaign
from twofold.web.campaigns.progress import ParticipantProgress, campaign_progress
from twofold.web.organisations.models import Organisation

router = Router(auth=SIGNED_IN, tags=["campaigns"])


class CampaignSummaryOut(Schema):
    id: int
    name: str
    status: str = Field(description="draft, open, closed or released.")
    instrument: str = Field(description="id@version of the questionnaire, pinned at creation.")
    deadline: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    participants: int = Field(description="Participants the caller may follow.")


class ThresholdsOut(Schema):
    manager: int
    peers: int
    direct_reports: int
    others: int
    all: int


class PolicyOut(Schema):
    scores: ThresholdsOut = Field(description="Raters a group needs before its scores are shown.")
    comments: ThresholdsOut = Field(
        description="Raters a group needs before its comments are shown."
    )


class LimitOut(Schema):
    min: int
    max: int


class LimitsOut(Schema):
    peers: LimitOut
    direct_reports: LimitOut
    others: LimitOut


class GroupProgressOut(Schema):
    group: str = Field(description="manager, peers, direct_reports or others.")
    invited: int
    answered: int
    declined: int | None = Field(description="null after the participant's release.")
    not_answered: list[str] | None = Field(
        description="Names of raters who have not answered yet, for administrators: "
        "before the release, of every rater asked; after it, of those asked since a "
        "re-opening, if any were. Null otherwise."
    )


class ParticipantOut(Schema):
    id: int
    person_id: int
    name: str
    self_assessment_done: bool
    released: bool = Field(description="The participant's report has been released.")
    groups: list[GroupProgressOut]


class CampaignOut(CampaignSummaryOut):
    organisation: str = Field(description="The organisation's short name (slug).")
    policy: PolicyOut
    nomination_limits: LimitsOut
    reminder_days: list[int] = Field(description="Days before the deadline reminders go out.")
    coach_may_release: bool
    managers_see_reports: bool
    participant_progress: list[ParticipantOut] = Field(
        description="The participants the caller may follow, with their raters per group."
    )


def _not_found() -> ApiError:
    return ApiError(NOT_FOUND, "No such campaign.")


def _summary(campaign: Campaign, progress: list[ParticipantProgress]) -> dict[str, object]:
    """The fields of :class:`CampaignSummaryOut`, which :class:`CampaignOut` repeats."""
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "status": campaign.status,
        "instrument": campaign.instrument_ref,
        "deadline": campaign.deadline,
        "opened_at": campaign.opened_at,
        "closed_at": campaign.closed_at,
        "participants": len(progress),
    }


def _participant(one: ParticipantProgress) -> ParticipantOut:
    person = one.participant.person
    return ParticipantOut(
        id=one.participant.pk,
        person_id=person.pk,
        name=person.name,
        self_assessment_done=one.self_done,
        released=one.released,
        groups=[
            GroupProgressOut(
                group=g.group,
                invited=g.invited,
                answered=g.answered,
                declined=g.declined,
                not_answered=list(g.not_answered) if g.not_answered is not None else None,
            )
            for g in one.groups
        ],
    )


@router.get(
    "/organisations/{slug}/campaigns",
    response={200: list[CampaignSummaryOut], UNAUTHORIZED: ErrorOut, NOT_FOUND: ErrorOut},
)
def list_campaigns(request: HttpRequest, slug: str) -> list[CampaignSummaryOut]:
    """The organisation's campaigns the caller may see, newest first."""
    organisation = Organisation.objects.filter(slug=slug).first()
    viewer = viewer_for(request.user, organisation) if organisation is not None else None
    if viewer is None:
        raise ApiError(NOT_FOUND, "No such organisation.")
    return [
        CampaignSummaryOut.model_validate(_summary(c, campaign_progress(c, viewer)))
        for c in viewer.campaigns(Campaign.objects.order_by("-created_at", "-pk"))
    ]


def _visible(request: HttpRequest, campaign_id: int) -> tuple[Campaign, Viewer]:
    campaign = Campaign.objects.select_related("organisation").filter(pk=campaign_id).first()
    if campaign is None:
        raise _not_found()
    viewer = viewer_for(request.user, campaign.organisation)
    if viewer is None or not viewer.campaigns(Campaign.objects.filter(pk=campaign.pk)).exists():
        raise _not_found()
    return campaign, viewer


@router.get(
    "/campaigns/{campaign_id}",
    response={
        200: CampaignOut,
        UNAUTHORIZED: ErrorOut,
        NOT_FOUND: ErrorOut,
        UNPROCESSABLE: ErrorOut,
    },
)
def get_campaign(request: HttpRequest, campaign_id: int) -> CampaignOut:
    """One campaign's settings, and the progress of each participant the caller may follow."""
    campaign, viewer = _visible(request, campaign_id)
    progress = campaign_progress(campaign, viewer)
    limits = campaign.nomination_limits
    return CampaignOut.model_validate(
        {
            **_summary(campaign, progress),
            "organisation": campaign.organisation.slug,
            "policy": campaign.policy,
            "nomination_limits": {
                g: {"min": low, "max": high} for g, (low, high) in limits.items()
            },
            "reminder_days": campaign.reminder_days,
            "coach_may_release": campaign.coach_may_release,
            "managers_see_reports": campaign.managers_see_reports,
            "participant_progress": [_participant(one) for one in progress],
        }
    )
