"""The number a person reads and the words about it always agree."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from twofold.content import builtin_instrument
from twofold.core.scoring import score
from twofold.reports.build import build_report
from twofold.reports.numbers import on_scale, score_text, signed_text
from twofold.reports.terminal import render_terminal

TLMI = builtin_instrument("tlmi")
SCALE = TLMI.response_scale
LABELS = dict(SCALE.labels)
SAID = re.compile(r"(\d\.\d) of 5(?: \('([^']+)'\)|, between '([^']+)' and '([^']+)')")


def check_words(text: str) -> int:
    """Assert every "x.y of 5 …" in ``text`` names the labels of the number shown."""
    found = SAID.findall(text)
    for shown, only, below, above in found:
        value = Decimal(shown)
        if value == value.to_integral_value():
            assert only == LABELS[int(value)], text
        else:
            assert (below, above) == (LABELS[int(value)], LABELS[int(value) + 1]), text
    return len(found)


def test_it_rounds_half_up_as_a_person_would() -> None:
    assert [score_text(v) for v in (2.25, 2.35, 3.85, 4.45)] == ["2.3", "2.4", "3.9", "4.5"]
    assert score_text(2.4999999999999996) == score_text(2.5000000000000004) == "2.5"
    assert [signed_text(v) for v in (0.25, -0.25, -0.04, 0.0)] == ["+0.3", "−0.3", "0.0", "0.0"]


def test_it_names_the_answer_a_whole_score_equals() -> None:
    assert on_scale(4.0, 1, 5, LABELS) == "4.0 of 5 ('Often')"
    assert on_scale(1.04, 1, 5, LABELS) == "1.0 of 5 ('Rarely')"
    assert on_scale(4.96, 1, 5, LABELS) == "5.0 of 5 ('Almost always')"


def test_it_places_a_score_between_two_answers_otherwise() -> None:
    assert on_scale(4.5, 1, 5, LABELS) == "4.5 of 5, between 'Often' and 'Almost always'"
    assert on_scale(2.25, 1, 5, LABELS) == "2.3 of 5, between 'Occasionally' and 'Sometimes'"


@given(st.floats(1, 5))
def test_it_never_says_words_that_contradict_the_number(value: float) -> None:
    assert check_words(on_scale(value, 1, 5, LABELS)) == 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.integers(1, 5)),
        min_size=len(TLMI.items),
        max_size=len(TLMI.items),
    )
)
def test_it_writes_reports_whose_words_match_their_numbers(row: list[int | None]) -> None:
    matrix = np.array([[np.nan if a is None else a for a in row]], dtype=float)
    report = build_report(TLMI, score(TLMI, matrix))
    check_words(" ".join(report.summary) + " ".join(area.why for area in report.development))
    check_words(render_terminal(report))


def test_it_says_when_a_score_rests_on_fewer_answers_than_the_practice_has() -> None:
    answers = dict.fromkeys(TLMI.item_ids, 4.0)
    planning = [item.id for item in TLMI.scale("planning").items]
    answers[planning[0]], answers[planning[1]], answers[planning[2]] = 1.0, 2.0, np.nan
    report = build_report(TLMI, score(TLMI, np.array([list(answers.values())])))
    practice = next(p for p in report.practices if p.id == "planning")
    assert practice.partial
    assert practice.score == 1.5
    assert "Planning" in render_terminal(report)
    assert "1.5 (2 of 3 answered)" in render_terminal(report)
