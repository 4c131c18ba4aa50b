"""The audit log page: who read or exported which report, and who changed the rules.

Administrators of the organisation read it, newest first, one kind of event
at a time if they like; everyone else gets a 404, as for an organisation
that does not exist.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from twofold.web.accounts.access import require_viewer
from twofold.web.audit.models import Action, Event

PER_PAGE = 50


@login_required
@require_GET
def log(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = require_viewer(request.user, slug)
    if not viewer.may_administer():
        raise Http404("No such page.")
    action = request.GET.get("action", "")
    if action not in Action.values:
        action = ""
    events = Event.objects.filter(organisation=viewer.organisation)
    if action:
        events = events.filter(action=action)
    page = Paginator(events.order_by("-at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "viewer": viewer,
        "page": page,
        "actions": Action.choices,
        "action": action,
    }
    return render(request, "audit/log.html", context)
