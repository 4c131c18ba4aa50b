"""Pages for choosing raters: a participant's nominations, and the approvals waiting for a manager.

Every view asks the viewer's :class:`~twofold.web.accounts.access.Viewer`
which campaigns they see (:meth:`~twofold.web.accounts.access.Viewer.campaigns`:
a draft is for administrators only) and what they may do there
(:meth:`~twofold.web.accounts.access.Viewer.may_nominate`,
:meth:`~twofold.web.accounts.access.Viewer.may_decide_nominations`), and
answers 404 to anyone else, so an address reveals nothing about who takes
part. Changes are POSTs that redirect back (to the page named by ``next``
when it is one of ours, such as the approvals page); a change that cannot be
made shows the page again with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from twofold.web.accounts.access import Viewer, require_viewer
from twofold.web.campaigns import invitations, nominations
from twofold.web.campaigns.groups import PLURAL
from twofold.web.campaigns.models import (
    Campaign,
    Invitation,
    InvitationStatus,
    Participant,
    Status,
)
from twofold.web.campaigns.nomination_pages import (
    group_choices,
    page_context,
    proposals_of,
    waiting_note,
)


def _participant(viewer: Viewer, pk: int, participant: int) -> Participant:
    """The participant, if the viewer may see the campaign and nominate for them; 404 otherwise.

    A draft is seen by administrators only, as everywhere else: they may line
    raters up before the launch, but nobody else learns of the campaign, or
    acts on it, until it opens.
    """
    found = get_object_or_404(
        Participant.objects.select_related("campaign__organisation", "person"),
        pk=participant,
        campaign_id=pk,
        campaign__in=viewer.campaigns(Campaign.objects.all()),
    )
    if not viewer.may_nominate(found.person_id):
        raise Http404("No such participant.")
    return found


def _invitation(participant: Participant, invitation: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("participant__campaign", "participant__person"),
        pk=invitation,
        participant=participant,
    )


def _back(request: HttpRequest, participant: Participant) -> HttpResponse:
    """Back to the page the form was on: ``next`` if it is ours, else the nominations page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    campaign = participant.campaign
    return redirect(
        "campaigns:nominations", campaign.organisation.slug, campaign.pk, participant.pk
    )


def _page(
    request: HttpRequest,
    viewer: Viewer,
    participant: Participant,
    *,
    error: nominations.NominationError | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = page_context(viewer, participant, request.GET.get("q", ""))
    context.update(
        {
            "error": error,
            "submit_problems": problems or [],
            "posted": request.POST if error is not None else {},
        }
    )
    return render(request, "campaigns/nominations/nominations.html", context, status=status)


@login_required
@require_GET
def nominations_page(request: HttpRequest, slug: str, pk: int, participant: int) -> HttpResponse:
    """A participant's list of raters: add, change, submit; or, for whoever decides, decide."""
    viewer = require_viewer(request.user, slug)
    return _page(request, viewer, _participant(viewer, pk, participant))


@login_required
@require_POST
def add(request: HttpRequest, slug: str, pk: int, participant: int) -> HttpResponse:
    """Add a rater: a person of the organisation (``person``) or a name and an email address."""
    viewer = require_viewer(request.user, slug)
    found = _participant(viewer, pk, participant)
    raw_person = request.POST.get("person", "")
    try:
        invitation = nominations.nominate(
            found,
            group=request.POST.get("group", ""),
            by=request.user,
            person_id=int(raw_person) if raw_person.isdigit() else None,
            name=request.POST.get("name", ""),
            email=request.POST.get("email", ""),
        )
    except nominations.NominationError as exc:
        return _page(request, viewer, found, error=exc, status=400)
    added = _("%(name)s added to %(group)s.") % {
        "name": invitation.name,
        "group": PLURAL[invitation.group],
    }
    if viewer.may_decide_nominations(found.person_id):
        added += " " + _("As you added them, someone else who approves this list decides on them.")
    messages.success(request, added)
    return _back(request, found)


@login_required
@require_POST
def change(
    request: HttpRequest, slug: str, pk: int, participant: int, invitation: int
) -> HttpResponse:
    """Move a proposal to another group (``action=move``) or withdraw it (``action=remove``)."""
    viewer = require_viewer(request.user, slug)
    found = _participant(viewer, pk, participant)
    proposal = _invitation(found, invitation)
    try:
        if request.POST.get("action") == "remove":
            nominations.withdraw(proposal)
            messages.success(request, _("%(name)s removed.") % {"name": proposal.name})
        else:
            moved = nominations.regroup(proposal, request.POST.get("group", ""))
            messages.success(
                request,
                _("%(name)s moved to %(group)s.")
                % {"name": moved.name, "group": PLURAL[moved.group]},
            )
    except nominations.NominationError as exc:
        return _page(request, viewer, found, error=exc, status=400)
    return _back(request, found)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str, pk: int, participant: int) -> HttpResponse:
    """Submit the list for approval, or show why it cannot be submitted yet."""
    viewer = require_viewer(request.user, slug)
    found = _participant(viewer, pk, participant)
    try:
        problems = nominations.submit(found)
    except nominations.NominationError as exc:
        return _page(request, viewer, found, error=exc, status=400)
    if problems:
        return _page(request, viewer, found, problems=problems, status=400)
    messages.success(request, _("Your list is submitted. It now waits for approval."))
    return _back(request, found)


