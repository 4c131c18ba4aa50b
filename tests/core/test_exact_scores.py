"""Whole-number answers give exact scores: the same on every machine, the same for equal answers.

The expected values are computed here with Python's exact fractions, a path
independent of the numpy code under test.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from twofold.content import builtin_instrument
from twofold.core.instrument import Instrument
from twofold.core.scoring import score

TLMI = builtin_instrument("tlmi")


def exact_composites(inst: Instrument, row: list[int | None]) -> dict[str, Fraction | None]:
    """Each composite of one respondent as an exact fraction (None without a score)."""
    answers = dict(zip(inst.item_ids, row, strict=True))
    scales: dict[str, Fraction | None] = {}
    for scale in inst.scales:
        given_ = [answers[item.id] for item in scale.items if answers[item.id] is not None]
        enough = len(given_) >= 0.5 * len(scale.items)
        scales[scale.id] = Fraction(sum(given_), len(given_)) if given_ and enough else None
    result: dict[str, Fraction | None] = {}
    for composite in inst.composites:
        scored = [scales[ref] for ref in composite.scales if scales[ref] is not None]
        enough = len(scored) >= 0.5 * len(composite.scales)
        result[composite.id] = sum(scored, Fraction(0)) / len(scored) if enough else None
    return result


def test_it_scores_alternating_twos_and_threes_as_exactly_two_and_a_half() -> None:
    # Every practice has 2, 3, 2 or 3, 2, 3: scores of 7/3 and 8/3 whose mean is 5/2,
    # which summed in floating point land on 2.4999999999999996 or 2.5000000000000004.
    rows = []
    for first in (2, 3):
        row = []
        seen = {"leadership": 0, "management": 0}
        for scale in TLMI.scales:
            # Within each capability, practices take turns at 2, 3, 2 and 3, 2, 3.
            start = first if seen[str(scale.capability)] % 2 == 0 else 5 - first
            seen[str(scale.capability)] += 1
            row += [start if position % 2 == 0 else 5 - start for position in range(3)]
        rows.append(row)
    result = score(TLMI, np.array(rows, dtype=float))
    assert result.composite("leadership").tolist() == [2.5, 2.5]
    assert result.composite("management").tolist() == [2.5, 2.5]
    assert result.profile is not None
    assert result.profile.lean.tolist() == [0.0, 0.0]


answer_rows = st.lists(
    st.one_of(st.none(), st.integers(1, 5)), min_size=len(TLMI.items), max_size=len(TLMI.items)
)


@settings(max_examples=100, deadline=None)
@given(st.lists(answer_rows, min_size=1, max_size=8))
def test_it_gives_every_composite_its_exact_value_correctly_rounded(
    rows: list[list[int | None]],
) -> None:
    matrix = np.array([[np.nan if a is None else a for a in row] for row in rows], dtype=float)
    result = score(TLMI, matrix)
    for r, row in enumerate(rows):
        expected = exact_composites(TLMI, row)
        for composite_id, value in expected.items():
            got = result.composite(composite_id)[r]
            if value is None:
                assert np.isnan(got)
            else:
                assert got == float(value)  # the nearest double to the exact mean
        lead, manage = expected["leadership"], expected["management"]
        if lead is not None and manage is not None and result.profile is not None:
            assert result.profile.lean[r] == float(lead - manage)


@settings(max_examples=100, deadline=None)
@given(answer_rows, st.randoms(use_true_random=False))
def test_it_gives_equal_scores_to_answers_that_differ_only_in_order_within_a_practice(
    row: list[int | None], rnd: object
) -> None:
    shuffled: list[int | None] = []
    at = 0
    for scale in TLMI.scales:
        block = row[at : at + len(scale.items)]
        rnd.shuffle(block)  # type: ignore[attr-defined]
        shuffled += block
        at += len(scale.items)
    matrix = np.array([row, shuffled], dtype=float)  # None becomes NaN
    result = score(TLMI, matrix)
    assert np.array_equal(result.composites[0], result.composites[1], equal_nan=True)
    assert np.array_equal(result.scales[0], result.scales[1], equal_nan=True)
