"""The pages of a rater's personal link, ``/rate/<token>/…``.

The link resolves to an invitation. While the rater may answer, its response
set is handed to the assessments app's questionnaire
(:mod:`twofold.web.assessments.answering`) with a :class:`RaterLink`; the
invitation's other states (declined, submitted, closed) get a polite page of
their own. The response set's own ``respond_token`` is never used or shown:
the invitation's token is the only way in (docs/decisions/0018).
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from twofold.web.assessments import answering, services
from twofold.web.assessments.decorators import private_link
from twofold.web.assessments.links import Link
from twofold.web.assessments.models import AnswersClosedError, ResponseSet
from twofold.web.campaigns import rating
from twofold.web.campaigns.models import Invitation, InvitationStatus
from twofold.web.campaigns.rating import RatingState

#: Referrer policy of pages that post forms (see :func:`private_link`).
FORMS = "same-origin"


class RaterLink(Link):
    """``/rate/<invitation token>/``: a rater's questionnaire about a participant."""

    def __init__(self, invitation: Invitation) -> None:
        self.invitation = invitation
        self.token = invitation.token
        name = invitation.participant.person.name
        self.about = _("About %(name)s, %(capacity)s") % {
            "name": name,
            "capacity": rating.capacity(invitation.group),
        }
        self.comment_note = rating.protection_for(invitation).comment_note

    def page_url(self, number: int) -> str:
        return reverse("rating:page", args=[self.token, number])

    def answer_url(self) -> str:
        return reverse("rating:answer", args=[self.token])

    def comment_url(self) -> str:
        return reverse("rating:comment", args=[self.token])

    def done_url(self) -> str:
        """The link itself, which thanks a rater whose answers are in."""
        return reverse("rating:start", args=[self.token])

    @property
    def finish_label(self) -> str:
        return _("Submit my answers")

    def closed(self, request: HttpRequest, closed_on: datetime | None, status: int) -> HttpResponse:
        return _state_page(request, self.invitation, RatingState.CLOSED, status, closed_on)


def _invitation(token: str) -> Invitation:
    invitation = rating.invitation_for(token)
    if invitation is None:
        raise Http404("No such link.")
    return invitation


def _closed_on(invitation: Invitation) -> datetime:
    """When answering ended for this link.

    A link a release closed closed with it, and stays closed when the campaign
    is re-opened, whose new deadline is not its own: that is the first of the
    participant's releases made after the link went out (its email, or else
    its approval). Otherwise, when the participant's answering window ended.
    """
    if invitation.status == InvitationStatus.CLOSED:
        out = invitation.sent_at or invitation.decided_at or invitation.created_at
        releases = invitation.participant.releases.order_by("number")
        release = releases.filter(released_at__gte=out).first() or releases.last()
        if release is not None:
            return release.released_at
    assessment = invitation.participant.assessment
    if assessment is not None and assessment.answers_until is not None:
        return assessment.answers_until
    campaign = invitation.participant.campaign
    return campaign.closed_at or campaign.deadline


def _state_page(
    request: HttpRequest,
    invitation: Invitation,
    state: RatingState,
    status: int = 200,
    closed_on: datetime | None = None,
) -> HttpResponse:
    """The polite page of a link that no longer leads to the questionnaire."""
    templates = {
        RatingState.SUBMITTED: "campaigns/rating/thanks.html",
        RatingState.DECLINED: "campaigns/rating/declined.html",
        RatingState.CLOSED: "campaigns/rating/closed.html",
    }
    context = {
        "name": invitation.participant.person.name,
        "closed_on": closed_on or _closed_on(invitation),
    }
    return render(request, templates[state], context, status=status)


def _answering(
    request: HttpRequest, token: str
) -> tuple[ResponseSet, RaterLink] | HttpResponseBase:
    """The response set to hand to the questionnaire, or what to show instead.

    A submitted set and one whose campaign stopped taking answers are handed
    over: the questionnaire says so itself, as it does for every link. A
    declined or released invitation has no set; an htmx save then gets the
    closed message in place, or is sent to the page that says it was declined.
    """
    invitation = _invitation(token)
    response_set = invitation.response_set
    if response_set is not None and invitation.status == InvitationStatus.SENT:
        return response_set, RaterLink(invitation)
    state = rating.state_of(invitation)
    if request.headers.get("HX-Request") != "true":
        return _state_page(request, invitation, state, 200 if request.method == "GET" else 409)
    if state == RatingState.DECLINED:
        return HttpResponseClientRedirect(reverse("rating:start", args=[token]))
    context = {"closed": True, "closed_on": _closed_on(invitation)}
    return render(request, answering.STATUS_FRAGMENT, context, status=answering.CLOSED)


@private_link(FORMS)
@require_GET
def start(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation: who asks, in which capacity, how the rater is
    protected; then Start, or "I can't rate this person"."""
    invitation = _invitation(token)
    state = rating.state_of(invitation)
    if state != RatingState.OPEN or invitation.response_set is None:
        return _state_page(request, invitation, state)
    participant = invitation.participant
    campaign = participant.campaign
    instrument = services.instrument_for(invitation.response_set)
    answered = len(invitation.response_set.answers)
    context = {
        "name": participant.person.name,
        "organisation": campaign.organisation.name,
        "capacity": rating.capacity(invitation.group),
        "deadline": campaign.deadline,
        "minutes": rating.minutes_to_answer(instrument),
        "n_items": len(instrument.item_ids),
        "answered": answered,
        "not_observed": instrument.response_scale.not_observed,
        "protection": rating.protection_for(invitation),
        "token": token,
    }
    return render(request, "campaigns/rating/intro.html", context)


@private_link(FORMS)
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, token: str) -> HttpResponse:
    """ "I can't rate this person": a confirm page, then the invitation is declined."""
    invitation = _invitation(token)
    if rating.state_of(invitation) != RatingState.OPEN:
        return redirect("rating:start", token)
    if request.method == "GET":
        context = {"name": invitation.participant.person.name, "token": token}
        return render(request, "campaigns/rating/decline.html", context)
    # Submitted or closed meanwhile: the link's own page then says which.
    with suppress(rating.CannotDeclineError, AnswersClosedError):
        rating.decline(invitation)
    return redirect("rating:start", token)


@private_link(FORMS)
@require_GET
def resume(request: HttpRequest, token: str) -> HttpResponseBase:
    """Start, or continue at the first page with an unanswered question."""
    found = _answering(request, token)
    if isinstance(found, HttpResponseBase):
        return found
    return answering.resume(request, *found)


@private_link(FORMS)
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, token: str, number: int) -> HttpResponseBase:
    found = _answering(request, token)
    if isinstance(found, HttpResponseBase):
        return found
    return answering.page(request, *found, number)


@private_link(FORMS)
@require_POST
def answer(request: HttpRequest, token: str) -> HttpResponseBase:
    """Save one answer as soon as it is chosen (htmx)."""
    found = _answering(request, token)
    if isinstance(found, HttpResponseBase):
        return found
    return answering.save_answer(request, *found)


@private_link(FORMS)
@require_POST
def comment(request: HttpRequest, token: str) -> HttpResponseBase:
    """Save one comment when the rater leaves its box (htmx)."""
    found = _answering(request, token)
    if isinstance(found, HttpResponseBase):
        return found
    return answering.save_comment(request, *found)
