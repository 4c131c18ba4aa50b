"""The instrument schema: what a valid file is, and how problems are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.core.tiny import tiny_definition

from twofold.core.errors import InstrumentError
from twofold.core.instrument import load_instrument_file, parse_instrument


def problems_of(definition: object) -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(definition)
    return caught.value.problems


def test_it_accepts_a_valid_definition_and_keeps_item_order() -> None:
    inst = parse_instrument(tiny_definition())
    assert inst.item_ids == ("l1", "l2", "l3", "m1", "m2", "m3")
    assert inst.ref == "tiny@1.0"
    assert inst.items[2].key == -1


def test_it_names_a_bad_key_by_its_location() -> None:
    definition = tiny_definition()
    definition["scales"][1]["items"][1]["key"] = 2
    assert problems_of(definition) == ["scales[1].items[1].key: expected 1 or -1"]


def test_it_lists_every_field_problem_at_once() -> None:
    definition = tiny_definition()
    del definition["version"]
    definition["scales"][0]["items"][0]["self"] = ""
    definition["colour"] = "blue"
    found = problems_of(definition)
    assert "version: required field is missing" in found
    assert any(p.startswith("scales[0].items[0].self:") for p in found)
    assert "colour: unknown field" in found


def test_it_reports_broken_references() -> None:
    definition = tiny_definition()
    definition["scales"][1]["items"][0]["id"] = "l1"
    definition["composites"][0]["scales"] = ["lead", "nope"]
    del definition["composites"][1]["sem"]
    found = problems_of(definition)
    assert "scales[1].items[0].id: duplicate item id 'l1'" in found
    assert "composites[0].scales[1]: unknown scale 'nope'" in found
    assert "composites[1].sem: required because the profile uses 'M'" in found


def test_it_requires_a_label_for_every_point_of_the_range() -> None:
    definition = tiny_definition()
    del definition["response_scale"]["labels"]["3"]
    assert problems_of(definition) == ["response_scale: labels must name exactly the points 1..5"]


def test_it_accepts_any_integer_range_and_many_scales() -> None:
    definition = tiny_definition()
    definition["response_scale"] = {
        "min": 0,
        "max": 6,
        "labels": {str(p): str(p) for p in range(7)},
    }
    for c in definition["composites"]:
        c["cut"] = 3
    inst = parse_instrument(definition)
    assert list(inst.response_scale.points) == list(range(7))


def test_it_reports_invalid_json_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"id": "x",\n "version": }')
    with pytest.raises(InstrumentError) as caught:
        load_instrument_file(path)
    assert caught.value.problems[0].startswith("line 2, column")


def test_it_defaults_the_cut_to_the_scale_midpoint(tmp_path: Path) -> None:
    definition = tiny_definition()
    del definition["composites"][0]["cut"]
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(definition))
    inst = load_instrument_file(path)
    assert inst.cut(inst.composites[0]) == 3.0


def test_it_limits_the_response_scale_to_101_points() -> None:
    definition = tiny_definition()
    definition["response_scale"] = {"min": 1, "max": 1_000_000_000, "labels": {"1": "one"}}
    assert problems_of(definition) == [
        "response_scale: at most 101 points, e.g. 0..100; got 1..1000000000"
    ]


def test_it_accepts_a_0_to_100_rating_scale() -> None:
    definition = tiny_definition()
    definition["response_scale"] = {
        "min": 0,
        "max": 100,
        "labels": {str(p): str(p) for p in range(101)},
    }
    for c in definition["composites"]:
        c["cut"] = 50
    assert len(parse_instrument(definition).response_scale.points) == 101


def test_it_takes_a_practice_sem_with_its_source() -> None:
    definition = tiny_definition()
    definition["scales"][0] |= {"sem": 0.3, "sem_source": "Assumed SD 0.6, alpha .75."}
    scale = parse_instrument(definition).scale("lead")
    assert (scale.sem, scale.sem_source) == (0.3, "Assumed SD 0.6, alpha .75.")
    assert parse_instrument(tiny_definition()).scale("lead").sem is None


def test_it_refuses_a_practice_sem_that_is_not_a_plausible_error() -> None:
    definition = tiny_definition()
    definition["scales"][0]["sem"] = 0
    definition["scales"][1]["sem"] = "wide"
    found = problems_of(definition)
    assert any(p.startswith("scales[0].sem:") for p in found)
    assert any(p.startswith("scales[1].sem:") for p in found)
    definition = tiny_definition()
    definition["scales"][1]["sem"] = 4.0
    assert problems_of(definition) == [
        "scales[1].sem: expected less than the response scale's range (4)"
    ]


def test_the_built_in_inventory_states_every_practice_sem_and_its_source() -> None:
    from twofold.content import builtin_instrument

    for scale in builtin_instrument("tlmi").scales:
        assert scale.sem == 0.3
        assert "Provisional" in scale.sem_source
