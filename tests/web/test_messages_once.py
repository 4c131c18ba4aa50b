"""A message after an action appears once on the page it leads to, never twice.

The site's frame shows messages above the page; pages that show them in their
own column empty that block. A page that did both would repeat every message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "src" / "twofold" / "web"
TEMPLATES = sorted(
    p
    for p in WEB.glob("*/templates/**/*.html")
    if "_fragments" not in p.parts and "email" not in p.parts
)
SHOWS_ITS_OWN = ("messages.html", "org_header.html", "for message in messages")


def _shows_its_own(template: Path) -> bool:
    text = template.read_text()
    return any(marker in text for marker in SHOWS_ITS_OWN) and "_messages.html" not in template.name


@pytest.mark.parametrize(
    "template", [t for t in TEMPLATES if _shows_its_own(t)], ids=lambda p: p.name
)
def test_a_page_that_shows_its_own_messages_empties_the_frames(template: Path) -> None:
    text = template.read_text()
    if "{% extends" not in text:
        pytest.skip("not a page")
    assert "{% block messages %}{% endblock %}" in text
