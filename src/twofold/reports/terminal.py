"""A report as plain text for a terminal: what ``twofold assess`` prints at the end.

Plain text rather than colour codes, so the same output reads well on screen,
piped to a file or pasted into an e-mail. The bars use eighth-block characters,
which gives a bar chart eight steps per character cell.
"""

from __future__ import annotations

import textwrap

from twofold.reports.model import DevelopmentArea, Practice, RaterGroup, Report
from twofold.reports.numbers import practice_score_text, score_text

__all__ = ["render_rater_groups", "render_terminal"]

_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"
_BAR_CELLS = 20
_CAPABILITY_MARKS = {"leadership": "L", "management": "M"}


def render_terminal(report: Report, *, width: int = 80) -> str:
    """Render a report as plain text.

    Parameters
    ----------
    report
        The report to show.
    width
        Line width to wrap paragraphs to; at least 60 keeps the bar chart intact.

    Returns
    -------
    str
        The report: summary, practice bar chart, strengths, development areas
        with their activities, and notes; ends with a newline.
    """
    width = max(width, 60)
    lines: list[str] = [report.instrument_name, "=" * min(len(report.instrument_name), width)]
    for paragraph in report.summary:
        lines += ["", *textwrap.wrap(paragraph, width)]
    if report.profile is not None:
        lead, manage = report.profile.leadership, report.profile.management
        lines += [
            "",
            f"Leadership  {score_text(lead.value)}  "
            f"(likely {score_text(lead.lower)} to {score_text(lead.upper)})",
            f"Management  {score_text(manage.value)}  "
            f"(likely {score_text(manage.lower)} to {score_text(manage.upper)})",
        ]
    lines += ["", *_practice_chart(report)]
    if report.strengths:
        lines += ["", _heading("Strengths")]
        lines += [f"  • {p.name} ({_value(p)})" for p in report.strengths]
    if report.development:
        lines += ["", _heading("Development areas")]
        for area in report.development:
            lines += _development(area, width)
    if report.notes:
        lines += ["", _heading("Notes")]
        for note in report.notes:
            lines += textwrap.wrap(note, width, initial_indent="  • ", subsequent_indent="    ")
    return "\n".join(lines) + "\n"


def _heading(text: str) -> str:
    return f"{text}\n{'-' * len(text)}"


def _value(practice: Practice) -> str:
    return practice_score_text(practice)


def _bar(score: float | None, lo: int, hi: int) -> str:
    """A bar from the bottom of the response scale to ``score``, in eighths of a cell."""
    if score is None:
        return " " * _BAR_CELLS
    eighths = round((score - lo) / (hi - lo) * _BAR_CELLS * 8)
    full, part = divmod(max(0, min(eighths, _BAR_CELLS * 8)), 8)
    return (_FULL * full + (_EIGHTHS[part] if part else "")).ljust(_BAR_CELLS)


def _practice_chart(report: Report) -> list[str]:
    """Practice bars, grouped by domain when the domains pair the two capabilities."""
    lo, hi = report.scale_min, report.scale_max
    name_width = max(len(p.name) for p in report.practices)
    scale = f"{lo} = {report.scale_labels[lo]}, {hi} = {report.scale_labels[hi]}"
    lines = [_heading(f"Practices ({scale})")]

    def row(practice: Practice) -> str:
        mark = _CAPABILITY_MARKS.get(practice.capability, " ")
        bar = _bar(practice.score, lo, hi)
        return f"  {mark} {practice.name.ljust(name_width)}  │{bar}│ {_value(practice)}"

    if report.domains:
        for domain in report.domains:
            lines += [domain.name, row(domain.leadership), row(domain.management)]
        lines.append("L = leadership practice, M = management practice")
    else:
        lines += [row(p) for p in report.practices]
    return lines


