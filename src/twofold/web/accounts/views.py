"""Signing in and out, and choosing a password from an emailed link.

Django's own views do the work; these subclasses give them Twofold's forms,
templates and words. No page says whether an address has an account.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from twofold.web.accounts import emails, throttle
from twofold.web.accounts.forms import ChoosePasswordForm, EmailSignInForm, ResetRequestForm


class SignInView(auth.LoginView):
    form_class = EmailSignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SignOutView(auth.LogoutView):
    """Sign out by POST; a GET only asks, with the button that posts.

    A link, an image or a prefetch must never sign anyone out. The page a GET
    shows is also the way out from pages whose ``Referrer-Policy:
    no-referrer`` makes browsers send ``Origin: null`` with a form, which the
    CSRF check refuses: they can link here instead.
    """

    http_method_names = ("get", "post", "options")
    template_name = "accounts/logout.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(**kwargs))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are signed out."))
        return response


class _LinkDaysMixin:
    """Pages that say how many days an emailed link works."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["days"] = emails.link_days()
        return context


class ResetRequestView(_LinkDaysMixin, auth.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class ResetSentView(auth.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class _ChoosePasswordView(_LinkDaysMixin, auth.PasswordResetConfirmView):
    form_class = ChoosePasswordForm

    def form_valid(self, form: ChoosePasswordForm) -> HttpResponse:
        # The link came to the account's mailbox: a pause on signing in has done its work.
        throttle.lift(form.user.get_username())
        return super().form_valid(form)


class ResetConfirmView(_ChoosePasswordView):
    """A new password from a reset link; then the person signs in with it."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class ResetCompleteView(auth.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class SetPasswordView(_ChoosePasswordView):
    """The first password, from an invitation's link; the person is then signed in."""

    template_name = "accounts/set_password.html"
    reset_url_token = "choose"
    post_reset_login = True
    # The backend that signs accounts in (the other one only counts failed sign-ins).
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("organisations:home")

    def form_valid(self, form: ChoosePasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set, and you are signed in."))
        return response
