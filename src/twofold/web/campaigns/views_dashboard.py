"""An organisation's home page: what each member has to do or follow there.

Administrators see the campaigns and their progress; anyone assessed in a
campaign sees their own 360s (their questionnaire while it is open, their
nominations, how many have answered, their report once released); managers
and coaches see the 360s of the people they follow. One account may see
several of these, e.g. an administrator who is also assessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from twofold.web.accounts.access import Viewer
from twofold.web.campaigns.lookup import viewer_of
from twofold.web.campaigns.models import Campaign, Participant, Status
from twofold.web.campaigns.progress import ParticipantProgress, progress_of
from twofold.web.campaigns.views_progress import campaign_rows


@dataclass(frozen=True)
class Card:
    """One participant's 360 as the dashboard shows it, with the links the viewer may follow."""

    progress: ParticipantProgress
    respond_url: str
    report_url: str

    @property
    def campaign(self) -> Campaign:
        return self.progress.participant.campaign


def _cards(viewer: Viewer, participants: list[Participant]) -> list[Card]:
    cards = []
    for progress in progress_of(participants, viewer):
        participant = progress.participant
        campaign, assessment = participant.campaign, participant.assessment
        respond_url = report_url = ""
        mine = participant.person_id == viewer.person_id
        if (
            mine
            and assessment is not None
            and not progress.self_done
            and campaign.accepts_answers()
        ):
            token = assessment.self_response_set().respond_token
            respond_url = reverse("assessments:respond", args=[token])
        readable = viewer.may_read_report(
            participant.person_id, managers_see_reports=campaign.managers_see_reports
        )
        if progress.released and assessment is not None and readable:
            report_url = reverse("reports:report", args=[assessment.report_token])
        cards.append(Card(progress, respond_url, report_url))
    return cards


def _participations(viewer: Viewer, person_ids: set[int]) -> list[Participant]:
    """The participations of these people in the organisation's opened campaigns."""
    return list(
        Participant.objects.filter(
            person_id__in=person_ids, campaign__organisation=viewer.organisation
        )
        .exclude(campaign__status=Status.DRAFT)
        .select_related("person", "assessment", "campaign")
        .order_by("-campaign__opened_at", "person__name")
    )


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = viewer_of(request, slug)
    own = {viewer.person_id} if viewer.person_id is not None else set()
    followed = set(viewer.line | viewer.coachees) - own
    context = {
        "viewer": viewer,
        "organisation": viewer.organisation,
        "is_admin": viewer.may_administer(),
        "rows": campaign_rows(viewer, released=False) if viewer.may_administer() else [],
        "campaign_count": viewer.campaigns(Campaign.objects.all()).count(),
        "mine": _cards(viewer, _participations(viewer, own)),
        "followed": _cards(viewer, _participations(viewer, followed)),
        "is_coach": bool(viewer.coachees),
        # Administrators decide every nomination, managers those of their line.
        "may_approve": viewer.may_administer() or bool(viewer.line),
    }
    return render(request, "campaigns/dashboard.html", context)
