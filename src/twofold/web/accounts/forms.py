"""Forms of the sign-in, password, API token and members pages.

None of them says whether an address has an account: the sign-in error is the
same for an unknown address and a wrong password, and a password reset is
queued for any address (the task looks the address up, out of the request).
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from twofold.web.accounts.models import Role
from twofold.web.accounts.tasks import send_password_reset
from twofold.web.organisations.models import Organisation, Person


class EmailSignInForm(AuthenticationForm):
    """Sign in with an email address, in any case, and a password."""

    username = forms.CharField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data.get("username"):
            # Refused: the address is kept, so the cursor waits in the password box.
            self.fields["username"].widget.attrs.pop("autofocus", None)
            self.fields["password"].widget.attrs["autofocus"] = True
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


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A person of the organisation, shown with their email to tell namesakes apart."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} ({obj.email})"


class InviteForm(forms.Form):
    """Give a person of the organisation an account, with a role."""

    person = PersonChoiceField(
        label=_("Person"), queryset=Person.objects.none(), empty_label=_("Choose a person")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.PARTICIPANT)

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # People whose account is not tied to them yet: the others are in the list.
        people = Person.objects.filter(organisation=organisation, membership__isnull=True)
        cast(PersonChoiceField, self.fields["person"]).queryset = people


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class CoacheeForm(forms.Form):
    """A person of the organisation for a coach to work with."""

    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(organisation=organisation)
        cast(PersonChoiceField, self.fields["person"]).queryset = people
