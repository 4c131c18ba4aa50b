"""Forms of the sign-in, password and API token pages.

None of them says whether an address has an account: the sign-in error is the
same for an unknown address and a wrong password, and a password reset is
queued for any address (the task looks the address up, out of the request).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from twofold.web.accounts.tasks import send_password_reset


class EmailSignInForm(AuthenticationForm):
    """Sign in with an email address, in any case, and a password."""

    username = forms.CharField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The same words for an unknown address and a wrong password.
        self.error_messages = {
            **self.error_messages,
            "invalid_login": _(
                "That email and password do not match an account. Check both and try again."
            ),
        }

    def clean_username(self) -> str:
        """Accounts are kept under the lower-case address, whatever the case typed."""
        return str(self.cleaned_data["username"]).strip().lower()


class ResetRequestForm(PasswordResetForm):
    """Ask for a password link; the email is sent by a background task.

    Sending from the request would take longer when the address has an account
    than when it has none, and the difference would tell. Queueing the address
    takes the same time either way.
    """

    def save(self, *args: Any, **kwargs: Any) -> None:
        send_password_reset.enqueue(self.cleaned_data["email"])


class ChoosePasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Set a password from a link; the labels speak to a person, not an administrator."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Password")
        self.fields["new_password2"].label = _("The same password again")
        self.fields["new_password2"].help_text = _("To be sure it was typed as intended.")


class TokenForm(forms.Form):
    """Name a new API token, to tell it apart later."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, such as “HR dashboard” or “my laptop”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
