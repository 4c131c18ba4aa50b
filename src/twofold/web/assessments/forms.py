"""Forms of the web pages.

Answers are not a Django form: they are checked against the instrument by
:func:`twofold.core.answers.clean_answers`, the same check the API and the
terminal use, and an observer's comments by
:func:`~twofold.core.answers.clean_comments`. This module only turns posted
fields into the shapes those expect.

An answer's field is named by its item id. A comment's field name has a colon,
which no item id can have (ids take letters, digits, ``_``, ``-`` and ``.``):
``domain:<page id>`` for the comment on a page, ``open:<key>`` for an open
question at the end.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from twofold.core.answers import DOMAINS

DOMAIN_FIELD, OPEN_FIELD = "domain:", "open:"


def domain_field(page_id: str) -> str:
    """The name of the field holding the comment on page ``page_id``."""
    return f"{DOMAIN_FIELD}{page_id}"


def open_field(key: str) -> str:
    """The name of the field holding the answer to open question ``key``."""
    return f"{OPEN_FIELD}{key}"


def is_comment_field(name: str) -> bool:
    return name.startswith((DOMAIN_FIELD, OPEN_FIELD))


def parse_comment_fields(fields: Iterable[tuple[str, str]]) -> dict[str, object]:
    """The comments among posted ``(name, value)`` fields, in the shape
    :func:`~twofold.core.answers.clean_comments` takes; other fields are ignored."""
    raw: dict[str, object] = {}
    domains: dict[str, str] = {}
    for name, value in fields:
        if name.startswith(DOMAIN_FIELD):
            domains[name.removeprefix(DOMAIN_FIELD)] = value
        elif name.startswith(OPEN_FIELD):
            raw[name.removeprefix(OPEN_FIELD)] = value
    if domains:
        raw[DOMAINS] = domains
    return raw


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
        label=_("Your name (optional)"),
        help_text=_("Shown only at the top of your own report."),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
