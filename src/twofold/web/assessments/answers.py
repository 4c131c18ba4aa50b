"""The one place where answers are checked against an instrument.

The questionnaire pages, the htmx save of a single answer and the API all send
what they received through :func:`clean_answers` before anything is stored.
"""

from __future__ import annotations

from collections.abc import Mapping

from twofold.core.errors import TwofoldError
from twofold.core.instrument import Instrument


class InvalidAnswersError(TwofoldError):
    """Some answers cannot be stored; ``problems`` says which and why, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def parse_form_value(value: str) -> int | str | None:
    """A posted form value as the type :func:`clean_answers` expects.

    Digits become an int, ``"not_observed"`` becomes None (an observer's
    "Not observed"); anything else is returned unchanged, to be refused.
    """
    text = value.strip()
    if text == "not_observed":
        return None
    if text.lstrip("-").isdigit():
        return int(text)
    return value


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
        or None for "Not observed" when ``observer`` is true.
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
            else:
                problems.append(f"{item_id}: an answer from {low} to {high} is required")
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{item_id}: {value!r} is not a whole number from {low} to {high}")
        elif not low <= value <= high:
            problems.append(f"{item_id}: {value} is outside the scale {low} to {high}")
        else:
            cleaned[item_id] = value
    if problems:
        raise InvalidAnswersError(problems)
    return cleaned
