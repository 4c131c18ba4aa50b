"""Scales given inline, in the style of psych's keys lists.

Researchers often have a plain CSV and no instrument file. A spec such as
``"A=-A1,A2,A3;C=C1,C2,-C3"`` names each scale and its items, a leading minus
marking a reverse-keyed item; with the response range it is turned into an
ordinary :class:`Instrument`, so every scoring and analysis function works on it.
"""

from __future__ import annotations

from twofold.core.errors import InstrumentError
from twofold.core.instrument.load import parse_instrument
from twofold.core.instrument.model import Instrument


def instrument_from_keys(spec: str, low: int, high: int) -> Instrument:
    """Build an instrument from a keys spec and a response range.

    Examples
    --------
    >>> inst = instrument_from_keys("A=-A1,A2;C=C1,C2", 1, 6)
    >>> [(i.id, i.key) for i in inst.scale("A").items]
    [('A1', -1), ('A2', 1)]
    """
    scales = []
    problems = []
    for n, part in enumerate(p for p in spec.split(";") if p.strip()):
        name, sep, items = part.partition("=")
        name = name.strip()
        refs = [ref.strip() for ref in items.split(",") if ref.strip()]
        if not sep or not name or not refs:
            problems.append(f"keys, scale {n + 1} ('{part.strip()}'): expected NAME=ITEM,ITEM,…")
            continue
        scales.append(
            {
                "id": name,
                "name": name,
                "items": [
                    {
                        "id": ref.removeprefix("-").strip(),
                        "self": ref.removeprefix("-").strip(),
                        "observer": ref.removeprefix("-").strip(),
                        "key": -1 if ref.startswith("-") else 1,
                    }
                    for ref in refs
                ],
            }
        )
    if not scales and not problems:
        problems.append("keys: no scales given; expected NAME=ITEM,ITEM;NAME=…")
    if problems:
        raise InstrumentError(problems, "keys")
    definition = {
        "id": "inline-keys",
        "version": "1.0",
        "language": "en",
        "name": "Scales given inline",
        "response_scale": {
            "min": low,
            "max": high,
            "labels": {str(p): str(p) for p in range(low, high + 1)},
        },
        "scales": scales,
    }
    return parse_instrument(definition, "keys")
