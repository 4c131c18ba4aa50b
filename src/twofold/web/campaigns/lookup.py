"""The organisation and the campaign a page is about, as the signed-in account may see them.

Every campaign page starts here. What a role may see is decided by
:mod:`twofold.web.accounts.access`; this module only applies it to the
address asked for, and answers 404 for anything the account may not see or
run, so an address reveals nothing about what exists.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from twofold.web.accounts.access import Viewer, require_viewer
from twofold.web.campaigns.models import Campaign


def viewer_of(request: HttpRequest, slug: str) -> Viewer:
    """The signed-in account in the organisation ``slug`` (404 without a role there)."""
    return require_viewer(request.user, slug)


def admin_of(request: HttpRequest, slug: str) -> Viewer:
    """As :func:`viewer_of`, for pages only administrators have (404 for others)."""
    viewer = viewer_of(request, slug)
    if not viewer.may_administer():
        raise Http404("No such page.")
    return viewer


def campaign_for(viewer: Viewer, pk: int) -> Campaign:
    """The campaign ``pk`` if the viewer may see it, else 404."""
    campaigns = viewer.campaigns(Campaign.objects.select_related("organisation"))
    return get_object_or_404(campaigns, pk=pk)
