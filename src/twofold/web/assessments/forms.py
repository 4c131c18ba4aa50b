"""Forms of the web pages.

Answers are not a Django form: they are checked against the instrument by
:func:`twofold.web.assessments.answers.clean_answers`, the same check the API uses.
"""

from __future__ import annotations

from django import forms


class StartForm(forms.Form):
    subject_name = forms.CharField(
        label="Your name (optional)",
        help_text="Shown only at the top of your own report.",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
