"""Errors the core raises; each message names the field, row or item at fault."""

from __future__ import annotations

from collections.abc import Iterable

#: Problems listed in a message; the rest are counted, so a file with a million
#: bad cells gives a message a person can read (and an API response of sane size).
SHOWN_PROBLEMS = 20


class TwofoldError(ValueError):
    """Base class of every error the core raises on bad input."""


class ProblemsError(TwofoldError):
    """Bad input described as every problem found, each as ``location: message``.

    Collecting all problems before raising lets a user fix a file, a form or a
    request in one pass instead of one error at a time. ``problems`` keeps them
    all; :meth:`shown` is what a person should read.

    Examples
    --------
    >>> print(ProblemsError(["line 3, column a1: 'x' is not a number"], "answers.csv"))
    A problem in answers.csv:
      line 3, column a1: 'x' is not a number
    """

    #: What the problems are in, when the caller does not say (a file's path, say).
    default_source = "the input"

    def __init__(self, problems: Iterable[str], source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = self.default_source if source is None else source
        listing = "\n".join(f"  {line}" for line in self.shown())
        super().__init__(f"{_heading(len(self.problems), self.source)}:\n{listing}")

    def shown(self, limit: int = SHOWN_PROBLEMS) -> list[str]:
        """The first ``limit`` problems, and a last line counting the others, if any."""
        more = len(self.problems) - limit
        if more <= 0:
            return list(self.problems)
        return [*self.problems[:limit], f"… and {more:,} more"]


def _heading(count: int, source: str) -> str:
    """ "A problem in FILE" or "3 problems in FILE": plain English for any count."""
    return f"A problem in {source}" if count == 1 else f"{count:,} problems in {source}"


class InstrumentError(ProblemsError):
    """An instrument definition breaks the schema or its own references."""

    default_source = "the instrument"


class ResponsesError(ProblemsError):
    """A responses table cannot be scored; ``problems`` lists each bad cell or column."""

    default_source = "the responses"


class InvalidAnswersError(ProblemsError):
    """Some answers cannot be stored; nothing of them is."""

    default_source = "the answers"


class InvalidCommentsError(InvalidAnswersError):
    """An observer's comments cannot be stored; nothing of them (or of the answers
    sent with them) is. A kind of :class:`InvalidAnswersError`, so every shell that
    reports bad answers reports bad comments the same way."""

    default_source = "the comments"
