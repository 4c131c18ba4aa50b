"""Email addresses on narrow screens: broken where a reader expects, not mid-word.

A long address in a narrow column ("hana.kobayashi@harbourvale.example" on a
phone) would otherwise break wherever the line ends, "harbourvale.exampl" over
"e". ``{{ address|breakable_email }}`` lets it break after the "@" first, each
side kept whole while it fits (the ``email-part`` style), and a side longer
than the line before one of its dots.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

#: A break opportunity before a dot, so "example.org" may wrap as "example" / ".org".
_BEFORE_DOT = mark_safe("<wbr>.")


@register.filter
def breakable_email(address: object) -> SafeString:
    """The address as HTML, escaped, that breaks after its "@" and then before its dots."""
    text = str(address)
    local, at, domain = text.rpartition("@")
    if not at:
        return SafeString(conditional_escape(text))
    return format_html(
        '<span class="email-part">{}@</span><wbr><span class="email-part">{}</span>',
        _dotted(local),
        _dotted(domain),
    )


def _dotted(part: str) -> SafeString:
    return format_html_join(_BEFORE_DOT, "{}", ((piece,) for piece in part.split(".")))
