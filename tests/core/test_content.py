"""The built-in content: the TLMI, the activity catalogue and the report narrative.

These files are what every user sees first, so the tests check the promises the
product makes about them: the inventory's shape, readable items, activities of the
right kind for every practice, and a narrative text for every result.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from twofold.core.activities import (
    Catalogue,
    CatalogueError,
    kinds_for,
    load_catalogue,
    parse_catalogue,
)
from twofold.core.instrument import Instrument, parse_instrument

CONTENT = files("twofold.content")


def _json(*parts: str) -> Any:
    resource = CONTENT
    for part in parts:
        resource = resource / part
    return json.loads(resource.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tlmi() -> Instrument:
    return parse_instrument(_json("instruments", "tlmi-1.0.json"), "tlmi-1.0.json")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return parse_catalogue(_json("activities-1.0.json"), "activities-1.0.json")


@pytest.fixture(scope="module")
def narrative() -> Any:
    return _json("narrative-en.json")


def _wordings(tlmi: Instrument) -> list[str]:
    return [text for item in tlmi.items for text in (item.self_text, item.observer_text)]


def test_it_offers_48_items_in_16_scales_of_3(tlmi: Instrument) -> None:
    assert len(tlmi.items) == 48
    assert len(tlmi.scales) == 16
    assert all(len(scale.items) == 3 for scale in tlmi.scales)


def test_it_pairs_8_leadership_with_8_management_scales(tlmi: Instrument) -> None:
    counts = Counter(scale.capability for scale in tlmi.scales)
    assert counts == {"leadership": 8, "management": 8}
    assert len({scale.domain for scale in tlmi.scales}) == 8


def test_it_words_every_self_item_in_the_first_person(tlmi: Instrument) -> None:
    assert all(item.self_text.startswith("I ") for item in tlmi.items)


def test_it_asks_observers_about_the_rated_person(tlmi: Instrument) -> None:
    assert all(item.observer_text.startswith("This person ") for item in tlmi.items)


def test_it_keeps_every_wording_to_at_most_20_words(tlmi: Instrument) -> None:
    too_long = [text for text in _wordings(tlmi) if len(text.split()) > 20]
    assert too_long == []


def test_it_never_repeats_a_wording(tlmi: Instrument) -> None:
    wordings = [re.sub(r"\W+", " ", text).strip().lower() for text in _wordings(tlmi)]
    assert len(wordings) == len(set(wordings))


def test_it_puts_each_scale_in_the_composite_of_its_capability(tlmi: Instrument) -> None:
    assert tlmi.profile is not None
    for axis in ("leadership", "management"):
        composite = tlmi.composite(getattr(tlmi.profile, axis))
        assert composite.sem is not None
        assert [tlmi.scale(s).capability for s in composite.scales] == [axis] * 8


def test_it_loads_the_catalogue_with_unique_ids(catalogue: Catalogue) -> None:
    ids = [activity.id for activity in catalogue.activities]
    assert len(ids) == len(set(ids))


def test_it_has_3_suitable_activities_for_every_practice(
    tlmi: Instrument, catalogue: Catalogue
) -> None:
    for scale in tlmi.scales:
        assert scale.capability is not None
        suitable = [
            a
            for a in catalogue.activities
            if a.practice == scale.id and a.kind in kinds_for(scale.capability)
        ]
        assert len(suitable) >= 3, scale.id


def test_it_recommends_2_to_3_activities_of_the_right_kind(
    tlmi: Instrument, catalogue: Catalogue
) -> None:
    for scale in tlmi.scales:
        assert scale.capability is not None
        picks = catalogue.for_practice(scale.id, scale.capability)
        assert 2 <= len(picks) <= 3, scale.id
        assert all(a.practice == scale.id for a in picks)
        assert all(a.kind in kinds_for(scale.capability) for a in picks)
        assert len({a.kind for a in picks}) == len(picks), scale.id


def test_it_follows_management_learning_with_on_the_job_practice(
    tlmi: Instrument, catalogue: Catalogue
) -> None:
    for scale in tlmi.scales:
        if scale.capability == "management":
            picks = catalogue.for_practice(scale.id, "management")
            assert picks[0].kind != "on-the-job", scale.id
            assert picks[-1].kind == "on-the-job", scale.id


def test_it_names_the_location_of_a_bad_kind(tmp_path: Path) -> None:
    bad = {
        "schema": "twofold-activities/1",
        "version": "1.0",
        "language": "en",
        "activities": [
            {
                "id": "x1",
                "practice": "planning",
                "kind": "webinar",
                "title": "Watch something",
                "description": "Watch it.",
                "effort": "1 hour",
            }
        ],
    }
    path = tmp_path / "activities.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"activities\[0\]\.kind: expected one of"):
        load_catalogue(path)


def test_it_has_a_narrative_for_every_region(narrative: Any) -> None:
    for region in ("integrator", "visionary", "steward", "emerging"):
        texts = narrative["regions"][region]
        assert all(texts[key].strip() for key in ("name", "headline", "meaning", "next"))


def test_it_has_a_narrative_for_every_lean(narrative: Any) -> None:
    assert all(narrative["lean"][key].strip() for key in ("leadership", "management", "balanced"))
    assert narrative["near_border"].strip()


def test_it_fills_practice_names_into_strength_texts(narrative: Any) -> None:
    for key in ("strength", "development"):
        assert "{practice}" in narrative[key]
        assert narrative[key].format(practice="Planning").startswith("Planning")
