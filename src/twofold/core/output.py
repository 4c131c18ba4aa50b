"""How results leave the core: JSON-ready numbers and files written whole or not at all."""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path
from typing import SupportsFloat


def optional(value: SupportsFloat) -> float | None:
    """``None`` for NaN, else the value as a float.

    Arrays mark an undefined or missing value with NaN; JSON has no NaN, and
    printing one as a number would mislead, so it becomes ``null``.

    Examples
    --------
    >>> optional(float("nan")) is None, optional(2)
    (True, 2.0)
    """
    number = float(value)
    return None if math.isnan(number) else number


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all.

    The text goes to a temporary file in the same directory, which then
    replaces ``path`` in one step: a crash or a full disk leaves the old file
    (or none), never half a result.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
