"""The keep_together filter: lines may break around hyphenated words and root
formulas, never inside them, and the text stays escaped."""

from __future__ import annotations

from twofold.web.reports.templatetags.twofold import keep_together


def test_it_holds_a_hyphenated_word_in_one_span() -> None:
    assert keep_together("plan, structure and follow-through, though") == (
        'plan, structure and <span class="nowrap">follow-through</span>, though'
    )


def test_it_holds_a_root_formula_in_one_span() -> None:
    assert keep_together("(SEM = SD × √(1 − r)).") == (
        '(SEM = SD × <span class="nowrap">√(1 − r)</span>).'
    )


def test_it_leaves_minus_signs_and_ranges_free() -> None:
    # A true minus and an en dash are not hyphens: nothing to hold together.
    assert keep_together("between −0.1 and 2–4 hours") == "between −0.1 and 2–4 hours"


def test_it_escapes_the_text_around_and_inside_the_spans() -> None:
    assert keep_together("<b>co-op</b> & more") == (
        '&lt;b&gt;<span class="nowrap">co-op</span>&lt;/b&gt; &amp; more'
    )
