"""Scales given inline as a keys spec: what is built, its ref, and how mistakes are named."""

from __future__ import annotations

import re

import pytest

from twofold.core.errors import InstrumentError
from twofold.core.instrument import instrument_from_keys

SPEC = "A=-A1,A2,A3;C=C1,C2,-C5"


def problems_of(spec: str, low: int = 1, high: int = 5) -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        instrument_from_keys(spec, low, high)
    return caught.value.problems


def test_it_builds_the_scales_in_order_with_their_keys() -> None:
    inst = instrument_from_keys(SPEC, 1, 6)
    assert inst.item_ids == ("A1", "A2", "A3", "C1", "C2", "C5")
    assert [item.key for item in inst.items] == [-1, 1, 1, 1, 1, -1]
    assert list(inst.response_scale.points) == [1, 2, 3, 4, 5, 6]
    assert inst.name == "Scales given inline"


def test_it_fingerprints_the_spec_in_the_ref() -> None:
    ref = instrument_from_keys(SPEC, 1, 6).ref
    assert re.fullmatch(r"keys-[0-9a-f]{10}@1\.0", ref)


def test_it_gives_specs_that_differ_only_in_spacing_the_same_ref() -> None:
    spaced = " A = - A1, A2 ,A3 ;\n C=C1 , C2,-C5 ; "
    assert instrument_from_keys(spaced, 1, 6).ref == instrument_from_keys(SPEC, 1, 6).ref


@pytest.mark.parametrize(
    ("spec", "low", "high"),
    [
        ("A=A1,A2,A3;C=C1,C2,-C5", 1, 6),  # keying
        ("A=-A1,A2,A4;C=C1,C2,-C5", 1, 6),  # item set
        ("A=-A1,A2,A3;D=C1,C2,-C5", 1, 6),  # scale name
        ("C=C1,C2,-C5;A=-A1,A2,A3", 1, 6),  # scale order, i.e. column order
        ("A=-A1,A2,A3;C=C1,C2,-C5", 1, 5),  # range
        ("A=-A1,A2,A3;C=C1,C2,-C5", 0, 6),
    ],
)
def test_it_gives_a_different_ref_to_anything_scoring_depends_on(
    spec: str, low: int, high: int
) -> None:
    assert instrument_from_keys(spec, low, high).ref != instrument_from_keys(SPEC, 1, 6).ref


def test_it_refuses_a_huge_range_without_building_it() -> None:
    # Building a label per point of this range would take many gigabytes.
    assert problems_of("A=a1", 1, 1_000_000_000) == [
        "keys: the range 1..1000000000 has more than 101 points (at most 101, e.g. 0..100)"
    ]


def test_it_accepts_a_range_of_exactly_101_points() -> None:
    assert len(instrument_from_keys("A=a1", 0, 100).response_scale.points) == 101


@pytest.mark.parametrize(("low", "high"), [(5, 5), (5, 1)])
def test_it_refuses_a_range_whose_highest_answer_is_not_above_the_lowest(
    low: int, high: int
) -> None:
    assert problems_of("A=a1", low, high) == [
        f"keys: the highest answer ({high}) must be greater than the lowest ({low})"
    ]


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("A=a1,,a2", "keys, scale A: item 2 is empty"),
        ("A=a1,a2,", "keys, scale A: item 3 is empty"),
        ("A=a1,-", "keys, scale A: item 2 is a minus with no item name after it"),
        ("A=--a1", "keys, scale A: '--a1' has more than one leading minus"),
        (
            "A=a1 a2",
            "keys, scale A: 'a1 a2' is not an item name "
            "(letters, digits, _ . -, starting with a letter; separate items with commas)",
        ),
        (
            "A=1a",
            "keys, scale A: '1a' is not an item name "
            "(letters, digits, _ . -, starting with a letter; separate items with commas)",
        ),
        (
            "A B=a1",
            "keys, scale 1: 'A B' is not a scale name "
            "(letters, digits, _ . -, starting with a letter)",
        ),
        ("A=" + "a" * 65, f"keys, scale A: '{'a' * 20}…' is longer than 64 characters"),
        ("A=a1;B", "keys, scale 2 ('B'): expected NAME=ITEM,ITEM,…"),
    ],
)
def test_it_names_a_bad_entry_by_its_scale_in_the_words_of_the_spec(
    spec: str, problem: str
) -> None:
    assert problems_of(spec) == [problem]


def test_it_explains_that_an_item_can_belong_to_one_scale_only() -> None:
    assert problems_of("A=a1,a2;B=a2,b1") == [
        "keys: item a2 is in scales A and B; an item can belong to one scale only"
    ]


def test_it_refuses_an_item_or_a_scale_given_twice() -> None:
    assert problems_of("A=a1,-a1;A=a2") == [
        "keys: scale A is given twice",
        "keys, scale A: item a1 is listed 2 times",
    ]


def test_it_reports_every_problem_of_a_spec_at_once() -> None:
    found = problems_of("A=a1,,--a2;B=a1", 1, 1_000_000_000)
    assert found == [
        "keys, scale A: item 2 is empty",
        "keys, scale A: '--a2' has more than one leading minus",
        "keys: item a1 is in scales A and B; an item can belong to one scale only",
        "keys: the range 1..1000000000 has more than 101 points (at most 101, e.g. 0..100)",
    ]


def test_it_refuses_an_empty_spec() -> None:
    assert problems_of(" ; ") == ["keys: no scales given; expected NAME=ITEM,ITEM;NAME=…"]
