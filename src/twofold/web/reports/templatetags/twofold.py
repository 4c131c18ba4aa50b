"""Presentation filters: how numbers and kinds are written on the pages.

Scores arrive at full precision; they are written by :mod:`twofold.reports.numbers`,
as in every other shell.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from twofold.reports import numbers
from twofold.reports.model import Practice
from twofold.reports.numbers import score_text, signed_text

register = template.Library()

KIND_LABELS = {
    "course": "Course",
    "framework": "Framework to learn",
    "case-study": "Case study",
    "on-the-job": "Apply it at work",
    "stretch": "Stretch assignment",
    "coaching": "Coaching",
    "role-model": "Learn from a role model",
    "reflection": "Reflection",
}


@register.filter
def kind_label(kind: str) -> str:
    """An activity kind in words, e.g. ``case-study`` → "Case study"."""
    return KIND_LABELS.get(kind, kind.replace("-", " ").capitalize())


@register.filter
def score(value: float | None) -> str:
    """A score with one decimal, or an en dash when there is none."""
    return score_text(value)


@register.filter
def answered_note(practice: Practice) -> str:
    """ "2 of 3 answered" for a score resting on fewer answers than the practice has
    questions, and nothing for a full one: the terminal says the same."""
    return numbers.answered_note(practice)


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
