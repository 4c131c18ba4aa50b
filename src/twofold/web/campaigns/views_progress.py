"""Following a campaign: the list, one campaign's progress, a later deadline, closing.

Everyone with a role sees the campaigns they may see, and in each only the
participants they may follow (:mod:`twofold.web.accounts.access`);
administrators also see who has not answered yet, and extend and close.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from twofold.content import builtin_instrument
from twofold.web.accounts.access import Progress, Viewer
from twofold.web.campaigns import changes, lifecycle
from twofold.web.campaigns.campaign_forms import ExtendForm
from twofold.web.campaigns.cards import cards_for
from twofold.web.campaigns.lookup import admin_of, campaign_for, viewer_of
from twofold.web.campaigns.models import Campaign, Status
from twofold.web.campaigns.policy_words import policy_sentences
from twofold.web.campaigns.progress import campaign_progress, completion, percent


@dataclass(frozen=True)
class CampaignRow:
    """One campaign in a list, with how far it has got for the viewer."""

    campaign: Campaign
    participants: int
    done: int
    expected: int

    @property
    def percent(self) -> int:
        return percent(self.done, self.expected)

    @property
    def shows_progress(self) -> bool:
        """Answers are coming in or came in: open or closed (released has its reports)."""
        return self.campaign.status in (Status.OPEN, Status.CLOSED)


def campaign_rows(viewer: Viewer) -> list[CampaignRow]:
    """The campaigns ``viewer`` may see, newest first, with their progress."""
    rows = []
    for campaign in viewer.campaigns(Campaign.objects.order_by("-created_at", "-pk")):
        if campaign.status in (Status.OPEN, Status.CLOSED):
            progress = campaign_progress(campaign, viewer)
            done, expected = completion(progress)
            rows.append(CampaignRow(campaign, len(progress), done, expected))
        else:
            # Nothing answered yet, or released (the reports say the rest): only a count.
            rows.append(CampaignRow(campaign, _followed(campaign, viewer), 0, 0))
    return rows


def _followed(campaign: Campaign, viewer: Viewer) -> int:
    """How many of the campaign's participants the viewer may follow."""
    people = campaign.participants.values_list("person_id", flat=True)
    return sum(1 for person_id in people if viewer.progress(person_id) != Progress.NONE)


@login_required
@require_GET
def campaign_list(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = viewer_of(request, slug)
    context = {"viewer": viewer, "rows": campaign_rows(viewer)}
    return render(request, "campaigns/list.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer = viewer_of(request, slug)
    campaign = campaign_for(viewer, pk)
    is_admin = viewer.may_administer()
    progress = campaign_progress(campaign, viewer) if campaign.status != Status.DRAFT else []
    done, expected = completion(progress)
    instrument = builtin_instrument(campaign.instrument_id)
    context = {
        "viewer": viewer,
        "campaign": campaign,
        "instrument_name": instrument.name,
        "is_admin": is_admin,
        "policy": policy_sentences(campaign.anonymity_policy()),
        # Each participant's progress, with a link to their report once released.
        "cards": cards_for(viewer, progress),
        "done": done,
        "expected": expected,
        "percent": percent(done, expected),
        "any_released": any(p.released for p in progress),
        "draft_participants": (
            campaign.participants.select_related("person")
            if campaign.status == Status.DRAFT
            else []
        ),
        "accepts_answers": campaign.accepts_answers(),
    }
    return render(request, "campaigns/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def extend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A later deadline for an open campaign; raters may answer until then."""
    viewer = admin_of(request, slug)
    campaign = campaign_for(viewer, pk)
    if campaign.status != Status.OPEN:
        return redirect("campaigns:detail", slug, campaign.pk)
    form = ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.extend_deadline(campaign, form.cleaned_data["deadline"], by=request.user)
        except changes.SetupError as exc:
            for text in exc.problems.values():
                form.add_error("deadline", text)
        else:
            messages.success(request, _("Deadline extended."))
            return redirect("campaigns:detail", slug, campaign.pk)
    status = 400 if form.is_bound else 200
    context = {"viewer": viewer, "campaign": campaign, "form": form}
    return render(request, "campaigns/extend.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirm, then close an open campaign: every link stops taking answers at once."""
    viewer = admin_of(request, slug)
    campaign = campaign_for(viewer, pk)
    if campaign.status != Status.OPEN:
        return redirect("campaigns:detail", slug, campaign.pk)
    if request.method == "POST":
        try:
            lifecycle.close(campaign, by=request.user)
        except changes.SetupError as exc:  # closed by someone else a moment ago
            messages.error(request, " ".join(exc.problems.values()))
        else:
            messages.success(request, _("The campaign is closed: nobody can answer any more."))
        return redirect("campaigns:detail", slug, campaign.pk)
    progress = campaign_progress(campaign, viewer)
    done, expected = completion(progress)
    context = {"viewer": viewer, "campaign": campaign, "done": done, "expected": expected}
    return render(request, "campaigns/close.html", context)
