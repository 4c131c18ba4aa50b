"""What a person's report says, built from hand-made answers to the built-in inventory."""

from __future__ import annotations

import numpy as np
import pytest

from twofold.content import builtin_instrument, narrative
from twofold.core.activities import EXPERIENTIAL, STRUCTURED_LEARNING
from twofold.core.instrument import Instrument, parse_instrument
from twofold.core.scoring import score
from twofold.reports.build import build_report
from twofold.reports.model import Report

TLMI = builtin_instrument("tlmi")
LEADERSHIP = [s.id for s in TLMI.scales if s.capability == "leadership"]
MANAGEMENT = [s.id for s in TLMI.scales if s.capability == "management"]


def answers(default: float, **by_scale: float) -> np.ndarray:
    """One respondent: every item answered ``default``, except the named scales' items.

    The value is the keyed score wanted, so reverse-keyed items get the mirrored
    answer; NaN leaves the scale unanswered.
    """
    lo, hi = TLMI.response_scale.min, TLMI.response_scale.max
    row = []
    for scale in TLMI.scales:
        value = by_scale.get(scale.id, default)
        row += [value if item.key == 1 else lo + hi - value for item in scale.items]
    return np.array([row])


def report_for(matrix: np.ndarray, *, n_strengths: int = 3, n_development: int = 3) -> Report:
    return build_report(
        TLMI, score(TLMI, matrix), n_strengths=n_strengths, n_development=n_development
    )


def both(leadership: float, management: float) -> np.ndarray:
    return answers(
        0,
        **dict.fromkeys(LEADERSHIP, leadership),
        **dict.fromkeys(MANAGEMENT, management),
    )


def test_it_lists_practices_in_instrument_order_and_pairs_them_by_domain() -> None:
    report = report_for(answers(4))
    assert [p.id for p in report.practices] == [s.id for s in TLMI.scales]
    assert len(report.domains) == 8
    direction = report.domains[0]
    assert (direction.name, direction.leadership.id, direction.management.id) == (
        "Direction",
        "envisioning",
        "planning",
    )


def test_it_makes_a_low_management_practice_a_development_area_with_structured_learning() -> None:
    report = report_for(answers(4, planning=2))
    area = report.development[0]
    assert area.practice.id == "planning"
    assert 2 <= len(area.activities) <= 3
    assert {a.kind for a in area.activities} <= STRUCTURED_LEARNING
    assert "lowest" in area.why
    assert narrative("en")["capabilities"]["management"] in area.why


def test_it_recommends_experience_for_a_low_leadership_practice() -> None:
    area = report_for(answers(4, envisioning=2)).development[0]
    assert area.practice.id == "envisioning"
    assert 2 <= len(area.activities) <= 3
    assert {a.kind for a in area.activities} <= EXPERIENTIAL


def test_it_picks_the_highest_practices_as_strengths_in_instrument_order_on_ties() -> None:
    report = report_for(answers(3, innovating=5, inspiring=5, planning=4))
    assert [p.id for p in report.strengths] == ["inspiring", "innovating", "planning"]


def test_it_never_picks_a_practice_as_both_strength_and_development_area() -> None:
    report = report_for(answers(3, innovating=5, planning=1), n_strengths=10, n_development=10)
    strengths = {p.id for p in report.strengths}
    development = [a.practice.id for a in report.development]
    assert len(strengths) == 10
    assert strengths.isdisjoint(development)
    # The other practices score 3.0, as the lowest strength does: only Planning is lower.
    assert development == ["planning"]


def test_it_places_a_respondent_far_higher_on_leadership_in_the_visionary_region() -> None:
    report = report_for(both(5, 2))
    assert report.profile is not None
    assert report.profile.region == "visionary"
    assert report.profile.direction == "leadership"
    assert report.profile.near_border is False
    assert report.profile.near_border_text == ""
    summary = " ".join(report.summary)
    assert "Visionary" in summary
    assert "5.0 of 5 ('Almost always')" in summary
    assert "2.0 of 5 ('Occasionally')" in summary


def test_it_calls_equal_leadership_and_management_balanced() -> None:
    report = report_for(answers(4))
    assert report.profile is not None
    assert report.profile.direction == "balanced"
    assert report.profile.region == "integrator"
    assert "balanced" in " ".join(report.summary)


