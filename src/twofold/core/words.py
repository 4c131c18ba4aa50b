"""Counts in plain English: "1 respondent", "2,400 respondents", never "respondent(s)"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and the noun in the number it needs, with thousands separated.

    Examples
    --------
    >>> counted(1, "respondent"), counted(2400, "respondent"), counted(0, "group")
    ('1 respondent', '2,400 respondents', '0 groups')
    >>> counted(2, "entry", "entries")
    '2 entries'
    """
    word = noun if count == 1 else (plural or f"{noun}s")
    return f"{count:,} {word}"
