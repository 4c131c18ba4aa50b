"""Content shipped with Twofold: instruments, the activity catalogue and report texts.

Content is data, validated by the core's schemas when it is loaded; this module
only knows where the files are and caches what it has read.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from twofold.core.activities import Catalogue, load_catalogue
from twofold.core.errors import InstrumentError
from twofold.core.instrument import Instrument, load_instrument_file

_ROOT = files("twofold.content")
_INSTRUMENTS = {"tlmi": "tlmi-1.0.json"}


def builtin_ids() -> list[str]:
    """Ids of the instruments that ship with Twofold."""
    return sorted(_INSTRUMENTS)


@cache
def builtin_instrument(instrument_id: str) -> Instrument:
    """A built-in instrument by id, e.g. ``"tlmi"``."""
    try:
        name = _INSTRUMENTS[instrument_id]
    except KeyError:
        known = ", ".join(builtin_ids())
        raise InstrumentError(
            [f"no built-in instrument '{instrument_id}' (built-in: {known})"], instrument_id
        ) from None
    return load_instrument_file(Path(str(_ROOT / "instruments" / name)))


def resolve_instrument(file_or_id: str) -> Instrument:
    """An instrument from a JSON file path, or a built-in one by id or ``id@version``.

    ``id@version`` is how results name the instrument they came from, so a user
    may paste it back; a version other than the built-in one is refused.
    """
    if file_or_id in _INSTRUMENTS:
        return builtin_instrument(file_or_id)
    name, at, version = file_or_id.partition("@")
    if at and name in _INSTRUMENTS and not Path(file_or_id).exists():
        instrument = builtin_instrument(name)
        if version != instrument.version:
            raise InstrumentError(
                [f"the built-in {name} is version {instrument.version}, not {version}"],
                file_or_id,
            )
        return instrument
    if not Path(file_or_id).exists() and Path(file_or_id).suffix == "":
        # Neither a file nor a built-in id: most likely a mistyped id.
        known = ", ".join(builtin_ids())
        raise InstrumentError(
            [f"no built-in instrument and no file by that name (built-in: {known})"], file_or_id
        )
    return load_instrument_file(file_or_id)


@cache
def activity_catalogue() -> Catalogue:
    """The catalogue of development activities."""
    return load_catalogue(Path(str(_ROOT / "activities-1.0.json")))


@cache
def narrative(language: str = "en") -> dict[str, Any]:
    """Report texts: region meanings, lean sentences and capability notes."""
    data: dict[str, Any] = json.loads((_ROOT / f"narrative-{language}.json").read_text("utf-8"))
    return data


@cache
def questionnaire_texts(language: str = "en") -> dict[str, Any]:
    """What every shell tells a respondent before the questions: the instruction and the
    rule about answering, the same words on the web and in the terminal."""
    path = _ROOT / f"questionnaire-{language}.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data
