"""A tiny instrument whose scores are easy to compute by hand."""

from __future__ import annotations

from typing import Any


def tiny_definition() -> dict[str, Any]:
    """Two scales of three items, one reverse-keyed, on a 1–5 scale; SEM .2, cuts at 3."""
    return {
        "id": "tiny",
        "version": "1.0",
        "language": "en",
        "name": "Tiny",
        "response_scale": {
            "min": 1,
            "max": 5,
            "labels": {str(p): f"point {p}" for p in range(1, 6)},
        },
        "scales": [
            {
                "id": "lead",
                "name": "Lead",
                "capability": "leadership",
                "items": [
                    {"id": "l1", "self": "I a", "observer": "They a"},
                    {"id": "l2", "self": "I b", "observer": "They b"},
                    {"id": "l3", "self": "I c", "observer": "They c", "key": -1},
                ],
            },
            {
                "id": "man",
                "name": "Man",
                "capability": "management",
                "items": [
                    {"id": "m1", "self": "I d", "observer": "They d"},
                    {"id": "m2", "self": "I e", "observer": "They e"},
                    {"id": "m3", "self": "I f", "observer": "They f"},
                ],
            },
        ],
        "composites": [
            {"id": "L", "name": "Leadership", "scales": ["lead"], "sem": 0.2, "cut": 3},
            {"id": "M", "name": "Management", "scales": ["man"], "sem": 0.2, "cut": 3},
        ],
        "profile": {"leadership": "L", "management": "M"},
    }


def three_practices_definition() -> dict[str, Any]:
    """Three practices of two items in one composite, so composites mix practices."""
    items = {s: [{"id": f"{s}{i}", "self": "I", "observer": "They"} for i in (1, 2)] for s in "abc"}
    return {
        "id": "three",
        "version": "1.0",
        "language": "en",
        "name": "Three",
        "response_scale": {
            "min": 1,
            "max": 5,
            "labels": {str(p): str(p) for p in range(1, 6)},
            "not_observed": "Not observed",
        },
        "scales": [{"id": s.upper(), "name": s, "items": items[s]} for s in "abc"],
        "composites": [{"id": "T", "name": "Total", "scales": ["A", "B", "C"]}],
    }
