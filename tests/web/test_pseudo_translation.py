"""The pseudo-translation and the reader of pages that the marking tests rely on.

If these fail, a marking test could pass while text goes untranslated.
"""

from __future__ import annotations

from django.template import Context, Template
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext
from tests.web.pseudo_translation import (
    Allowed,
    pseudo_translated,
    untranslated_html,
    untranslated_text,
)


def test_it_wraps_every_kind_of_translated_string_while_active() -> None:
    lazy = gettext_lazy("Home")
    with pseudo_translated():
        assert gettext("Home") == "⟦Home⟧"
        assert str(lazy) == "⟦Home⟧"
        assert ngettext("%(n)d day", "%(n)d days", 2) % {"n": 2} == "⟦2 days⟧"
        assert pgettext("month name", "May") == "⟦May⟧"
        assert gettext("") == ""
    assert gettext("Home") == "Home"
    assert str(lazy) == "Home"


def test_it_finds_words_that_are_not_marked() -> None:
    template = Template(
        "{% load i18n %}<h1 title='Hover text'>{% translate 'Marked' %} Plain</h1>"
        "<p>{% blocktranslate with name='Ada' %}Hello {{ name }}{% endblocktranslate %}</p>"
        "<input type='submit' value='Send'><script>const word = 'Ignored';</script>"
    )
    with pseudo_translated():
        html = template.render(Context())
    assert untranslated_html(html, Allowed()) == ["Plain", "Hover text", "Send"]
    assert untranslated_html(html, Allowed().add("Plain", "Hover text", "Send")) == []


def test_it_follows_a_sentence_through_links_and_emphasis() -> None:
    marked = "<p>⟦Read <a href='/x'>the guide</a> first⟧</p>"
    plain = "<p>Read <strong>the guide</strong> first</p>"
    assert untranslated_html(marked, Allowed()) == []
    assert untranslated_html(plain, Allowed()) == ["Read the guide first"]


def test_it_allows_data_numbers_and_the_texts_of_the_content_files() -> None:
    allowed = Allowed().add("Ada Example")
    page = (
        "<td>Ada Example</td><td>3.4</td><td>ada@example.org</td>"
        "<p>Envisioning</p><p>Envisioning is one of your strengths.</p>"
    )
    assert untranslated_html(page, allowed) == []
    assert untranslated_html("<p>Envisioning is great</p>", allowed) == ["Envisioning is great"]


def test_it_reads_an_email_line_by_line_and_lets_links_through() -> None:
    body = "⟦Hello Ada,⟧\n\nhttps://twofold.example.org/rate/abc/\n\nThanks\n"
    assert untranslated_text(body, Allowed()) == ["Thanks"]
