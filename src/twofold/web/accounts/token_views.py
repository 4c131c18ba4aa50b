"""Personal API tokens: list yours, create one, revoke one.

A new token's secret is shown once, in the response to the form that created
it, and never again: only its digest is stored, and the page is not stored by
the browser (``Cache-Control: no-store``), so going back does not show it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from twofold.web.accounts.forms import TokenForm
from twofold.web.accounts.models import ApiToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    class SignedInRequest(HttpRequest):
        """A request to a view behind ``login_required``: its user is an account."""

        user: User


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: SignedInRequest) -> HttpResponse:
    """The page of your tokens; a POST creates one and shows its secret, this once."""
    secret = ""
    status = 200
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            _token, secret = ApiToken.issue(request.user, form.cleaned_data["name"])
            form = TokenForm()
        else:
            status = 400
    else:
        form = TokenForm()
    live = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    context = {"form": form, "tokens": live, "secret": secret}
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: SignedInRequest, token_id: int) -> HttpResponse:
    """Revoke one of your own tokens: from now on it gets 401."""
    token = get_object_or_404(
        ApiToken, pk=token_id, user_id=request.user.pk, revoked_at__isnull=True
    )
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(
        request,
        _("The token “%(name)s” is revoked: requests that send it are refused from now on.")
        % {"name": token.name},
    )
    return redirect("accounts:tokens")
