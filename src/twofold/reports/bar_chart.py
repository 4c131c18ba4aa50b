"""The practice scores as a bar chart, laid out by hand in SVG.

Every label has a place of its own, so no text ever runs across a bar's end:
the practice's name sits beside its bar (``wide``) or on its own line above it
(narrow), and the score sits just past the bar's end, in a margin kept free for
the longest score text. pygal, which draws the plane, can only print a label
inside a bar or over its end, which is what this layout exists to avoid.

Two layouts of the same chart: the narrow one is 360 units wide, so its type stays
readable on a phone; the wide one puts names in columns beside the bars, for a
desktop screen and for paper. Management bars are hatched as well as coloured,
so the two capabilities stay apart in black and white and for colour-blind eyes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from twofold.reports.model import Practice, Report
from twofold.reports.numbers import practice_score_text, score_text
from twofold.reports.svg import FONT_FAMILY, MUTED, SIZE, Svg, text_width

__all__ = ["FONT_FAMILY", "practice_value_text", "practices_chart"]

LEADERSHIP_COLOUR = "#5b9bd5"
MANAGEMENT_COLOUR = "#f0a35e"
_OTHER_COLOUR = "#8a9199"
TRACK = "#edf0f4"
RULE = "#d5dbe3"

_NARROW, _WIDE = 360, 640
_SIZE = SIZE
_BAR = 14
_GAP = 6  # between text and a bar
_PAD = 8


@dataclass(frozen=True)
class _Row:
    practice: Practice
    domain: str | None  # the domain's name on its first row, None elsewhere


def practice_value_text(practice: Practice) -> str:
    """A practice's score as the chart writes it: "3.7", "1.5 (2 of 3)" or "no score"."""
    return practice_score_text(practice, short=True)


def practices_chart(report: Report, *, wide: bool = False) -> str:
    """Horizontal bars of every practice score, grouped by domain.

    Parameters
    ----------
    report
        The report to draw.
    wide
        Names in columns beside the bars (at least 640 units wide) instead of on
        a line of their own above each bar (360 units wide, for a phone).

    Returns
    -------
    str
        An SVG document without XML declaration, ready to inline in HTML.

    Notes
    -----
    The value axis always spans the whole response scale, drawn as a light track
    behind each bar, so a short bar means a low score and not a zoomed axis. A
    practice without a score keeps its row and its name, marked "no score", but
    has no bar. A score that rests on fewer answers than the practice has
    questions says so, e.g. "1.5 (2 of 3)", with a note under the chart. For an
    instrument whose domains are not leadership/management pairs, each practice
    gets its own row.
    """
    rows = _rows(report)
    values = [practice_value_text(row.practice) for row in rows]
    chart_id = _chart_id(report, wide)
    svg = Svg(chart_id)
    hatch = _hatch(svg)
    names_width = max(text_width(row.practice.name) for row in rows)
    domains_width = max((text_width(r.domain, bold=True) for r in rows if r.domain), default=0.0)
    value_room = max(text_width(v) for v in values) + _GAP + _PAD
    if wide:
        name_x = domains_width + 16 if domains_width else _PAD
        x0 = name_x + names_width + 12
        width = max(_WIDE, x0 + 200 + value_room)
    else:
        name_x = x0 = _PAD
        width = _NARROW
    x1 = width - value_room
    lo, hi = report.scale_min, report.scale_max

    def x_of(score: float) -> float:
        return x0 + (score - lo) / (hi - lo) * (x1 - x0)

    y = 4.0
    for row, value in zip(rows, values, strict=True):
        if row.domain is not None:
            if y > 4:
                y += 6
                svg.line(0, y, width, y, RULE)
                y += 8
            if not wide:
                svg.text(_PAD, y + _SIZE, row.domain, bold=True)
                y += 22
        if not wide:
            svg.text(name_x, y + _SIZE - 1, row.practice.name)
            y += 18
        else:
            if row.domain is not None:
                svg.text(_PAD, y + _BAR - 2, row.domain, bold=True)
            svg.text(name_x, y + _BAR - 2, row.practice.name)
        svg.rect(x0, y, x1 - x0, _BAR, TRACK, "track")
        score = row.practice.score
        end = x0 if score is None else x_of(score)
        if score is not None:
            kind = row.practice.capability
            svg.rect(x0, y, end - x0, _BAR, _fill(kind, hatch), f"bar bar--{kind}")
        svg.text(end + _GAP, y + _BAR - 2, value, muted=score is None, cls="value")
        y += _BAR + (10 if wide else 8)

    y += 4
    for point in range(lo, hi + 1):
        svg.line(x_of(point), y, x_of(point), y + 5, MUTED)
        svg.text(x_of(point), y + 5 + _SIZE, str(point), anchor="middle")
    y += 5 + _SIZE + 8
    labels = report.scale_labels
    caption = f"{lo} = {labels[lo]} … {hi} = {labels[hi]}"
    svg.text((x0 + x1) / 2, y + _SIZE, caption, anchor="middle")
    y += _SIZE + 14
    y = _legend(svg, rows, y, width, wide, hatch)
    partial = next((r.practice for r in rows if r.practice.partial), None)
    if partial is not None:
        a, n = partial.answered, partial.n_items
        svg.text(_PAD, y + _SIZE, f"({a} of {n}): a score from {a} of {n} questions", muted=True)
        y += _SIZE + 8
    title = "Your practices, by domain" if report.domains else "Your practices"
    return svg.finish(width, y + 4, title, _describe(report), "practices-chart")


