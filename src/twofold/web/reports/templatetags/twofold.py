"""Presentation filters: how numbers and kinds are written on the pages.

Scores arrive at full precision; they are written by :mod:`twofold.reports.numbers`,
as in every other shell.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from twofold.reports import numbers
from twofold.reports.model import Practice
from twofold.reports.numbers import agreement_text, score_text, shown_agreement, signed_text

register = template.Library()

KIND_LABELS = {
    "course": _("Course"),
    "framework": _("Framework to learn"),
    "case-study": _("Case study"),
    "on-the-job": _("Apply it at work"),
    "stretch": _("Stretch assignment"),
    "coaching": _("Coaching"),
    "role-model": _("Learn from a role model"),
    "reflection": _("Reflection"),
}

#: LeBreton and Senter's (2008) bands of rwg, lowest first: (upper bound, words).
AGREEMENT_BANDS = (
    (Decimal("0.30"), _("None")),
    (Decimal("0.50"), _("Weak")),
    (Decimal("0.70"), _("Moderate")),
    (Decimal("0.90"), _("Strong")),
    (Decimal("1.00"), _("Very strong")),
)


@register.filter
def kind_label(kind: str) -> str:
    """An activity kind in words, e.g. ``case-study`` → "Case study"."""
    return str(KIND_LABELS.get(kind, kind.replace("-", " ").capitalize()))


@register.filter
def agreement(value: float | None) -> str:
    """An agreement index (rwg) with two decimals, or an en dash when there is none."""
    return agreement_text(value)


@register.filter
def agreement_label(value: float | None) -> str:
    """How strong an agreement is, in a word chosen from the index as shown."""
    if value is None:
        return ""
    shown = shown_agreement(value)
    return str(next(words for bound, words in AGREEMENT_BANDS if shown <= bound))


@register.filter
def score(value: float | None) -> str:
    """A score with one decimal, or an en dash when there is none."""
    return score_text(value)


@register.filter
def answered_note(practice: Practice) -> str:
    """ "2 of 3 answered" for a score resting on fewer answers than the practice has
    questions, and nothing for a full one: the terminal says the same."""
    if not numbers.answered_note(practice):
        return ""
    return gettext("%(answered)s of %(total)s answered") % {
        "answered": practice.answered,
        "total": practice.n_items,
    }


CAPABILITIES = {"leadership": (_("Leadership"), _("L")), "management": (_("Management"), _("M"))}


@register.filter
def capability_label(capability: str) -> str:
    """A capability's name, e.g. ``leadership`` → "Leadership"."""
    label = CAPABILITIES.get(capability)
    return str(label[0]) if label else capability.capitalize()


@register.filter
def capability_mark(capability: str) -> str:
    """A capability's one-letter mark, e.g. ``management`` → "M"."""
    label = CAPABILITIES.get(capability)
    return str(label[1]) if label else capability[:1].upper()


@register.filter
def signed(value: float | None) -> str:
    """A difference with its sign and a true minus, e.g. "+0.3" or "−0.4"."""
    return signed_text(value)


@register.filter
def get_label(labels: dict[int, str], point: int) -> str:
    """The label of one point of the response scale."""
    return labels.get(point, str(point))


#: A word joined by hyphens ("follow-through") or a formula under a root sign
#: ("√(1 − r)"): a line should break around either, never inside it.
_UNBROKEN = re.compile(r"√\([^()]*\)|\w+(?:-\w+)+")


@register.filter
def keep_together(text: str) -> SafeString:
    """The text, escaped, with each hyphenated word and root formula in a span no line
    breaks inside: browsers break after a hyphen, so a phone shows "follow-" and
    "through" as if two words, and paper splits "√(1 −" from "r)"."""
    parts = []
    last = 0
    for match in _UNBROKEN.finditer(text):
        parts.append(conditional_escape(text[last : match.start()]))
        parts.append(format_html('<span class="nowrap">{}</span>', match.group()))
        last = match.end()
    parts.append(conditional_escape(text[last:]))
    return mark_safe("".join(parts))  # every part is escaped above
