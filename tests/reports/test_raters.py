"""Rater groups in the report model: the core's release, named, with withheld groups explained."""

from __future__ import annotations

import numpy as np

from twofold.content import builtin_instrument, narrative
from twofold.core.anonymity import release_rater_groups
from twofold.core.scoring import score
from twofold.reports.build import build_report
from twofold.reports.raters import released_groups

TLMI = builtin_instrument("tlmi")


def test_a_self_report_has_one_group_the_participant() -> None:
    report = build_report(TLMI, score(TLMI, np.full((1, len(TLMI.items)), 4.0)))
    (own,) = report.rater_groups
    assert (own.group, own.name, own.n, own.withheld, own.anonymous) == (
        "self",
        "Self",
        1,
        False,
        False,
    )
    assert set(own.scales.values()) == {4.0}
    assert own.composites == {"leadership": 4.0, "management": 4.0}


def test_a_withheld_group_shows_no_number_and_says_which_threshold_it_missed() -> None:
    answers = np.full((4, len(TLMI.items)), 3.0)
    release = release_rater_groups(TLMI, answers, ["self", "manager", "peers", "peers"])
    groups = {g.group: g for g in released_groups(release, narrative("en"))}
    assert list(groups) == ["self", "manager", "peers", "direct_reports", "others", "all"]
    peers = groups["peers"]
    assert peers.withheld
    assert peers.n is None
    assert set(peers.scales.values()) == {None}
    assert "Fewer than 3 peers answered" in peers.withheld_text
    assert not groups["manager"].anonymous
    assert groups["manager"].scales["planning"] == 3.0
