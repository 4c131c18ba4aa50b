"""How a score is written for a person: one decimal, and words that agree with it.

Every shell (the web pages, the terminal, the charts, the PDF to come) writes
scores through these functions, so a score reads the same everywhere, and the
words about a score are chosen from the number as shown, never from the bits
behind it: a report that says "2.5" says what 2.5 means.

Rounding is half up, from the shortest decimal that stands for the value
(``repr``): 2.25 is shown as 2.3, as a person rounding by hand would, not as the
2.2 of binary round-half-even.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from twofold.reports.model import Practice

__all__ = [
    "NO_SCORE",
    "agreement_text",
    "answered_note",
    "difference_text",
    "on_scale",
    "practice_score_text",
    "rounded",
    "score_text",
    "shown_agreement",
    "shown_difference",
    "signed_text",
]

#: Written where a score cannot be given.
NO_SCORE = "–"
_TENTH = Decimal("0.1")
_HUNDREDTH = Decimal("0.01")


def rounded(value: float) -> Decimal:
    """The value as shown: one decimal, rounded half up.

    Examples
    --------
    >>> rounded(2.25), rounded(2.4999999999999996), rounded(0.35)
    (Decimal('2.3'), Decimal('2.5'), Decimal('0.4'))
    """
    return Decimal(repr(float(value))).quantize(_TENTH, rounding=ROUND_HALF_UP)


def score_text(value: float | None) -> str:
    """A score with one decimal, or an en dash when there is none.

    Examples
    --------
    >>> score_text(3.85), score_text(None)
    ('3.9', '–')
    """
    if value is None or math.isnan(value):
        return NO_SCORE
    return str(rounded(value) + 0)  # "+ 0" turns -0.0 into 0.0


def signed_text(value: float | None) -> str:
    """A difference with its sign and a true minus sign, e.g. "+0.3" or "−0.4".

    Examples
    --------
    >>> signed_text(0.25), signed_text(-0.04), signed_text(-0.4)
    ('+0.3', '0.0', '−0.4')
    """
    if value is None or math.isnan(value):
        return NO_SCORE
    shown = rounded(value) + 0
    if shown == 0:
        return "0.0"
    return f"{'+' if shown > 0 else '−'}{abs(shown)}"


def shown_difference(a: float, b: float) -> Decimal:
    """``a − b`` as a reader works it out from the two scores shown.

    The difference of the rounded scores, not the rounded difference: 4.25 and
    3.64 are shown as 4.3 and 3.6, so their difference is shown as 0.7, not 0.6.

    Examples
    --------
    >>> shown_difference(4.25, 3.64), shown_difference(3.0, 3.04)
    (Decimal('0.7'), Decimal('0.0'))
    """
    return rounded(a) - rounded(b)


def difference_text(a: float | None, b: float | None) -> str:
    """``a − b`` with its sign, as the two shown scores give it, e.g. "+0.7".

    Examples
    --------
    >>> difference_text(4.25, 3.64), difference_text(3.0, 3.94), difference_text(None, 3.0)
    ('+0.7', '−0.9', '–')
    """
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return NO_SCORE
    return signed_text(float(shown_difference(a, b)))


def shown_agreement(value: float) -> Decimal:
    """An agreement index (rwg) as shown: two decimals, rounded half up.

    Examples
    --------
    >>> shown_agreement(0.505), shown_agreement(1.0)
    (Decimal('0.51'), Decimal('1.00'))
    """
    return Decimal(repr(float(value))).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def agreement_text(value: float | None) -> str:
    """An agreement index with two decimals, or an en dash when there is none.

    Examples
    --------
    >>> agreement_text(0.8292682926829268), agreement_text(None)
    ('0.83', '–')
    """
    if value is None or math.isnan(value):
        return NO_SCORE
    return str(shown_agreement(value))


def on_scale(value: float, low: int, high: int, labels: Mapping[int, str]) -> str:
    """A score in words a respondent knows, from the number as shown.

    A score shown as a whole number is that answer's label; any other lies
    between two answers and says so, which is true at every point of the scale.

    Examples
    --------
    >>> labels = {1: "Rarely", 2: "Occasionally", 3: "Sometimes", 4: "Often", 5: "Almost always"}
    >>> on_scale(4.0, 1, 5, labels)
    "4.0 of 5 ('Often')"
    >>> on_scale(2.4999999999999996, 1, 5, labels)
    "2.5 of 5, between 'Occasionally' and 'Sometimes'"
    """
    shown = rounded(value)
    text = f"{score_text(value)} of {high}"
    below = max(low, min(high, math.floor(shown)))
    if shown == below:
        return f"{text} ('{labels[below]}')"
    return f"{text}, between '{labels[below]}' and '{labels[below + 1]}'"


def answered_note(practice: Practice, *, short: bool = False) -> str:
    """ "2 of 3 answered" ("2 of 3" when ``short``) for a score resting on fewer answers
    than the practice has questions; nothing for a full one."""
    if not practice.partial:
        return ""
    counts = f"{practice.answered} of {practice.n_items}"
    return counts if short else f"{counts} answered"


def practice_score_text(practice: Practice, *, short: bool = False) -> str:
    """A practice's score with its note: "3.7", "1.5 (2 of 3 answered)" or "no score"."""
    if practice.score is None:
        return "no score"
    note = answered_note(practice, short=short)
    return f"{score_text(practice.score)} ({note})" if note else score_text(practice.score)
