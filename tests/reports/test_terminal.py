"""The plain-text report that ``twofold assess`` prints."""

from __future__ import annotations

import numpy as np

from twofold.content import builtin_instrument
from twofold.core.scoring import score
from twofold.reports.build import build_report
from twofold.reports.model import Report
from twofold.reports.terminal import render_terminal

TLMI = builtin_instrument("tlmi")


def report_for(**by_scale: float) -> Report:
    """One respondent answering 4 everywhere except the named scales (NaN: unanswered)."""
    row = [by_scale.get(scale.id, 4.0) for scale in TLMI.scales for _ in scale.items]
    return build_report(TLMI, score(TLMI, np.array([row])))


def line_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.lstrip().startswith(start))


def test_it_opens_with_the_summary() -> None:
    report = report_for(planning=2)
    text = render_terminal(report)
    flowing = " ".join(text.split())
    for paragraph in report.summary:
        assert paragraph in flowing
    assert flowing.index(report.summary[0]) < flowing.index("Practices")


def test_it_pairs_each_domains_practices_under_its_name() -> None:
    lines = render_terminal(report_for()).splitlines()
    at = lines.index("Direction")
    assert lines[at + 1].lstrip().startswith("L Envisioning")
    assert lines[at + 2].lstrip().startswith("M Planning")
    assert sum("│" in line for line in lines) == 16


def test_it_draws_bars_as_long_as_the_scores() -> None:
    text = render_terminal(report_for(innovating=5, optimizing=1, planning=3))
    assert "│████████████████████│ 5.0" in line_of(text, "L Innovating")
    assert "│                    │ 1.0" in line_of(text, "M Optimizing")
    assert "│██████████          │ 3.0" in line_of(text, "M Planning")


def test_it_shows_no_score_for_an_unanswered_practice() -> None:
    text = render_terminal(report_for(monitoring=np.nan))
    assert line_of(text, "M Monitoring").endswith("│ no score")
    assert "Monitoring has no score" in " ".join(text.split())


def test_it_lists_strengths_and_development_areas_with_their_activities() -> None:
    report = report_for(planning=2, innovating=5)
    text = render_terminal(report)
    flowing = " ".join(text.split())
    assert "• Innovating (5.0)" in flowing
    assert "Planning (2.0)" in flowing
    for activity in report.development[0].activities:
        assert activity.title in flowing


def test_it_keeps_within_the_line_width() -> None:
    text = render_terminal(report_for(planning=2), width=70)
    assert max(len(line) for line in text.splitlines()) <= 70


def test_it_prints_a_360s_groups_side_by_side_and_names_the_withheld() -> None:
    from twofold.reports.multirater import build_360_report
    from twofold.reports.terminal import render_rater_groups

    k = len(TLMI.items)
    rows = np.vstack([np.full(k, 4.0), np.full(k, 5.0), np.full((3, k), 3.0), np.full((2, k), 1.0)])
    groups = ["self", "manager", "peers", "peers", "peers", "direct_reports", "direct_reports"]
    text = render_rater_groups(build_360_report(TLMI, rows, groups, [{}] * 7, seed=1))
    lines = text.splitlines()
    assert lines[3].split() == ["Self", "Manager", "Peers", "raters"]
    assert lines[4].split() == ["n", "1", "n", "1", "n", "3", "n", "4"]
    # All raters: manager 5 and peers 3, 3, 3: (5 + 9) / 4 = 3.5.
    assert line_of(text, "L Envisioning").split()[-4:] == ["4.0", "5.0", "3.0", "3.5"]
    assert line_of(text, "Leadership").split()[1:] == ["4.0", "5.0", "3.0", "3.5"]
    assert "Manager: not anonymous" in text
    flowing = " ".join(text.split())
    assert "Direct reports: Fewer than 3 direct reports answered" in flowing
    assert "1.0" not in text
    assert "1.5" not in text
