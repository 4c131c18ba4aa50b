"""An organisation's home page: what each member has to do or follow there.

Administrators see the campaigns under way with their progress, and the
latest released ones (one click from their reports); anyone assessed in a
campaign sees their own 360s (their questionnaire while it is open, their
nominations, how many have answered, their report once released); managers
and coaches see the 360s of the people they follow. One account may see
several of these, e.g. an administrator who is also assessed.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from twofold.web.accounts.access import Viewer
from twofold.web.campaigns.cards import Card, cards_for
from twofold.web.campaigns.lookup import viewer_of
from twofold.web.campaigns.models import Campaign, Participant, Status
from twofold.web.campaigns.progress import progress_of
from twofold.web.campaigns.views_progress import campaign_rows

#: Released campaigns listed on the home page; the campaigns page lists them all.
RECENT_RELEASED = 3


def _cards(viewer: Viewer, participants: list[Participant]) -> list[Card]:
    return cards_for(viewer, progress_of(participants, viewer))


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
    rows = campaign_rows(viewer) if viewer.may_administer() else []
    released = [row for row in rows if row.campaign.status == Status.RELEASED]
    context = {
        "viewer": viewer,
        "organisation": viewer.organisation,
        "is_admin": viewer.may_administer(),
        "rows": [row for row in rows if row.campaign.status != Status.RELEASED],
        # The latest released, so their reports are one click from home.
        "released_rows": released[:RECENT_RELEASED],
        "campaign_count": viewer.campaigns(Campaign.objects.all()).count(),
        "mine": _cards(viewer, _participations(viewer, own)),
        "followed": _cards(viewer, _participations(viewer, followed)),
        "is_coach": bool(viewer.coachees),
        # Administrators decide every nomination, managers those of their line.
        "may_approve": viewer.may_administer() or bool(viewer.line),
    }
    return render(request, "campaigns/dashboard.html", context)
