"""Scales given inline, in the style of psych's keys lists.

Researchers often have a plain CSV and no instrument file. A spec such as
``"A=-A1,A2,A3;C=C1,C2,-C3"`` names each scale and its items, a leading minus
marking a reverse-keyed item; with the response range it is turned into an
ordinary :class:`Instrument`, so every scoring and analysis function works on it.

The spec is checked here, before the instrument schema sees it, so a mistake is
explained in the words of the spec (scale, item, position) rather than as a path
into a JSON document the user never wrote.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from twofold.core.errors import InstrumentError
from twofold.core.instrument.load import parse_instrument
from twofold.core.instrument.model import ID_MAX_LENGTH, ID_PATTERN, MAX_POINTS, Instrument

_NAME = re.compile(ID_PATTERN)
_NAME_RULE = "letters, digits, _ . -, starting with a letter"


def instrument_from_keys(spec: str, low: int, high: int) -> Instrument:
    """Build an instrument from a keys spec and a response range.

    The instrument's id is a fingerprint of the scales, items, keys and range,
    so a norm table or stored result made with one spec is refused for another
    (they check ``id@version``), while spacing in the spec does not matter.

    Raises
    ------
    InstrumentError
        With every problem of the spec and the range at once, e.g.
        ``keys, scale A: item 2 is empty``.

    Examples
    --------
    >>> inst = instrument_from_keys("A=-A1,A2;C=C1,C2", 1, 6)
    >>> [(i.id, i.key) for i in inst.scale("A").items]
    [('A1', -1), ('A2', 1)]
    >>> inst.ref == instrument_from_keys("A = -A1, A2 ; C = C1, C2", 1, 6).ref
    True
    """
    scales, problems = _parse(spec)
    problems += _duplicate_problems(scales)
    problems += _range_problems(low, high)
    if problems:
        raise InstrumentError(problems, "keys")
    canonical = (
        ";".join(
            f"{name}=" + ",".join(("-" if key < 0 else "") + item for item, key in items)
            for name, items in scales
        )
        + f"|{low}..{high}"
    )
    definition = {
        "id": "keys-" + hashlib.sha256(canonical.encode()).hexdigest()[:10],
        "version": "1.0",
        "language": "en",
        "name": "Scales given inline",
        "response_scale": {
            "min": low,
            "max": high,
            "labels": {str(p): str(p) for p in range(low, high + 1)},
        },
        "scales": [
            {
                "id": name,
                "name": name,
                "items": [
                    {"id": item, "self": item, "observer": item, "key": key} for item, key in items
                ],
            }
            for name, items in scales
        ],
    }
    return parse_instrument(definition, "keys")


def _parse(spec: str) -> tuple[list[tuple[str, list[tuple[str, int]]]], list[str]]:
    """The scales as ``(name, [(item, key), …])`` and the problems of their syntax."""
    scales: list[tuple[str, list[tuple[str, int]]]] = []
    problems: list[str] = []
    for n, part in enumerate(p for p in spec.split(";") if p.strip()):
        name, sep, listing = part.partition("=")
        name = name.strip()
        refs = [ref.strip() for ref in listing.split(",")]
        if not sep or not name or not any(refs):
            problems.append(f"keys, scale {n + 1} ('{part.strip()}'): expected NAME=ITEM,ITEM,…")
            continue
        where = f"keys, scale {name}"
        name_problem = _name_problem(name, "a scale name", "")
        if name_problem:
            # An invalid name would make a confusing label; number the scale instead.
            where = f"keys, scale {n + 1}"
            problems.append(f"{where}: {name_problem}")
        items: list[tuple[str, int]] = []
        for i, ref in enumerate(refs):
            item, key, problem = _item(ref, i + 1)
            if problem:
                problems.append(f"{where}: {problem}")
            else:
                items.append((item, key))
        scales.append((name, items))
    if not scales and not problems:
        problems.append("keys: no scales given; expected NAME=ITEM,ITEM;NAME=…")
    return scales, problems


def _item(ref: str, position: int) -> tuple[str, int, str]:
    """``(item id, key, problem)`` of one comma-separated entry; ``problem`` is '' if fine."""
    if not ref:
        return "", 1, f"item {position} is empty"
    reverse = ref.startswith("-")
    item = ref.removeprefix("-").strip()
    if item.startswith("-"):
        return "", 1, f"'{ref}' has more than one leading minus"
    if not item:
        return "", 1, f"item {position} is a minus with no item name after it"
    rule = "; separate items with commas"
    problem = _name_problem(item, "an item name", rule)
    return item, -1 if reverse else 1, problem


def _name_problem(name: str, what: str, hint: str) -> str:
    if len(name) > ID_MAX_LENGTH:
        return f"'{name[:20]}…' is longer than {ID_MAX_LENGTH} characters"
    if not _NAME.match(name):
        return f"'{name}' is not {what} ({_NAME_RULE}{hint})"
    return ""


def _duplicate_problems(scales: list[tuple[str, list[tuple[str, int]]]]) -> list[str]:
    """Twofold scores each item in one scale only; psych's keys lists allow more."""
    problems = [
        f"keys: scale {name} is given twice"
        for name, count in Counter(name for name, _ in scales).items()
        if count > 1
    ]
    homes: dict[str, list[str]] = {}
    for name, items in scales:
        for item, _ in items:
            homes.setdefault(item, []).append(name)
    for item, names in homes.items():
        distinct = list(dict.fromkeys(names))
        if len(distinct) > 1:
            listed = ", ".join(distinct[:-1]) + f" and {distinct[-1]}"
            problems.append(
                f"keys: item {item} is in scales {listed}; an item can belong to one scale only"
            )
        elif len(names) > 1:
            problems.append(f"keys, scale {names[0]}: item {item} is listed {len(names)} times")
    return problems


def _range_problems(low: int, high: int) -> list[str]:
    """Checked before any label is built: a typo such as 1..1000000000 would exhaust memory."""
    if high <= low:
        return [f"keys: the highest answer ({high}) must be greater than the lowest ({low})"]
    if high - low + 1 > MAX_POINTS:
        return [
            f"keys: the range {low}..{high} has more than {MAX_POINTS} points "
            f"(at most {MAX_POINTS}, e.g. 0..{MAX_POINTS - 1})"
        ]
    return []
