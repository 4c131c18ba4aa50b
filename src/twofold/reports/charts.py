"""The report's charts as SVG text, drawn on the server.

Server-side SVG works without JavaScript, can be inlined in a page, a PDF or an
e-mail, and stays sharp at any size. The charts are drawn at a narrow native width
with large type, and keep their ``viewBox``, so they scale down to a phone screen
and stay readable. The practice bars are laid out by hand
(:mod:`twofold.reports.bar_chart`), and so are a 360's rater groups
(:mod:`twofold.reports.group_chart`); the plane is drawn with pygal.

pygal adds things an inlined, cacheable chart must not carry: a ``<script>`` with
its tooltip configuration, comments (one with today's date) and a random id that
its CSS is scoped to. An XML filter, pygal's own hook for editing the tree before
it is written, removes the first two; the id is derived from the chart's content,
so the same report always gives byte-identical SVG and two different charts on one
page never share an id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pygal
from pygal.etree import etree
from pygal.style import Style

from twofold.reports.bar_chart import FONT_FAMILY, practices_chart
from twofold.reports.group_chart import groups_chart
from twofold.reports.model import Report, Standing
from twofold.reports.numbers import score_text

__all__ = ["FONT_FAMILY", "groups_chart", "plane_chart", "practices_chart"]

_INK = "#1a1a1a"
_BORDER_COLOUR = "#8a9199"
_YOU_COLOUR = "#b03a2e"
# Much lighter than the point, so the two stay apart printed in black and white.
_RANGE_COLOUR = "#e3a198"
_MUTED = "#7b8088"
# Native width: a phone shows a chart about 320 px wide, so type drawn at 13 px
# stays above 11 px there; wide screens cap the width in CSS instead.
_WIDTH = 360

_Filter = Callable[[Any], Any]


def plane_chart(report: Report) -> str:
    """The leadership × management plane: regions, the person's point and its uncertainty.

    Parameters
    ----------
    report
        A report with a profile.

    Returns
    -------
    str
        An SVG document without XML declaration, ready to inline in HTML.

    Notes
    -----
    Dashed lines at the two cut scores divide the plane into the four regions.
    The cross around the point spans the 95% interval of each composite: where it
    reaches over a dashed line, the person is not confidently in one region.
    A report without a profile (see :attr:`Report.profile`) gets a chart that says
    so, rather than an error, so a page can always show the chart it asked for.
    """
    profile = report.profile
    if profile is None:
        return _no_plane()
    lo, hi = report.scale_min, report.scale_max
    cut_l, cut_m = profile.cut_leadership, profile.cut_management
    lead, manage = profile.leadership, profile.management
    chart_id = _chart_id("plane", profile, lo, hi)
    # Each region's name sits in its outer corner, away from the borders where points
    # crowd; one series per region so the person's own region can be printed dark.
    regions = ("steward", "integrator", "emerging", "visionary")
    inset_x, inset_y = 0.07 * (hi - lo), 0.08 * (hi - lo)
    corners = [(lo, hi), (hi - inset_x, hi), (lo, lo + inset_y), (hi - inset_x, lo + inset_y)]
    scope = f"#chart-{chart_id}"
    right = ", ".join(
        f"{scope} .text-overlay .serie-{1 + regions.index(r)} text"
        for r in ("integrator", "visionary")
    )
    range_serie = 1 + len(regions)
    css = (
        f"{scope} .text-overlay text.label{{font-weight:bold}} {right}{{text-anchor:end}} "
        # pygal's own rule for ".reactive" makes every line 1px wide, whatever the
        # series' stroke_style says; these selectors are more specific.
        f"{scope} .serie-0 .line{{stroke-width:1.5}} "
        f"{scope} .serie-{range_serie} .line{{stroke-width:3}}"
    )
    chart = pygal.XY(
        **_config(css),
        style=_style(
            (_BORDER_COLOUR,) * range_serie + (_RANGE_COLOUR, _YOU_COLOUR),
            value_colours=(None, *(_INK if r == profile.region else _MUTED for r in regions)),
        ),
        title="Where you stand",
        height=520,
        range=(lo, hi),
        xrange=(lo, hi),
        x_labels=list(range(lo, hi + 1)),
        y_labels=list(range(lo, hi + 1)),
        x_title="Leadership",
        y_title="Management",
        print_labels=True,
        # pygal reserves legend rows for every series, titled or not, divided by the
        # number of columns: two columns keep the empty space small.
        legend_at_bottom_columns=2,
    )
    chart.uuid = chart_id
    chart.add(
        None,
        [(cut_l, lo), (cut_l, hi), None, (lo, cut_m), (hi, cut_m)],
        allow_interruptions=True,
        show_dots=False,
        stroke_style={"dasharray": "6,5"},
    )
    for region, corner in zip(regions, corners, strict=True):
        name = profile.region_names.get(region, region.title())
        chart.add(None, [{"value": corner, "label": name}], stroke=False, dots_size=0)
    chart.add(
        "Likely range (95%)",
        [
            (lead.lower, manage.value),
            (lead.upper, manage.value),
            None,
            (lead.value, manage.lower),
            (lead.value, manage.upper),
        ],
        allow_interruptions=True,
        show_dots=False,
    )
    chart.add(
        f"You ({score_text(lead.value)}, {score_text(manage.value)})",
        [(lead.value, manage.value)],
        stroke=False,
        dots_size=7,
    )
    chart.add_xml_filter(_finish(chart_id, _describe_plane(profile)))
    return str(chart.render())


def _no_plane() -> str:
    """The empty plane, saying why it is empty, for a report without a profile."""
    message = "Too few answers to place you on the plane"
    chart = pygal.XY(
        **_config(""),
        style=_style((_YOU_COLOUR,), value_colours=()),
        title="Where you stand",
        height=520,
        # With no data pygal cannot place axis labels, so the axes are titled only.
        show_x_labels=False,
        show_y_labels=False,
        show_y_guides=False,
        x_title="Leadership",
        y_title="Management",
        no_data_text=message,
    )
    chart.uuid = "twofold-plane-none"
    chart.add_xml_filter(_finish(chart.uuid, message + "."))
    return str(chart.render())


def _config(css: str) -> dict[str, Any]:
    """Settings every chart shares: no script, inlinable, phone-sized, scoped extra CSS."""
    return {
        "js": [],
        "disable_xml_declaration": True,
        "width": _WIDTH,
        "margin": 12,
        "spacing": 8,
        "legend_at_bottom": True,
        "truncate_label": -1,
        "truncate_legend": -1,
        "css": ["file://style.css", "file://graph.css", f"inline:{css}"],
    }


def _style(colours: tuple[str, ...], value_colours: tuple[str | None, ...]) -> Style:
    return Style(
        font_family=FONT_FAMILY,
        background="white",
        plot_background="white",
        foreground="#333333",
        foreground_strong="#111111",
        foreground_subtle="#bbbbbb",
        guide_stroke_color="#e3e3e3",
        major_guide_stroke_color="#e3e3e3",
        colors=colours,
        value_colors=value_colours,
        opacity="1",
        opacity_hover="1",
        title_font_size=16,
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        value_font_size=13,
        value_label_font_size=13,
        tooltip_font_size=13,
        no_data_font_size=16,
    )


def _chart_id(kind: str, *drawn: object) -> str:
    """An id that depends only on what is drawn: same data, same SVG.

    ``drawn`` are frozen dataclasses and plain values, whose ``repr`` is stable.
    """
    digest = hashlib.sha256(repr(drawn).encode()).hexdigest()[:12]
    return f"twofold-{kind}-{digest}"


def _describe_plane(profile: Standing) -> str:
    lead, manage = profile.leadership, profile.management
    return (
        f"Leadership {score_text(lead.value)} "
        f"(likely {score_text(lead.lower)} to {score_text(lead.upper)}), "
        f"management {score_text(manage.value)} "
        f"(likely {score_text(manage.lower)} to {score_text(manage.upper)}): "
        f"the {profile.region_name} region"
        + (", close to a border." if profile.near_border else ".")
    )


def _finish(chart_id: str, description: str) -> _Filter:
    """An XML filter that makes pygal's tree deterministic, script-free and accessible."""

    def finish(root: Any) -> Any:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag is etree.Comment or child.tag == "script":
                    parent.remove(child)
        title = root.find("title")
        title.set("id", f"{chart_id}-title")
        desc = etree.Element("desc", id=f"{chart_id}-desc")
        desc.text = description
        root.insert(list(root).index(title) + 1, desc)
        root.set("role", "img")
        root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
        return root

    return finish
