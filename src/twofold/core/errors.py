"""Errors the core raises; each message names the field, row or item at fault."""

from __future__ import annotations


class TwofoldError(ValueError):
    """Base class of every error the core raises on bad input."""


class InstrumentError(TwofoldError):
    """An instrument definition breaks the schema or its own references.

    ``problems`` lists every problem found, each as ``location: message``, so a
    user can fix a file in one pass instead of one error at a time.
    """

    def __init__(self, problems: list[str], source: str = "instrument") -> None:
        self.problems = problems
        self.source = source
        listing = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{source} has {len(problems)} problem(s):\n{listing}")


class ResponsesError(TwofoldError):
    """A responses table cannot be scored; ``problems`` lists each bad cell or column."""

    def __init__(self, problems: list[str], source: str = "responses") -> None:
        self.problems = problems
        self.source = source
        shown = problems[:20]
        more = len(problems) - len(shown)
        listing = "\n".join(f"  {p}" for p in shown)
        tail = f"\n  … and {more} more" if more else ""
        super().__init__(f"{source} has {len(problems)} problem(s):\n{listing}{tail}")
