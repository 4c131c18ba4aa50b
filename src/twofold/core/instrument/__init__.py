"""Instruments: the schema, its models and the loaders."""

from twofold.core.instrument.keys import instrument_from_keys
from twofold.core.instrument.load import load_instrument_file, parse_instrument
from twofold.core.instrument.model import (
    Composite,
    Domain,
    Instrument,
    Item,
    ProfileAxes,
    ResponseScale,
    Scale,
)

__all__ = [
    "Composite",
    "Domain",
    "Instrument",
    "Item",
    "ProfileAxes",
    "ResponseScale",
    "Scale",
    "instrument_from_keys",
    "load_instrument_file",
    "parse_instrument",
]
