"""Setting a campaign up: its settings, its participants, and the launch.

Administrators only; anyone else is told there is no such page. Views parse
the request, call the services (:mod:`~twofold.web.campaigns.campaign_settings`,
:mod:`~twofold.web.campaigns.draft_participants`, :mod:`~twofold.web.campaigns.lifecycle`)
and pick a template.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from twofold.web.campaigns import campaign_settings, changes, draft_participants, lifecycle
from twofold.web.campaigns.campaign_forms import AddPeopleForm, CampaignForm
from twofold.web.campaigns.lookup import admin_of, campaign_for
from twofold.web.campaigns.models import Campaign, Participant, Status
from twofold.web.organisations.models import Person, Team

#: People listed at once on the participants page; a search narrows the rest.
PEOPLE_SHOWN = 50


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = admin_of(request, slug)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        settings = form.settings()
        try:
            campaign = campaign_settings.create_campaign(
                viewer.organisation,
                settings.pop("name"),
                settings.pop("deadline"),
                by=request.user,
                **settings,
            )
        except changes.SetupError as exc:
            form.add_problems(exc.problems)
        else:
            messages.success(request, _("Campaign created. Now choose who takes part."))
            return redirect("campaigns:participants", slug, campaign.pk)
    status = 400 if form.is_bound else 200
    context = {"viewer": viewer, "form": form, "campaign": None}
    return render(request, "campaigns/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer = admin_of(request, slug)
    campaign = campaign_for(viewer, pk)
    form = CampaignForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            campaign_settings.update_campaign(campaign, by=request.user, **form.settings())
        except changes.SetupError as exc:
            form.add_problems(exc.problems)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("campaigns:detail", slug, campaign.pk)
    status = 400 if form.is_bound else 200
    context = {"viewer": viewer, "form": form, "campaign": campaign}
    return render(request, "campaigns/form.html", context, status=status)


def _candidates(campaign: Campaign, query: str) -> QuerySet[Person]:
    """People of the organisation not in the campaign yet, matching ``query``."""
    people = (
        Person.objects.filter(organisation_id=campaign.organisation_id)
        .exclude(participations__campaign=campaign)
        .select_related("team")
    )
    for word in query.split():
        people = people.filter(
            Q(name__icontains=word)
            | Q(email__icontains=word)
            | Q(job_title__icontains=word)
            | Q(team__name__icontains=word)
        )
    return people


@login_required
@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add people to a draft campaign (picked, found by a search, or a team), or remove them."""
    viewer = admin_of(request, slug)
    campaign = campaign_for(viewer, pk)
    if campaign.status != Status.DRAFT:
        if request.method == "POST":
            messages.error(request, _("Participants are fixed once a campaign opens."))
        return redirect("campaigns:detail", slug, campaign.pk)
    form = AddPeopleForm(organisation_id=campaign.organisation_id)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "remove":
        chosen = request.POST.get("participant", "")
        participant = get_object_or_404(
            Participant.objects.select_related("person"),
            pk=int(chosen) if chosen.isdigit() else 0,
            campaign=campaign,
        )
        draft_participants.remove_participant(campaign, participant)
        messages.success(request, _("%(name)s removed.") % {"name": participant.person.name})
        return redirect("campaigns:participants", slug, campaign.pk)
    if request.method == "POST":
        form = AddPeopleForm(request.POST, organisation_id=campaign.organisation_id)
        if form.is_valid():
            added = draft_participants.add_participants(campaign, form.chosen())
            messages.success(
                request,
                ngettext("%(count)d person added.", "%(count)d people added.", added)
                % {"count": added},
            )
            return redirect("campaigns:participants", slug, campaign.pk)
        status = 400
    query = request.GET.get("q", "").strip()[:100]
    candidates = _candidates(campaign, query)
    context = {
        "viewer": viewer,
        "campaign": campaign,
        "form": form,
        "query": query,
        "candidates": candidates[:PEOPLE_SHOWN],
        "candidate_count": candidates.count(),
        "teams": Team.objects.filter(organisation_id=campaign.organisation_id),
        "participants": campaign.participants.select_related("person__team"),
    }
    return render(request, "campaigns/participants.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def launch(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirm, then open the campaign: assessments made, raters' emails on their way."""
    viewer = admin_of(request, slug)
    campaign = campaign_for(viewer, pk)
    if campaign.status != Status.DRAFT:
        return redirect("campaigns:detail", slug, campaign.pk)
    problems = lifecycle.launch_problems(campaign)
    status = 200
    if request.method == "POST":
        try:
            lifecycle.launch(campaign, by=request.user)
        except changes.SetupError as exc:
            problems, status = exc.problems, 400
        else:
            messages.success(request, _("The campaign is open."))
            return redirect("campaigns:detail", slug, campaign.pk)
    context = {
        "viewer": viewer,
        "campaign": campaign,
        "problems": list(problems.values()),
        "participant_count": campaign.participants.count(),
        "with_manager": campaign.participants.filter(person__manager__isnull=False).count(),
    }
    return render(request, "campaigns/launch.html", context, status=status)