def _rows(report: Report) -> list[_Row]:
    if report.domains:
        return [
            _Row(practice, domain.name if first else None)
            for domain in report.domains
            for first, practice in ((True, domain.leadership), (False, domain.management))
        ]
    return [_Row(practice, None) for practice in report.practices]


def _hatch(svg: Svg) -> str:
    """The management bars' fill: the colour with light stripes, which survive greyscale."""
    return svg.pattern(
        "hatch",
        6,
        ("rect", {"width": "6", "height": "6", "fill": MANAGEMENT_COLOUR}),
        ("rect", {"width": "2.5", "height": "6", "fill": "#ffffff", "opacity": "0.55"}),
        rotate=45,
    )


def _legend(svg: Svg, rows: list[_Row], y: float, width: float, wide: bool, hatch: str) -> float:
    """One swatch per capability drawn, side by side where they fit; returns the next y."""
    kinds = dict.fromkeys(r.practice.capability for r in rows)
    names = {"leadership": "Leadership practice", "management": "Management practice"}
    entries = [(kind, names[kind]) for kind in kinds if kind in names]
    x = float(_PAD)
    for kind, name in entries:
        step = 18 + text_width(name) + 24
        if x > _PAD and (not wide or x + step > width):
            x, y = _PAD, y + _SIZE + 8
        svg.rect(x, y + 1, 12, 12, _fill(kind, hatch), f"swatch swatch--{kind}")
        svg.text(x + 18, y + _SIZE - 1, name)
        x += step
    return y + (_SIZE + 12 if entries else 0)


def _fill(capability: str, hatch: str) -> str:
    if capability == "management":
        return hatch
    return LEADERSHIP_COLOUR if capability == "leadership" else _OTHER_COLOUR


def _chart_id(report: Report, wide: bool) -> str:
    """An id that depends only on what is drawn: same data, same SVG."""
    drawn = (report.practices, report.domains, report.scale_labels, wide)
    return f"twofold-practices-{hashlib.sha256(repr(drawn).encode()).hexdigest()[:12]}"


def _describe(report: Report) -> str:
    def one(p: Practice) -> str:
        if p.partial:
            return f"{p.name} {score_text(p.score)} (from {p.answered} of {p.n_items} answers)"
        return f"{p.name} {practice_value_text(p)}"

    lo, hi = report.scale_min, report.scale_max
    parts = (
        [f"{d.name}: {one(d.leadership)}, {one(d.management)}" for d in report.domains]
        if report.domains
        else [one(p) for p in report.practices]
    )
    return (
        f"Practice scores from {lo} ({report.scale_labels[lo]}) to {hi} "
        f"({report.scale_labels[hi]}). " + "; ".join(parts) + "."
    )
