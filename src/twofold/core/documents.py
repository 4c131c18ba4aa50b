"""Reading JSON documents (instruments, catalogues) and explaining why one is invalid.

Every content file is validated by a pydantic model. Its errors are turned into
``location: message`` lines written in the file's own terms (``scales[3].items[1].key:
expected 1 or -1``), so an author can find each problem in the file they wrote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from twofold.core.errors import ProblemsError

#: The error type of a model check that found several problems at once; its
#: context holds them under ``problems``, one per line.
SEVERAL = "problems"

Model = TypeVar("Model", bound=BaseModel)


def read_json(path: str | Path, error: type[ProblemsError]) -> Any:
    """The decoded JSON of a file; any way reading fails raises ``error`` naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(["no such file"], str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error([f"cannot be read ({exc})"], str(path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            [f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"], str(path)
        ) from None


def validate(
    model: type[Model],
    data: Any,
    error: type[ProblemsError],
    source: str,
    aliases: Mapping[str, str] | None = None,
) -> Model:
    """``data`` as a ``model``, or ``error`` with one line per problem.

    ``aliases`` maps attribute names to the names the file uses, where they differ.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [line for err in exc.errors() for line in describe(err, aliases or {})]
        raise error(problems, source) from None


def location(loc: Sequence[int | str], aliases: Mapping[str, str] | None = None) -> str:
    """A pydantic location as a path into the document, e.g. ``activities[3].kind``.

    Examples
    --------
    >>> location(("scales", 3, "items", 1, "self_text"), {"self_text": "self"})
    'scales[3].items[1].self'
    >>> location(())
    '(top level)'
    """
    names = aliases or {}
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = names.get(part, part)
            text += f".{name}" if text else name
    return text or "(top level)"


def describe(err: ErrorDetails, aliases: Mapping[str, str]) -> list[str]:
    """One pydantic error as ``location: message`` lines an author can act on."""
    ctx = err.get("ctx") or {}
    if err["type"] == SEVERAL:
        return str(ctx["problems"]).splitlines()
    where = location(tuple(err["loc"]), aliases)
    if err["type"] == "literal_error":
        expected = str(ctx["expected"]).replace("'", "")
        # "expected 1 or -1", but "expected one of course, framework, … or reflection"
        message = f"expected one of {expected}" if ", " in expected else f"expected {expected}"
    elif err["type"] == "missing":
        message = "required field is missing"
    elif err["type"] == "extra_forbidden":
        message = "unknown field"
    else:
        msg = err["msg"].removeprefix("Value error, ")
        message = msg[:1].lower() + msg[1:]
    return [f"{where}: {message}"]