def _development(area: DevelopmentArea, width: int) -> list[str]:
    lines = ["", f"  {area.practice.name} ({_value(area.practice)})"]
    lines += textwrap.wrap(area.why, width, initial_indent="    ", subsequent_indent="    ")
    for activity in area.activities:
        lines += textwrap.wrap(
            f"{activity.title} ({activity.kind.replace('-', ' ')}, {activity.effort}). "
            f"{activity.description}",
            width,
            initial_indent="    – ",
            subsequent_indent="      ",
        )
    return lines


def render_rater_groups(report: Report, *, width: int = 80) -> str:
    """A report's rater groups as a plain-text table: practices down, groups across.

    Parameters
    ----------
    report
        Any report; a 360's shows every group it releases, a self report its one.
    width
        Line width to wrap the notes under the table to.

    Returns
    -------
    str
        One column per shown group (its name over two lines, then ``n``), a row
        per practice (grouped by domain where the domains pair the two
        capabilities) and per composite, then each withheld group with the
        reason it is withheld: never a number of it. Ends with a newline.

    Examples
    --------
    >>> import numpy as np
    >>> from twofold.content import builtin_instrument
    >>> from twofold.reports.multirater import build_360_report
    >>> tlmi = builtin_instrument("tlmi")
    >>> rows = np.vstack([np.full(48, 4.0), np.full((3, 48), 3.0)])
    >>> report = build_360_report(tlmi, rows, ["self"] + ["peers"] * 3, [{}] * 4, seed=1)
    >>> text = render_rater_groups(report)
    >>> print(text.splitlines()[5])
      L Envisioning                 4.0     3.0
    """
    width = max(width, 60)
    groups = report.shown_groups
    practices = (
        [p for d in report.domains for p in (d.leadership, d.management)]
        if report.domains
        else list(report.practices)
    )
    name_width = max(len(p.name) for p in practices) + 4
    column = max([8, *(len(word) + 1 for g in groups for word in g.name.split())])
    lo, hi = report.scale_min, report.scale_max
    lines = [
        _heading(
            f"Rater groups ({lo} = {report.scale_labels[lo]}, {hi} = {report.scale_labels[hi]})"
        )
    ]
    heads = [_two_lines(g.name) for g in groups]
    if any(top for top, _ in heads):
        lines.append((" " * name_width + "".join(top.rjust(column) for top, _ in heads)).rstrip())
    lines.append(" " * name_width + "".join(bottom.rjust(column) for _, bottom in heads))
    lines.append(" " * name_width + "".join(f"n {g.n}".rjust(column) for g in groups))

    def row(label: str, values: list[float | None]) -> str:
        return label.ljust(name_width) + "".join(score_text(v).rjust(column) for v in values)

    for practice in practices:
        domain = next((d for d in report.domains if d.leadership is practice), None)
        if domain is not None:
            lines.append(domain.name)
        mark = _CAPABILITY_MARKS.get(practice.capability, " ")
        lines.append(row(f"  {mark} {practice.name}", [g.scales.get(practice.id) for g in groups]))
    composites = list(dict.fromkeys(c for g in groups for c in g.composites))
    if composites:
        lines.append("")
        lines += [row(c.capitalize(), [g.composites.get(c) for g in groups]) for c in composites]
    if any(not g.anonymous for g in groups if g.group != "self"):
        lines += ["", "Manager: not anonymous, shown as one person's ratings."]
    lines += _withheld(report.withheld_groups, width)
    return "\n".join(lines) + "\n"


def _two_lines(name: str) -> tuple[str, str]:
    """A column heading on two lines: "Direct reports" → ("Direct", "reports")."""
    first, _, rest = name.partition(" ")
    return (first, rest) if rest else ("", first)


def _withheld(groups: tuple[RaterGroup, ...], width: int) -> list[str]:
    lines: list[str] = []
    if groups:
        lines += ["", _heading("Not shown")]
    for group in groups:
        lines += textwrap.wrap(
            f"{group.name}: {group.withheld_text}",
            width,
            initial_indent="  • ",
            subsequent_indent="    ",
        )
    return lines
