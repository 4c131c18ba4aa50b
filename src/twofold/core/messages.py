"""Sentences of the core that a person reads, in English and ready for another language.

The core never imports Django, so it cannot translate; it can keep what a
translation needs. A :class:`Message` is the English text itself (the
terminal prints it, a test compares it, as any string) that also remembers
its template, marked with :func:`gettext_noop` so that ``django-admin
makemessages`` collects it, and the values that fill it in. The web pages
translate the template and fill it in again
(:func:`twofold.web.translation.translated`).
"""

from __future__ import annotations

from typing import Any


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation and return it unchanged.

    The name is the one ``makemessages`` looks for: it finds the template
    here, and the web translates it when it shows the message.
    """
    return message


class Message(str):
    """English text that keeps its template and values, to be said in another language.

    ``template`` holds named placeholders (``%(line)d``), never positional
    ones, so a translation may put the values in any order.

    Examples
    --------
    >>> problem = Message(gettext_noop("line %(line)d, column %(column)s: empty"), line=4,
    ...                   column="name")
    >>> problem
    'line 4, column name: empty'
    >>> problem.template, problem.values
    ('line %(line)d, column %(column)s: empty', {'line': 4, 'column': 'name'})
    """

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Message:
        text = super().__new__(cls, template % values)
        text.template = template
        text.values = values
        return text

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:
        """Copies and pickles are made from the template and values, as the original was."""
        return (self.template,), self.values
