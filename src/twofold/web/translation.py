"""Text made outside Django, said in the language of the request.

The core writes what a person reads in English, as :class:`~twofold.core.messages.Message`
when a page may show it; this is where a page turns it into the reader's language.
"""

from __future__ import annotations

from django.utils.translation import gettext

from twofold.core.messages import Message


def translated(text: str) -> str:
    """``text`` in the active language: a core message from its template, anything else as it is."""
    if isinstance(text, Message):
        return gettext(text.template) % text.values
    return text
