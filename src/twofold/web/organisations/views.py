"""Pages of the organisations app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from twofold.web.accounts.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    class SignedInRequest(HttpRequest):
        """A request to a view behind ``login_required``: its user is an account."""

        user: User


@login_required
@require_GET
def home(request: SignedInRequest) -> HttpResponse:
    """The organisations the signed-in account has a role in."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return render(request, "organisations/home.html", {"memberships": memberships})
