"""Every practice as each shown rater group scores it: the 360 report's paired chart.

One block per domain, holding its leadership practice and its management
practice; in each practice one bar per group the report shows (self, manager,
peers, direct reports, others, all raters), each labelled with its group's name
and ending in its score. Withheld groups are not drawn at all: the chart can
only show what :func:`~twofold.core.anonymity.release_rater_groups` released.

The chart is a key and one SVG per block, all on one layout (same width, same
axis), so they stack into one chart on a screen while a page break may fall
between two blocks on paper: drawn whole, sixteen practices for five groups
would be taller than a page.

It reads without colour: each group has its own fill pattern (solid, stripes,
dots, grid) as well as its colour, and every bar is named in its row, so a
black-and-white print or a colour-blind reader loses nothing. As with the self
report's chart, the narrow layout (320 units) puts a practice's name on a line
of its own, for a phone; the wide one puts names in columns, for a desktop
screen and for paper.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from twofold.core.anonymity import SELF
from twofold.reports.model import Practice, RaterGroup, Report
from twofold.reports.numbers import score_text
from twofold.reports.svg import MUTED, SIZE, Svg, text_width

__all__ = ["NOT_SHOWN", "groups_chart"]

#: Written for a shown group's practice whose score is not shown (too few raters observed it).
NOT_SHOWN = "not shown"
_NO_SCORE = "no score"
# A phone shows the narrow chart about 300 px wide: drawn 320 units wide, its
# 13-unit type stays above 12 px there.
_NARROW, _WIDE = 320, 680
_BAR = 11
_PITCH = 16  # one group's row: the bar and its 13 px label
_PAD = 8
_GAP = 6
_TRACK = "#edf0f4"
_WHITE = "#ffffff"


@dataclass(frozen=True)
class _Block:
    """A domain (or, for other instruments, one practice) drawn as one SVG."""

    title: str | None
    practices: tuple[Practice, ...]


@dataclass(frozen=True)
class _Layout:
    width: float
    name_x: float
    label_x: float
    x0: float
    x1: float
    wide: bool
    low: int
    high: int

    def x_of(self, value: float) -> float:
        return self.x0 + (value - self.low) / (self.high - self.low) * (self.x1 - self.x0)


def groups_chart(report: Report, *, wide: bool = False) -> tuple[str, ...]:
    """The key, then bars of every practice for every rater group shown, block by block.

    Parameters
    ----------
    report
        A report with rater groups (a 360's, or a self report's one group).
    wide
        Names in columns beside the bars instead of on lines of their own.

    Returns
    -------
    tuple of str
        SVG documents without XML declaration, ready to inline in HTML one
        after the other: the key (each group's swatch and the response scale's
        labels), then one per domain (or per practice for an instrument whose
        domains are not leadership/management pairs), all equally wide.

    Notes
    -----
    The value axis spans the whole response scale, drawn as a light track
    behind each bar, with the scale's points under each block. A shown group
    without a score on a practice (too few of its raters could observe it)
    keeps its row, marked "not shown"; the participant's own row without a
    score says "no score".
    """
    groups = report.shown_groups
    blocks = _blocks(report)
    practices = [p for block in blocks for p in block.practices]
    label_width = max((text_width(g.name) for g in groups), default=0.0) + _GAP
    values = [_value_text(g, p.id) for p in practices for g in groups]
    value_room = max((text_width(v) for v in values), default=0.0) + _GAP + _PAD
    if wide:
        titles = [text_width(b.title, bold=True) for b in blocks if b.title]
        name_x = _PAD + (max(titles) + 16 if titles else 0)
        label_x = name_x + max(text_width(p.name) for p in practices) + 12
        width = max(float(_WIDE), label_x + label_width + 200 + value_room)
    else:
        name_x = label_x = _PAD
        width = float(_NARROW)
    layout = _Layout(
        width=width,
        name_x=name_x,
        label_x=label_x,
        x0=label_x + label_width,
        x1=width - value_room,
        wide=wide,
        low=report.scale_min,
        high=report.scale_max,
    )
    base = _chart_id(report, wide)
    return (
        _key(report, groups, layout, f"{base}-key"),
        *(_block(block, groups, layout, f"{base}-{i}") for i, block in enumerate(blocks, 1)),
    )


def _blocks(report: Report) -> list[_Block]:
    if report.domains:
        return [_Block(d.name, (d.leadership, d.management)) for d in report.domains]
    return [_Block(None, (p,)) for p in report.practices]


def _value_text(group: RaterGroup, practice_id: str) -> str:
    value = group.scales.get(practice_id)
    if value is None:
        return _NO_SCORE if group.group == SELF else NOT_SHOWN
    return score_text(value)


def _square(size: int, fill: str) -> tuple[str, dict[str, object]]:
    return ("rect", {"width": size, "height": size, "fill": fill})


def _fills(svg: Svg) -> dict[str, str]:
    """Each group's fill: a colour, and for observers a white pattern over it."""
    stripes = ("rect", {"width": 2, "height": 6, "fill": _WHITE})
    dot = ("circle", {"cx": 2.5, "cy": 2.5, "r": 1.2, "fill": _WHITE})
    across = ("rect", {"width": 5, "height": 1.2, "fill": _WHITE})
    down = ("rect", {"width": 1.2, "height": 5, "fill": _WHITE})
    lines = ("rect", {"width": 4, "height": 1.4, "fill": _WHITE})
    return {
        SELF: "#2b6cb0",
        "manager": svg.pattern("manager", 6, _square(6, "#c05621"), stripes, rotate=45),
        "peers": svg.pattern("peers", 5, _square(5, "#2f855a"), dot),
        "direct_reports": svg.pattern("reports", 5, _square(5, "#6b46c1"), across, down),
        "others": svg.pattern("others", 4, _square(4, "#2c7a7b"), lines),
        "all": "#1a1a1a",
    }