def test_it_rounds_scores_to_one_decimal_only_in_the_words() -> None:
    # Seven leadership practices at 4 and one at 3: a composite of 3.875.
    report = report_for(answers(4, envisioning=3))
    assert report.leadership == pytest.approx(3.875)
    assert "3.9 of 5, between 'Sometimes' and 'Often'" in " ".join(report.summary)


def test_it_warns_when_the_point_is_near_a_region_border() -> None:
    # Management: four practices at 3 and four at 4, a composite right on the 3.5 cut.
    management = dict(zip(MANAGEMENT, [3, 4] * 4, strict=True))
    report = report_for(answers(4, **management))
    assert report.profile is not None
    assert report.management == pytest.approx(3.5)
    assert report.profile.near_border is True
    assert report.profile.near_border_text == narrative("en")["near_border"]
    assert report.profile.near_border_text in " ".join(report.summary)


def test_it_leaves_a_practice_without_answers_out_of_strengths_and_development() -> None:
    report = report_for(answers(4, monitoring=np.nan, planning=2, innovating=5))
    monitoring = next(p for p in report.practices if p.id == "monitoring")
    assert (monitoring.score, monitoring.answered, monitoring.n_items) == (None, 0, 3)
    picked = [p.id for p in report.strengths] + [a.practice.id for a in report.development]
    assert "monitoring" not in picked
    assert any("Monitoring has no score" in note for note in report.notes)


def test_it_says_the_picks_are_tentative_when_scores_are_very_even() -> None:
    report = report_for(answers(4))
    assert len(report.strengths) == 3
    # Every practice scores 4.0: none is a weakness beside a strength of 4.0.
    assert report.development == ()
    assert any("tentative" in note and "stands out" in note for note in report.notes)


def test_it_never_calls_a_score_shown_as_a_strength_a_development_area() -> None:
    # Three practices at 4.0 and the rest at 3.7 or 4.0: only the 3.7s are to develop.
    matrix = answers(4)
    for practice in ("planning", "organizing"):
        matrix[0, TLMI.item_ids.index(TLMI.scale(practice).items[0].id)] = 3
    report = report_for(matrix)
    floor = min(p.score for p in report.strengths if p.score is not None)
    assert [area.practice.id for area in report.development] == ["planning", "organizing"]
    assert all(area.practice.score is not None for area in report.development)
    assert all(area.practice.score < floor for area in report.development)  # type: ignore[operator]


def test_it_does_not_call_a_third_of_a_point_even() -> None:
    # A scale answered 4, 4, 5 scores 4.33, a third of a point above the rest.
    matrix = answers(4)
    matrix[0, TLMI.item_ids.index(TLMI.scale("innovating").items[0].id)] = 5
    report = report_for(matrix)
    assert not any("tentative" in note for note in report.notes)
    assert report.strengths[0].id == "innovating"


def test_it_has_no_profile_when_a_composite_has_no_score() -> None:
    report = report_for(answers(4, **dict.fromkeys(LEADERSHIP, np.nan)))
    assert report.profile is None
    assert report.leadership is None
    assert report.management == pytest.approx(4.0)
    assert "Too few questions were answered" in report.summary[0]


def test_it_reports_the_chosen_respondent() -> None:
    matrix = np.vstack([both(5, 2), both(2, 5)])
    report = build_report(TLMI, score(TLMI, matrix), 1)
    assert report.profile is not None
    assert report.profile.region == "steward"


def test_it_refuses_an_index_outside_the_scores() -> None:
    with pytest.raises(IndexError, match="index"):
        build_report(TLMI, score(TLMI, answers(4)), 1)


def test_it_refuses_scores_of_another_instrument() -> None:
    other = plain_instrument()
    with pytest.raises(ValueError, match=r"tlmi@1\.0"):
        build_report(TLMI, score(other, np.full((1, 2), 3.0)))


def test_it_lists_unpaired_practices_without_domains_or_profile() -> None:
    other = plain_instrument()
    report = build_report(other, score(other, np.array([[5.0, 2.0]])))
    assert report.domains == ()
    assert report.profile is None
    assert [p.id for p in report.strengths][:1] == ["speaking"]
    assert report.summary[0].startswith("This report shows your practice scores.")


def plain_instrument() -> Instrument:
    """A custom instrument with two one-item scales, no domains and no profile."""
    return parse_instrument(
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
