"""The 360 report's chart: a bar per shown group per practice, readable without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from twofold.content import builtin_instrument
from twofold.reports.charts import groups_chart
from twofold.reports.model import Report
from twofold.reports.multirater import build_360_report

TLMI = builtin_instrument("tlmi")
K = len(TLMI.item_ids)
SVG = "{http://www.w3.org/2000/svg}"


def _report() -> Report:
    """Self 4, manager 5, three peers at 3 (one leaves Planning "Not observed"), two
    direct reports (withheld). Peers show Planning from two raters: not shown."""
    planning = [i for i, item in enumerate(TLMI.items) if item.id.startswith("pln")]
    blind = np.full(K, 3.0)
    blind[planning] = np.nan
    rows = np.vstack([np.full(K, 4.0), np.full(K, 5.0), np.full((2, K), 3.0), blind])
    rows = np.vstack([rows, np.full((2, K), 1.0)])
    groups = ["self", "manager", "peers", "peers", "peers", "direct_reports", "direct_reports"]
    return build_360_report(TLMI, rows, groups, [{}] * len(groups), seed=1)


@pytest.fixture(params=[False, True], ids=["narrow", "wide"])
def charts(request: pytest.FixtureRequest) -> tuple[str, ...]:
    return groups_chart(_report(), wide=request.param)


def _texts(svg: str, cls: str | None = None) -> list[str]:
    return [
        el.text or ""
        for el in ET.fromstring(svg).iter(f"{SVG}text")
        if cls is None or cls in el.get("class", "").split()
    ]


def test_it_draws_a_key_then_one_block_per_domain_all_equally_wide(
    charts: tuple[str, ...],
) -> None:
    key, *blocks = charts
    assert len(blocks) == 8
    widths = {ET.fromstring(svg).get("viewBox", "").split()[2] for svg in charts}
    assert len(widths) == 1
    assert _texts(key)[:4] == ["Self", "Manager", "Peers", "All raters"]
    assert _texts(blocks[0])[0] == "Direction"


def test_it_draws_a_bar_for_each_shown_group_and_none_for_a_withheld_one(
    charts: tuple[str, ...],
) -> None:
    _, *blocks = charts
    labels = [t for svg in blocks for t in _texts(svg, "group-label")]
    assert labels.count("Self") == labels.count("All raters") == 16
    assert "Direct reports" not in labels
    assert not any("direct_reports" in svg for svg in charts)


def test_it_writes_every_score_with_one_decimal_or_says_it_is_not_shown(
    charts: tuple[str, ...],
) -> None:
    direction = charts[1]
    # Envisioning: self 4.0, manager 5.0, peers 3.0, all raters (5 + 9) / 4 = 3.5.
    # Planning: the peers' score rests on two raters and is not shown; with the two
    # direct reports they are four, pooled into all raters: (5 + 3 + 3 + 1 + 1) / 5.
    assert _texts(direction, "value") == [
        "4.0",
        "5.0",
        "3.0",
        "3.5",
        "4.0",
        "5.0",
        "not shown",
        "2.6",
    ]


def test_it_tells_groups_apart_without_colour(charts: tuple[str, ...]) -> None:
    key = ET.fromstring(charts[0])
    fills = [el.get("fill") for el in key.iter(f"{SVG}rect") if "swatch" in el.get("class", "")]
    assert len(fills) == len(set(fills)) == 4
    patterns = [el.get("id") for el in key.iter(f"{SVG}pattern")]
    assert any(p.endswith("-manager") for p in patterns)
    assert any(p.endswith("-peers") for p in patterns)


def test_it_fits_a_phone_and_spreads_out_on_paper() -> None:
    report = _report()
    narrow = ET.fromstring(groups_chart(report)[0]).get("viewBox", "").split()
    wide = ET.fromstring(groups_chart(report, wide=True)[0]).get("viewBox", "").split()
    assert float(narrow[2]) == 320
    assert float(wide[2]) >= 680


def test_it_is_accessible_and_the_same_every_time(charts: tuple[str, ...]) -> None:
    ids = [ET.fromstring(svg).get("id") for svg in charts]
    assert len(set(ids)) == len(ids)
    for svg in charts:
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None
        assert root.find(f"{SVG}desc") is not None
        assert "<script" not in svg
    assert "Envisioning: Self 4.0, Manager 5.0, Peers 3.0, All raters 3.5" in charts[1]
    assert groups_chart(_report()) == groups_chart(_report())