def _key(report: Report, groups: tuple[RaterGroup, ...], layout: _Layout, chart_id: str) -> str:
    """Each group's swatch, side by side where they fit, and what the scale's ends mean."""
    svg = Svg(chart_id)
    fills = _fills(svg)
    x, y = float(_PAD), 4.0
    for group in groups:
        step = 18 + text_width(group.name) + 20
        if x > _PAD and x + step > layout.width:
            x, y = _PAD, y + SIZE + 8
        svg.rect(x, y + 1, 12, 12, fills[group.group], f"swatch swatch--{group.group}")
        svg.text(x + 18, y + SIZE - 1, group.name)
        x += step
    y += SIZE + 10
    lo, hi, labels = report.scale_min, report.scale_max, report.scale_labels
    svg.text(_PAD, y + SIZE, f"{lo} = {labels[lo]} … {hi} = {labels[hi]}", muted=True)
    y += SIZE + 8
    names = ", ".join(g.name for g in groups)
    scale = f"Scores from {lo} ({labels[lo]}) to {hi} ({labels[hi]})."
    description = f"Bars by group of raters: {names}. {scale}"
    return svg.finish(
        layout.width, y, "Key: who rated you", description, "groups-chart groups-chart--key"
    )


def _block(block: _Block, groups: tuple[RaterGroup, ...], layout: _Layout, chart_id: str) -> str:
    """One domain's practices, every shown group's bar for each, and the scale's points."""
    svg = Svg(chart_id)
    fills = _fills(svg)
    y = 4.0
    if block.title and not layout.wide:
        svg.text(_PAD, y + SIZE, block.title, bold=True)
        y += 22
    for i, practice in enumerate(block.practices):
        if i:
            y += 8
        if layout.wide:
            if block.title and i == 0:
                svg.text(_PAD, y + _BAR, block.title, bold=True)
            svg.text(layout.name_x, y + _BAR, practice.name)
        else:
            svg.text(layout.name_x, y + SIZE - 1, practice.name)
            y += 18
        for group in groups:
            value = group.scales.get(practice.id)
            svg.text(layout.label_x, y + _BAR - 1, group.name, muted=True, cls="group-label")
            svg.rect(layout.x0, y, layout.x1 - layout.x0, _BAR, _TRACK, "track")
            end = layout.x0 if value is None else layout.x_of(value)
            if value is not None:
                kind = f"bar bar--{group.group}"
                svg.rect(layout.x0, y, end - layout.x0, _BAR, fills[group.group], kind)
            text = _value_text(group, practice.id)
            svg.text(end + _GAP, y + _BAR - 1, text, muted=value is None, cls="value")
            y += _PITCH
    y += 2
    for point in range(layout.low, layout.high + 1):
        x = layout.x_of(point)
        svg.line(x, y, x, y + 4, MUTED)
        svg.text(x, y + 4 + SIZE, str(point), anchor="middle", muted=True)
    y += 4 + SIZE + 8
    title = block.title or block.practices[0].name
    return svg.finish(layout.width, y, title, _describe(block, groups), "groups-chart")


def _chart_id(report: Report, wide: bool) -> str:
    """An id that depends only on what is drawn: same data, same SVG."""
    drawn = (report.shown_groups, report.practices, report.domains, report.scale_labels, wide)
    return f"twofold-groups-{hashlib.sha256(repr(drawn).encode()).hexdigest()[:12]}"


def _describe(block: _Block, groups: tuple[RaterGroup, ...]) -> str:
    return (
        "; ".join(
            f"{practice.name}: "
            + ", ".join(f"{g.name} {_value_text(g, practice.id)}" for g in groups)
            for practice in block.practices
        )
        + "."
    )
