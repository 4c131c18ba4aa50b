"""A rater's way to say no: ``/rate/<token>/decline/``, linked from every email they get.

Reached through the rater's personal link, so it carries the private-link
headers and says nothing the link's holder does not know already.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from twofold.web.assessments.decorators import private_link
from twofold.web.campaigns import invitations
from twofold.web.campaigns.emails import rating_link
from twofold.web.campaigns.models import Invitation, InvitationStatus


def _state(invitation: Invitation) -> str:
    """What the page says: ask, declined, submitted, or ended."""
    if invitation.status == InvitationStatus.DECLINED:
        return "declined"
    if invitation.status != InvitationStatus.SENT:
        return "ended"
    if invitation.response_set is not None and invitation.response_set.is_submitted:
        return "submitted"
    if not invitation.participant.campaign.accepts_answers():
        return "ended"
    return "ask"


@private_link("same-origin")
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, token: str) -> HttpResponse:
    """Ask the rater to confirm, then decline (POST); a second POST changes nothing."""
    invitation = get_object_or_404(
        Invitation.objects.select_related(
            "participant__campaign", "participant__person", "response_set"
        ).exclude(
            status__in=(
                InvitationStatus.PROPOSED,
                InvitationStatus.APPROVED,
                InvitationStatus.REJECTED,
            )
        ),
        token=token,
    )
    if request.method == "POST" and _state(invitation) == "ask":
        invitations.decline(invitation)
    context = {
        "state": _state(invitation),
        "participant": invitation.participant.person.name,
        "rating_url": rating_link(invitation),
    }
    return render(request, "campaigns/nominations/decline.html", context)
