"""The organisations pages: my organisations, and an organisation's people and teams.

Every page asks :mod:`twofold.web.accounts.access` what the signed-in account
may see: an organisation it has no role in does not exist for it (404), and a
person it may not see does not either. Nobody is listed who is not in
``Viewer.people()``, and teams count only those people.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from twofold.web.accounts.access import Viewer, organisations_of, require_viewer
from twofold.web.accounts.models import Membership, Role
from twofold.web.organisations.forms import PeopleFilter
from twofold.web.organisations.models import Person, Team

#: People on one page of the list.
PER_PAGE = 50


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The organisations the account has a role in; straight to the only one if so."""
    organisations = list(organisations_of(request.user))
    if len(organisations) == 1:
        return redirect("campaigns:dashboard", slug=organisations[0].slug)
    roles = dict(
        Membership.objects.filter(user_id=cast(int, request.user.pk)).values_list(
            "organisation_id", "role"
        )
    )
    memberships = [(o, Role(roles[o.pk]).label) for o in organisations]
    return render(request, "organisations/home.html", {"memberships": memberships})


def visible_teams(viewer: Viewer) -> QuerySet[Team]:
    """The teams of the people the viewer may see (every team, for an administrator)."""
    teams = Team.objects.filter(organisation=viewer.organisation)
    if not viewer.is_admin:
        teams = teams.filter(members__in=viewer.people()).distinct()
    return teams.order_by("name")


@login_required
@require_GET
def people(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = require_viewer(request.user, slug)
    visible = viewer.people()
    found = visible.select_related("team", "manager").order_by("name", "email")
    form = PeopleFilter(request.GET or None, teams=visible_teams(viewer))
    if form.is_valid():
        if text := form.cleaned_data["q"].strip():
            found = found.filter(Q(name__icontains=text) | Q(email__icontains=text))
        if team := form.cleaned_data["team"]:
            found = found.filter(team=team)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "viewer": viewer,
        "organisation": viewer.organisation,
        "form": form,
        "page": page,
        "total": visible.count(),
        "filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
        "visible_managers": {
            p.manager_id for p in page if p.manager_id and viewer.sees_person(p.manager_id)
        },
        "section": "people",
    }
    return render(request, "organisations/people.html", context)


@login_required
@require_GET
def person(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer = require_viewer(request.user, slug)
    if not viewer.sees_person(pk):
        raise Http404("No such person.")
    found = get_object_or_404(
        Person.objects.select_related("team", "manager"), pk=pk, organisation=viewer.organisation
    )
    context = {
        "viewer": viewer,
        "organisation": viewer.organisation,
        "person": found,
        "manager_visible": found.manager_id is not None and viewer.sees_person(found.manager_id),
        "reports": viewer.people().filter(manager=found).select_related("team").order_by("name"),
        "section": "people",
    }
    return render(request, "organisations/person.html", context)


@login_required
@require_GET
def teams(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = require_viewer(request.user, slug)
    visible = viewer.people()
    counted = visible_teams(viewer).annotate(
        headcount=Count("members", filter=Q(members__in=visible), distinct=True)
    )
    context = {
        "viewer": viewer,
        "organisation": viewer.organisation,
        "teams": counted,
        "without_team": visible.filter(team=None).count(),
        "section": "teams",
    }
    return render(request, "organisations/teams.html", context)
