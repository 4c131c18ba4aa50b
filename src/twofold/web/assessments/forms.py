"""Forms of the web pages.

Answers are not a Django form: they are checked against the instrument by
:func:`twofold.core.answers.clean_answers`, the same check the API and the
terminal use. This module only turns a posted value into the type it expects.
"""

from __future__ import annotations

from django import forms


def parse_form_value(value: str) -> int | str | None:
    """A posted form value as the type :func:`~twofold.core.answers.clean_answers` expects.

    Digits become an int, ``"not_observed"`` becomes None (an observer's
    "Not observed"); anything else is returned unchanged, to be refused.
    """
    text = value.strip()
    if text == "not_observed":
        return None
    if text.lstrip("-").isdigit():
        return int(text)
    return value


class StartForm(forms.Form):
    subject_name = forms.CharField(
        label="Your name (optional)",
        help_text="Shown only at the top of your own report.",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
