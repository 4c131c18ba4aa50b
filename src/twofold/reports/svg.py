"""The few SVG elements the hand-drawn charts are made of, and how wide text is drawn.

Both bar charts (one respondent's practices, and every rater group's) lay out
every label in a place of its own; these helpers keep their output short,
deterministic and self-contained (styles and patterns scoped to the chart's id).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

__all__ = ["FONT_FAMILY", "INK", "MUTED", "SIZE", "Svg", "number", "text_width"]

FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
INK = "#1a1a1a"
MUTED = "#56616e"
SIZE = 13  # px; a phone shows a 360-unit chart at about 0.93 scale, so above 12 px


def text_width(text: str, *, bold: bool = False, size: float = SIZE) -> float:
    """A generous estimate of how wide ``text`` is drawn at ``size`` px in DejaVu Sans.

    The browser measures text only when it draws it, so the layout reserves room
    from per-character classes that are at least as wide as DejaVu Sans's
    advances (the widest of the fonts named), never narrower.
    """
    em = 0.0
    for char in text:
        if char in "fijlrtI.,:;'()[] -":
            em += 0.42
        elif char in "mwMW":
            em += 1.0
        elif char.isupper() or char.isdigit():
            em += 0.78
        else:
            em += 0.66
    return em * size * (1.1 if bold else 1.0)


def number(value: object) -> str:
    """Coordinates with at most one decimal: the SVG stays short and the same every time."""
    if isinstance(value, float):
        return format(round(value, 1), "g")
    return str(value)


class Svg:
    """A chart's elements in drawing order, its patterns, and how to finish it."""

    def __init__(self, chart_id: str) -> None:
        self.chart_id = chart_id
        self.body: list[ET.Element] = []
        self.defs: list[ET.Element] = []

    def rect(
        self, x: float, y: float, w: float, h: float, fill: str, cls: str, **extra: object
    ) -> None:
        attrs = {"x": x, "y": y, "width": max(w, 0.0), "height": h, "fill": fill, "class": cls}
        self._add("rect", **attrs, **extra)

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str) -> None:
        self._add("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        bold: bool = False,
        muted: bool = False,
        anchor: str = "start",
        cls: str = "",
    ) -> None:
        classes = " ".join(c for c in (cls, "bold" if bold else "", "muted" if muted else "") if c)
        attrs: dict[str, object] = {"x": x, "y": y}
        if anchor != "start":
            attrs["text-anchor"] = anchor
        if classes:
            attrs["class"] = classes
        self._add("text", **attrs).text = text

    def pattern(
        self, name: str, size: float, *shapes: tuple[str, dict[str, object]], rotate: int = 0
    ) -> str:
        """Define a fill pattern of ``shapes`` (tag, attributes) in a ``size`` square.

        Returns the fill that uses it, ``url(#<chart id>-<name>)``.
        """
        pattern_id = f"{self.chart_id}-{name}"
        attrs: dict[str, str] = {
            "id": pattern_id,
            "width": number(size),
            "height": number(size),
            "patternUnits": "userSpaceOnUse",
        }
        if rotate:
            attrs["patternTransform"] = f"rotate({rotate})"
        pattern = ET.Element("pattern", attrs)
        for tag, shape in shapes:
            ET.SubElement(pattern, tag, {k: number(v) for k, v in shape.items()})
        self.defs.append(pattern)
        return f"url(#{pattern_id})"

    def _add(self, tag: str, **attrs: object) -> ET.Element:
        element = ET.Element(tag, {k: number(v) for k, v in attrs.items()})
        self.body.append(element)
        return element

    def finish(self, width: float, height: float, title: str, description: str, cls: str) -> str:
        """The whole SVG document (no XML declaration), ready to inline in HTML."""
        cid = self.chart_id
        root = ET.Element(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "id": cid,
                "class": cls,
                "viewBox": f"0 0 {number(width)} {number(height)}",
                "role": "img",
                "aria-labelledby": f"{cid}-title {cid}-desc",
            },
        )
        ET.SubElement(root, "title", id=f"{cid}-title").text = title
        ET.SubElement(root, "desc", id=f"{cid}-desc").text = description
        ET.SubElement(root, "style").text = (
            f"#{cid} text{{font-family:{FONT_FAMILY};font-size:{SIZE}px;fill:{INK}}}"
            f"#{cid} .bold{{font-weight:bold}}#{cid} .muted{{fill:{MUTED}}}"
        )
        defs = ET.SubElement(root, "defs")
        defs.extend(self.defs)
        ET.SubElement(root, "rect", width="100%", height="100%", fill="#ffffff")
        root.extend(self.body)
        return ET.tostring(root, encoding="unicode")
