"""twofold.web.translation: a core message reaches a page in the reader's language."""

from __future__ import annotations

from tests.web.pseudo_translation import pseudo_translated

from twofold.core.messages import Message, gettext_noop
from twofold.web.translation import translated

EMPTY = gettext_noop("line %(line)d, column %(column)s: empty")


def test_it_translates_a_core_message_from_its_template_then_fills_it_in() -> None:
    with pseudo_translated():
        assert translated(Message(EMPTY, line=3, column="email")) == (
            "⟦line 3, column email: empty⟧"
        )


def test_it_leaves_other_text_as_it_is() -> None:
    with pseudo_translated():
        assert translated("Ada Example") == "Ada Example"


def test_it_says_a_message_in_english_without_a_translation() -> None:
    assert translated(Message(EMPTY, line=3, column="email")) == "line 3, column email: empty"
