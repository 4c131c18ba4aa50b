"""A campaign's release page and its re-open page.

The release page shows, for each participant the viewer may release, what
the release will contain in counts only (which rater groups the report will
show, which it withholds and why), who would be refused a new release and
why, and one button that releases them all. Who may release is
:meth:`~twofold.web.accounts.access.Viewer.may_release`'s to say; everyone
else, and anyone without a role in the organisation, gets a 404.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from twofold.web.accounts.access import require_viewer
from twofold.web.campaigns.lookup import campaign_for
from twofold.web.campaigns.models import Status
from twofold.web.campaigns.release import Outcome, release_participants, reopen
from twofold.web.campaigns.release_plans import (
    REFUSED,
    RELEASED,
    UNCHANGED,
    Plan,
    ReleaseError,
    plans,
    releasable,
)
from twofold.web.campaigns.release_words import GroupLine, concern_lines, group_lines

PER_PAGE = 50


@dataclass(frozen=True)
class ParticipantRow:
    """One participant on the release page."""

    name: str
    number: int
    state: str
    groups: list[GroupLine]
    concerns: list[tuple[str, str]]

    @property
    def raters_shown(self) -> bool:
        """Whether the report will show any rater group, besides the participant's own answers."""
        return any(line.shown for line in self.groups[1:])

    @property
    def self_shown(self) -> bool:
        return bool(self.groups) and self.groups[0].shown and self.groups[0].answered > 0


@login_required
@require_http_methods(["GET", "POST"])
def release(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer = require_viewer(request.user, slug)
    # A campaign the viewer may see at all (no draft, but for administrators) first.
    campaign = campaign_for(viewer, pk)
    participants = releasable(campaign, viewer)
    if not participants:
        raise Http404("Nothing here for you to release.")
    if request.method == "POST":
        try:
            outcomes = release_participants(participants, request.user)
        except ReleaseError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _summary(outcomes))
        return redirect("campaigns:release", slug=slug, pk=pk)
    context: dict[str, object] = {"viewer": viewer, "campaign": campaign}
    if campaign.status in (Status.CLOSED, Status.RELEASED):
        every = plans(campaign, participants)
        page = Paginator(every, PER_PAGE).get_page(request.GET.get("page"))
        context |= {
            "page": page,
            "rows": [_row(plan) for plan in page],
            "counts": Counter(plan.state for plan in every),
            "closed": campaign.status == Status.CLOSED,
        }
    return render(request, "campaigns/release.html", context)


class ReopenForm(forms.Form):
    deadline = forms.DateTimeField(
        label=gettext_lazy("New deadline"),
        help_text=gettext_lazy("Answers are taken until then."),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def reopen_campaign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer = require_viewer(request.user, slug)
    if not viewer.may_administer():
        raise Http404("No such page.")
    campaign = campaign_for(viewer, pk)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reopen(campaign, form.cleaned_data["deadline"], request.user)
        except ReleaseError as exc:
            form.add_error("deadline", str(exc))
        else:
            messages.success(
                request, _("%(campaign)s is open again.") % {"campaign": campaign.name}
            )
            return redirect("campaigns:release", slug=slug, pk=pk)
    released = campaign.participants.exclude(releases=None)
    context = {
        "viewer": viewer,
        "campaign": campaign,
        "form": form,
        "may_reopen": campaign.status in (Status.CLOSED, Status.RELEASED),
        # Raters asked before a participant's release can never answer again.
        "released": released.exists(),
        "all_released": not campaign.participants.filter(releases=None).exists(),
    }
    return render(request, "campaigns/reopen.html", context, status=400 if form.errors else 200)


def _row(plan: Plan) -> ParticipantRow:
    groups: list[GroupLine] = []
    concerns: list[tuple[str, str]] = []
    if plan.state == RELEASED:
        groups = group_lines(plan.verdict.release.groups, dict(plan.raters))
    elif plan.state == REFUSED:
        concerns = concern_lines(plan.verdict.concerns, plan.instrument)
    return ParticipantRow(plan.participant.person.name, plan.number, plan.state, groups, concerns)


def _summary(outcomes: list[Outcome]) -> str:
    counts = Counter(o.state for o in outcomes)
    parts = [
        ngettext(
            "Released %(count)d participant.",
            "Released %(count)d participants.",
            counts[RELEASED],
        )
        % {"count": counts[RELEASED]}
    ]
    if counts[REFUSED]:
        parts.append(
            ngettext(
                "%(count)d participant was not released again: see why below.",
                "%(count)d participants were not released again: see why below.",
                counts[REFUSED],
            )
            % {"count": counts[REFUSED]}
        )
    if counts[UNCHANGED]:
        parts.append(
            ngettext(
                "%(count)d participant had nothing new to release.",
                "%(count)d participants had nothing new to release.",
                counts[UNCHANGED],
            )
            % {"count": counts[UNCHANGED]}
        )
    return " ".join(parts)
