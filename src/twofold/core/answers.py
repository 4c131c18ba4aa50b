"""The rules a stored answer follows, whichever way it arrives.

A web page, an htmx save, an API call and the terminal all hand their answers to
:func:`clean_answers` before anything is kept, and turn kept answers into the
matrix scoring takes with :func:`answer_matrix`. Answers are ``{item_id: value}``:
an absent item is unanswered and ``None`` is an observer's "Not observed".

An observer may also write: a comment on each page of the questionnaire, and
answers to two open questions at the end (their greatest strength, the one
change that would help them most). :func:`clean_comments` checks them and
:func:`merge_comments` folds them into what was kept before. Comments are
stored as ``{"domains": {page_id: text}, "strength": text, "change": text}``,
each key present only while it has text; a page's id is its domain's id
(:mod:`twofold.core.questionnaire`). Domains are nested under their own key
because a domain may be called "change" too (the TLMI has one).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import TypedDict

import numpy as np

from twofold.core.errors import InvalidAnswersError, InvalidCommentsError
from twofold.core.instrument import Instrument
from twofold.core.questionnaire import pages
from twofold.core.scoring.key import FloatArray

__all__ = [
    "COMMENT_LIMIT",
    "DOMAINS",
    "OPEN_QUESTIONS",
    "Answers",
    "Comments",
    "InvalidAnswersError",
    "InvalidCommentsError",
    "answer_matrix",
    "clean_answers",
    "clean_comments",
    "merge_comments",
]

Answers = Mapping[str, int | None]

#: The open questions an observer may answer at the end, in the order they are asked.
OPEN_QUESTIONS = ("strength", "change")
#: The key under which the comments on the questionnaire's pages are kept.
DOMAINS = "domains"
#: The most characters one comment may have, counted after it is tidied (a line
#: break is one character, as a browser's ``maxlength`` counts it).
COMMENT_LIMIT = 1500
#: Characters that text cannot carry into storage: control characters (PostgreSQL
#: refuses NUL in JSON) and lone surrogates. Line breaks and tabs are text.
_UNSTORABLE = frozenset({"Cc", "Cs"})
#: How a value that should have been text is named (in JSON's words, as most arrive).
_KINDS: dict[type, str] = {
    type(None): "null",
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


class Comments(TypedDict, total=False):
    """An observer's words, as stored: each key only while it has text."""

    domains: dict[str, str]
    strength: str
    change: str


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


def clean_comments(instrument: Instrument, raw: Mapping[str, object]) -> Comments:
    """Check an observer's comments and return them ready to merge.

    Parameters
    ----------
    instrument
        The instrument whose questionnaire the comments are about.
    raw
        Any of ``{"domains": {page_id: text}, "strength": text, "change": text}``.
        Text is tidied: every kind of line break becomes ``\\n`` and
        surrounding white space goes. Empty text means "remove this comment".

    Returns
    -------
    Comments
        The same keys, with tidied text (possibly empty).

    Raises
    ------
    InvalidCommentsError
        Listing every unknown key, every value that is not text, and every text
        that is too long or holds a character that cannot be stored.

    Examples
    --------
    >>> from twofold.content import builtin_instrument
    >>> tlmi = builtin_instrument("tlmi")
    >>> clean_comments(tlmi, {"domains": {"risk": "  Bold.\\r\\nCareful too. "}, "change": ""})
    {'domains': {'risk': 'Bold.\\nCareful too.'}, 'change': ''}
    >>> clean_comments(tlmi, {"domains": {"nope": "x"}, "praise": "x", "strength": 5})
    Traceback (most recent call last):
    twofold.core.errors.InvalidCommentsError: 3 problems in the comments:
      domains.nope: no such domain in tlmi@1.0
      praise: not a comment this questionnaire asks for (domains, strength or change)
      strength: expected text, got a number
    """
    problems: list[str] = []
    cleaned = Comments()
    for key, value in raw.items():
        if key == DOMAINS:
            cleaned["domains"] = _clean_domains(instrument, value, problems)
        elif key in OPEN_QUESTIONS:
            cleaned[key] = _clean_text(key, value, problems)  # type: ignore[literal-required]
        else:
            problems.append(
                f"{key}: not a comment this questionnaire asks for "
                f"({DOMAINS}, {' or '.join(OPEN_QUESTIONS)})"
            )
    if problems:
        raise InvalidCommentsError(problems)
    return cleaned


def _clean_domains(instrument: Instrument, value: object, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, Mapping):
        problems.append(f"{DOMAINS}: expected an object of domain id to text")
        return {}
    known = {page.id for page in pages(instrument)}
    result: dict[str, str] = {}
    for page_id, text in value.items():
        where = f"{DOMAINS}.{page_id}"
        if page_id not in known:
            problems.append(f"{where}: no such domain in {instrument.ref}")
        else:
            result[page_id] = _clean_text(where, text, problems)
    return result


def _clean_text(where: str, value: object, problems: list[str]) -> str:
    if not isinstance(value, str):
        kind = _KINDS.get(type(value), type(value).__name__)
        problems.append(f"{where}: expected text, got {kind}")
        return ""
    # Every kind of line break (a Word document's manual one is a vertical tab) becomes "\n".
    text = "\n".join(value.splitlines()).strip()
    if any(unicodedata.category(c) in _UNSTORABLE and c not in "\n\t" for c in text):
        problems.append(f"{where}: holds a control character, which a comment cannot contain")
    if len(text) > COMMENT_LIMIT:
        problems.append(f"{where}: {len(text):,} characters; the most is {COMMENT_LIMIT:,}")
    return text


def merge_comments(stored: Mapping[str, object], cleaned: Comments) -> Comments:
    """``stored`` with ``cleaned`` written over it; empty text removes a comment.

    Examples
    --------
    >>> merge_comments({"domains": {"risk": "Bold."}, "change": "Listen."},
    ...                {"domains": {"risk": "", "people": "Fair."}, "strength": "Calm."})
    {'strength': 'Calm.', 'change': 'Listen.', 'domains': {'people': 'Fair.'}}
    """
    merged = Comments()
    for key in OPEN_QUESTIONS:
        text = cleaned.get(key, stored.get(key))
        if isinstance(text, str) and text:
            merged[key] = text  # type: ignore[literal-required]
    before = stored.get(DOMAINS)
    domains = dict(before) if isinstance(before, Mapping) else {}
    for page_id, text in cleaned.get("domains", {}).items():
        if text:
            domains[page_id] = text
        else:
            domains.pop(page_id, None)
    if domains:
        merged["domains"] = domains
    return merged
