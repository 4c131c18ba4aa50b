"""Presentation filters: how numbers and kinds are written on the pages.

Scores arrive at full precision; they are written by :mod:`twofold.reports.numbers`,
as in every other shell.
"""

from __future__ import annotations

from django import template

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
    if not practice.partial:
        return ""
    return f"{practice.answered} of {practice.n_items} answered"


@register.filter
def signed(value: float | None) -> str:
    """A difference with its sign and a true minus, e.g. "+0.3" or "−0.4"."""
    return signed_text(value)


@register.filter
def get_label(labels: dict[int, str], point: int) -> str:
    """The label of one point of the response scale."""
    return labels.get(point, str(point))
