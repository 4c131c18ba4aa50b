"""Links to pages that another part of Twofold may or may not provide.

The campaign pages link to nominations, approvals, releases, people, members
and the audit log, each served by its own app. ``{% optional_url %}`` gives
such a link only when a page of that name exists, so a page never shows a
link that leads nowhere, and never fails because one is missing.
"""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: object) -> str:
    """The path of the page named ``name`` with ``args``; "" when there is no such page.

    Use it with ``as``: ``{% optional_url 'audit:log' slug as audit_url %}``,
    then show the link ``{% if audit_url %}``.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
