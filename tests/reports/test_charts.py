"""The SVG charts: valid, inlinable, labelled, accessible and the same every time."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from twofold.content import builtin_instrument
from twofold.core.instrument import parse_instrument
from twofold.core.scoring import score
from twofold.reports.build import build_report
from twofold.reports.charts import plane_chart, practices_chart
from twofold.reports.model import Report

TLMI = builtin_instrument("tlmi")
SVG = "{http://www.w3.org/2000/svg}"


def report_for(**by_scale: float) -> Report:
    """One respondent answering 4 everywhere except the named scales (NaN: unanswered)."""
    row = [by_scale.get(scale.id, 4.0) for scale in TLMI.scales for _ in scale.items]
    return build_report(TLMI, score(TLMI, np.array([row])))


def texts(svg: str) -> list[str]:
    return [el.text for el in ET.fromstring(svg).iter(f"{SVG}text") if el.text]


def wide_practices_chart(report: Report) -> str:
    return practices_chart(report, wide=True)


@pytest.fixture(
    params=[practices_chart, wide_practices_chart, plane_chart],
    ids=["practices", "practices-wide", "plane"],
)
def chart(request: pytest.FixtureRequest) -> str:
    return str(request.param(report_for(planning=2, innovating=5)))


def bars_and_values(svg: str) -> list[tuple[ET.Element, ET.Element]]:
    """Each practice's bar with the score text drawn after it (a practice without a
    score has text but no bar)."""
    pairs, bar = [], None
    for el in ET.fromstring(svg):
        if el.tag == f"{SVG}rect" and "bar" in el.get("class", "").split():
            bar = el
        elif el.tag == f"{SVG}text" and "value" in el.get("class", "").split():
            if bar is not None:
                pairs.append((bar, el))
            bar = None
    return pairs


def partial_report() -> Report:
    """Planning answered 1 and 2, its third question left out: 1.5 from 2 of 3."""
    row = [4.0] * len(TLMI.items)
    planning = [i for i, item in enumerate(TLMI.items) if item.id.startswith("pln")]
    row[planning[0]], row[planning[1]], row[planning[2]] = 1.0, 2.0, np.nan
    return build_report(TLMI, score(TLMI, np.array([row])))


def test_it_renders_well_formed_svg(chart: str) -> None:
    root = ET.fromstring(chart)
    assert root.tag == f"{SVG}svg"


def test_it_can_be_inlined_in_a_page_without_scripts(chart: str) -> None:
    assert not chart.startswith("<?xml")
    assert "<script" not in chart
    assert "<?xml-stylesheet" not in chart
    # The only address left is the SVG namespace: nothing is fetched from elsewhere.
    assert re.findall(r"https?://[^\s\"'<>]+", chart) == ["http://www.w3.org/2000/svg"]


def test_it_scales_to_its_container(chart: str) -> None:
    root = ET.fromstring(chart)
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") is None


def test_it_names_a_font_family_that_pdf_renderers_have(chart: str) -> None:
    # A bare "sans-serif" renders in a serif font in some PDF engines.
    assert re.search(r"font-family:\s*DejaVu Sans,\s*Arial,\s*sans-serif", chart)


def test_it_has_a_title_and_description_for_screen_readers(chart: str) -> None:
    root = ET.fromstring(chart)
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert title.text
    assert desc.text
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_it_draws_the_same_svg_for_the_same_report() -> None:
    report = report_for(planning=2)
    assert practices_chart(report) == practices_chart(report)
    assert plane_chart(report) == plane_chart(report)


def test_it_gives_charts_of_different_results_different_ids() -> None:
    # Two charts inlined in one page must not share an id (their CSS is scoped to it).
    first, second = report_for(planning=2), report_for(planning=3)
    assert ET.fromstring(practices_chart(first)).get("id") != ET.fromstring(
        practices_chart(second)
    ).get("id")


def test_it_labels_every_practice_and_domain() -> None:
    shown = " ".join(texts(practices_chart(report_for(planning=2))))
    for scale in TLMI.scales:
        assert scale.name in shown
    for domain in TLMI.domains:
        assert domain.name in shown
    assert "Leadership practice" in shown
    assert "Management practice" in shown


def test_it_prints_each_score_with_one_decimal() -> None:
    # Envisioning answered 4, 4, 3: a score of 3.67, shown as 3.7.
    row = [4.0] * len(TLMI.items)
    row[0] = 3.0
    report = build_report(TLMI, score(TLMI, np.array([row])))
    for wide in (False, True):
        shown = texts(practices_chart(report, wide=wide))
        assert shown[shown.index("Envisioning") + 1] == "3.7"
        assert shown[shown.index("Planning") + 1] == "4.0"


@pytest.mark.parametrize("wide", [False, True], ids=["narrow", "wide"])
def test_it_writes_each_score_past_the_end_of_its_bar(wide: bool) -> None:
    # The old labels ran across the bar's end ("Champi|oning change"): a score's
    # text now starts after its bar, whatever the bar's length.
    svg = practices_chart(report_for(planning=1, innovating=5, aligning=3), wide=wide)
    pairs = bars_and_values(svg)
    assert len(pairs) == 16
    for bar, value in pairs:
        assert float(value.get("x", "0")) > float(bar.get("x", "0")) + float(bar.get("width", "0"))
        assert float(bar.get("y", "0")) <= float(value.get("y", "0"))
        assert float(value.get("y", "0")) <= float(bar.get("y", "0")) + float(
            bar.get("height", "0")
        )


def test_it_puts_names_on_their_own_line_in_the_narrow_layout() -> None:
    root = ET.fromstring(practices_chart(report_for()))
    elements = list(root)
    names = {scale.name for scale in TLMI.scales}
    for index, el in enumerate(elements):
        if el.tag == f"{SVG}text" and el.text in names:
            bar = next(e for e in elements[index:] if "track" in e.get("class", ""))
            assert float(el.get("y", "0")) <= float(bar.get("y", "0"))


def test_it_says_when_a_score_rests_on_fewer_answers_than_questions() -> None:
    for wide in (False, True):
        svg = practices_chart(partial_report(), wide=wide)
        shown = texts(svg)
        assert shown[shown.index("Planning") + 1] == "1.5 (2 of 3)"
        assert "(2 of 3): a score from 2 of 3 questions" in shown
        assert "Planning 1.5 (from 2 of 3 answers)" in str(
            ET.fromstring(svg).find(f"{SVG}desc").text
        )
    assert not any("of 3)" in t for t in texts(practices_chart(report_for())))


def test_it_hatches_management_bars_so_they_differ_without_colour() -> None:
    root = ET.fromstring(practices_chart(report_for()))
    fills = {el.get("class"): el.get("fill") for el in root.iter(f"{SVG}rect") if el.get("class")}
    assert fills["bar bar--management"] == f"url(#{root.get('id')}-hatch)"
    assert root.find(f".//{SVG}pattern").get("id") == f"{root.get('id')}-hatch"
    assert fills["bar bar--leadership"].startswith("#")


def test_it_shows_a_practice_without_a_score_by_name_but_without_a_bar() -> None:
    svg = practices_chart(report_for(optimizing=np.nan))
    shown = texts(svg)
    assert shown[shown.index("Optimizing") + 1] == "no score"
    bars = [r for r in ET.fromstring(svg).iter(f"{SVG}rect") if "bar" in r.get("class", "")]
    assert len(bars) == 15
    assert len(bars_and_values(svg)) == 15


def test_it_names_the_four_regions_on_the_plane() -> None:
    shown = texts(plane_chart(report_for()))
    for name in ("Integrator", "Visionary", "Steward", "Emerging"):
        assert name in shown


def test_it_gives_the_persons_scores_in_the_plane_legend() -> None:
    report = report_for(**{s.id: 2.0 for s in TLMI.scales if s.capability == "management"})
    svg = plane_chart(report)
    assert "You (4.0, 2.0)" in texts(svg)
    assert "Likely range (95%)" in texts(svg)


def test_it_says_so_when_there_is_no_profile_to_place_on_the_plane() -> None:
    report = report_for(**{s.id: np.nan for s in TLMI.scales if s.capability == "leadership"})
    svg = plane_chart(report)
    assert "Too few answers to place you on the plane" in texts(svg)
    assert "<script" not in svg


def test_it_draws_one_row_per_practice_when_domains_are_not_pairs() -> None:
    plain = parse_instrument(
        {
            "id": "plain",
            "version": "1.0",
            "language": "en",
            "name": "Plain",
            "response_scale": {"min": 1, "max": 5, "labels": {str(p): str(p) for p in range(1, 6)}},
            "scales": [
                {
                    "id": id_,
                    "name": id_.title(),
                    "items": [{"id": f"{id_}1", "self": "I do", "observer": "They do"}],
                }
                for id_ in ("speaking", "listening")
            ],
        }
    )
    report = build_report(plain, score(plain, np.array([[5.0, 2.0]])))
    for wide in (False, True):
        shown = texts(practices_chart(report, wide=wide))
        assert shown[shown.index("Speaking") + 1] == "5.0"
        assert shown[shown.index("Listening") + 1] == "2.0"
