"""Every stylesheet is whole: an unclosed brace silently drops every rule after it."""

from __future__ import annotations

from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "src" / "twofold" / "web"
SHEETS = sorted(WEB.glob("*/static/twofold/*.css"))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_brace_is_closed_in_order(sheet: Path) -> None:
    depth = 0
    for number, line in enumerate(sheet.read_text().splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{sheet.name} line {number}: a brace closes nothing"
    assert depth == 0, f"{sheet.name}: {depth} braces never closed"


def test_it_finds_the_stylesheets() -> None:
    assert {p.name for p in SHEETS} >= {"app.css", "campaigns.css", "reports.css"}