@login_required
@require_POST
def decide(
    request: HttpRequest, slug: str, pk: int, participant: int, invitation: int
) -> HttpResponse:
    """Approve (``decision=approve``, perhaps in another ``group``) or reject a rater."""
    viewer = require_viewer(request.user, slug)
    found = _participant(viewer, pk, participant)
    if not viewer.may_decide_nominations(found.person_id):
        raise Http404("No such participant.")
    proposal = _invitation(found, invitation)
    approve = request.POST.get("decision") == "approve"
    try:
        decided = nominations.decide(
            proposal, approve=approve, by=request.user, group=request.POST.get("group", "")
        )
    except nominations.NominationError as exc:
        return _page(request, viewer, found, error=exc, status=400)
    if not approve:
        note = _("%(name)s not approved.")
    elif decided.status == InvitationStatus.SENT:
        note = _("%(name)s approved and invited.")
    else:
        note = _("%(name)s approved.")
    messages.success(request, note % {"name": decided.name})
    return _back(request, found)


@login_required
@require_POST
def approve_all(request: HttpRequest, slug: str, pk: int, participant: int) -> HttpResponse:
    """Approve every waiting proposal of a participant as proposed."""
    viewer = require_viewer(request.user, slug)
    found = _participant(viewer, pk, participant)
    if not viewer.may_decide_nominations(found.person_id):
        raise Http404("No such participant.")
    try:
        count = nominations.approve_all(found, by=request.user)
    except nominations.NominationError as exc:
        return _page(request, viewer, found, error=exc, status=400)
    messages.success(
        request, ngettext("%(count)s approved.", "%(count)s approved.", count) % {"count": count}
    )
    return _back(request, found)


@login_required
@require_GET
def approvals(request: HttpRequest, slug: str) -> HttpResponse:
    """The raters waiting for the viewer's decision, across the campaigns they may see."""
    viewer = require_viewer(request.user, slug)
    waiting = (
        Participant.objects.filter(
            campaign__in=viewer.campaigns(Campaign.objects.all()),
            campaign__status__in=(Status.DRAFT, Status.OPEN),
            person__in=viewer.deciding_for(),
            nominations_submitted_at__isnull=False,
            invitations__status=InvitationStatus.PROPOSED,
        )
        .distinct()
        .select_related("campaign__organisation", "person")
        .order_by("campaign__deadline", "person__name")
    )
    lists = []
    count = 0
    for participant in waiting:
        if not nominations.nominations_open(participant.campaign):
            continue
        # One's own additions wait for someone else (docs/decisions/0027).
        pending = (
            participant.invitations.filter(status=InvitationStatus.PROPOSED)
            .exclude(nominated_by_id=request.user.pk)
            .select_related("nominated_by")
            .order_by("group", "name")
        )
        proposals = proposals_of(participant, pending)
        if not proposals:
            continue
        count += len(proposals)
        lists.append(
            {
                "participant": participant,
                "proposals": proposals,
                "held": [waiting_note(w) for w in invitations.waiting(participant)],
                "url": reverse(
                    "campaigns:nominations",
                    args=[slug, participant.campaign_id, participant.pk],
                ),
            }
        )
    context = {
        "organisation": viewer.organisation,
        "lists": lists,
        "groups": group_choices(),
        "count": count,
    }
    return render(request, "campaigns/nominations/approvals.html", context)
