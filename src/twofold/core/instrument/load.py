"""Reading instruments from JSON, with every problem reported by its location."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from twofold.core.documents import read_json, validate
from twofold.core.errors import InstrumentError
from twofold.core.instrument.model import Instrument

# Field names in the file differ from the attribute names for these.
_ALIASES = {"self_text": "self", "observer_text": "observer", "schema_": "schema"}


def parse_instrument(data: Any, source: str = "instrument") -> Instrument:
    """Validate decoded JSON as an instrument.

    Raises
    ------
    InstrumentError
        With one ``location: message`` line per problem, e.g.
        ``scales[3].items[1].key: expected 1 or -1``.
    """
    return validate(Instrument, data, InstrumentError, source, _ALIASES)


def load_instrument_file(path: str | Path) -> Instrument:
    """Read and validate an instrument from a JSON file."""
    return parse_instrument(read_json(path, InstrumentError), str(path))
