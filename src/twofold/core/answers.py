"""The rules a stored answer follows, whichever way it arrives.

A web page, an htmx save, an API call and the terminal all hand their answers to
:func:`clean_answers` before anything is kept, and turn kept answers into the
matrix scoring takes with :func:`answer_matrix`. Answers are ``{item_id: value}``:
an absent item is unanswered and ``None`` is an observer's "Not observed".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from twofold.core.errors import InvalidAnswersError
from twofold.core.instrument import Instrument
from twofold.core.scoring.key import FloatArray

__all__ = ["Answers", "InvalidAnswersError", "answer_matrix", "clean_answers"]

Answers = Mapping[str, int | None]


def clean_answers(
    instrument: Instrument, raw: Mapping[str, object], *, observer: bool = False
) -> dict[str, int | None]:
    """Check answers and return them ready to store.

    Parameters
    ----------
    instrument
        The instrument the answers belong to.
    raw
        ``{item_id: value}``; each value a whole number on the response scale,
        or None for "Not observed" when ``observer`` is true and the instrument
        offers that option.
    observer
        True for someone rating another person, who may answer "Not observed".

    Returns
    -------
    dict
        The same answers, typed.

    Raises
    ------
    InvalidAnswersError
        Listing every unknown item id and every value that is not allowed.

    Examples
    --------
    >>> from twofold.content import builtin_instrument
    >>> clean_answers(builtin_instrument("tlmi"), {"env1": 4})
    {'env1': 4}
    >>> clean_answers(builtin_instrument("tlmi"), {"env1": 9, "nope": 1})
    Traceback (most recent call last):
    twofold.core.errors.InvalidAnswersError: 2 problems in the answers:
      env1: 9 is outside the scale 1 to 5
      nope: no such item in tlmi@1.0
    """
    known = set(instrument.item_ids)
    low, high = instrument.response_scale.min, instrument.response_scale.max
    problems: list[str] = []
    cleaned: dict[str, int | None] = {}
    for item_id, value in raw.items():
        if item_id not in known:
            problems.append(f"{item_id}: no such item in {instrument.ref}")
        elif value is None:
            if observer and instrument.response_scale.not_observed is not None:
                cleaned[item_id] = None
            elif observer:
                problems.append(
                    f"{item_id}: this inventory has no 'Not observed'; "
                    f"give an answer from {low} to {high}"
                )
            else:
                problems.append(
                    f"{item_id}: 'Not observed' is for people rating someone else; "
                    f"give an answer from {low} to {high}"
                )
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{item_id}: {value!r} is not a whole number from {low} to {high}")
        elif not low <= value <= high:
            problems.append(f"{item_id}: {value} is outside the scale {low} to {high}")
        else:
            cleaned[item_id] = value
    if problems:
        raise InvalidAnswersError(problems)
    return cleaned


def answer_matrix(instrument: Instrument, answer_sets: Sequence[Answers]) -> FloatArray:
    """Answer sets as a respondents × items matrix in the instrument's item order.

    Unanswered items and "Not observed" are NaN, the missing value of scoring.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> answer_matrix(instrument_from_keys("A=a1,a2,a3", 1, 5), [{"a1": 2, "a3": None}])
    array([[ 2., nan, nan]])
    """
    rows = [[answers.get(item_id) for item_id in instrument.item_ids] for answers in answer_sets]
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(instrument.item_ids))
