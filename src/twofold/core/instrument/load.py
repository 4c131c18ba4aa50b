"""Reading instruments from JSON, with every problem reported by its location."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

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
    try:
        return Instrument.model_validate(data)
    except ValidationError as exc:
        problems = [line for err in exc.errors() for line in _describe(err)]
        raise InstrumentError(problems, source) from None


def load_instrument_file(path: str | Path) -> Instrument:
    """Read and validate an instrument from a JSON file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InstrumentError([f"{path}: no such file"], str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError([f"{path}: cannot be read ({exc})"], str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstrumentError(
            [f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"], str(path)
        ) from None
    return parse_instrument(data, str(path))


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = _ALIASES.get(part, part)
            text += f".{name}" if text else name
    return text or "(top level)"


def _describe(err: ErrorDetails) -> list[str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    where = _location(tuple(err["loc"]))
    if kind == "references":
        return str(ctx["problems"]).splitlines()
    if kind == "literal_error":
        message = f"expected {ctx['expected']}".replace("'", "")
    elif kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        message = "unknown field"
    else:
        msg = err["msg"].removeprefix("Value error, ")
        message = msg[:1].lower() + msg[1:]
    return [f"{where}: {message}"]
