"""Where norm tables live: the built-in ones, and those a user builds, in TWOFOLD_HOME.

The statistic and the file format are in :mod:`twofold.core.stats.norms`; this
module only knows directories and names, so the core never reaches into the
content shipped with Twofold.
"""

from __future__ import annotations

import os
import re
from importlib.abc import Traversable
from importlib.resources import files
from pathlib import Path

from twofold.core.output import write_atomically
from twofold.core.stats.norms import NAME_HINT, NAME_PATTERN, NormError, NormTable, parse_norm

__all__ = ["NormStore", "default_norm_directory"]


def default_norm_directory() -> Path:
    """``$TWOFOLD_HOME/norms``; else ``$XDG_DATA_HOME/twofold/norms`` or ``~/.local/share/…``."""
    if os.environ.get("TWOFOLD_HOME", "").strip():
        return Path(os.environ["TWOFOLD_HOME"]).expanduser() / "norms"
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "twofold" / "norms"


class NormStore:
    """Norm tables in a directory (one ``NAME.json`` each), plus the built-in ones.

    Built-in norms ship with Twofold and are read-only; a stored norm cannot
    take a built-in norm's name.
    """

    def __init__(
        self, directory: Path | None = None, builtin: Traversable | Path | None = None
    ) -> None:
        self.directory = default_norm_directory() if directory is None else Path(directory)
        self.builtin = files("twofold.content").joinpath("norms") if builtin is None else builtin

    def _builtin_file(self, name: str) -> Traversable | None:
        candidate = self.builtin.joinpath(f"{name}.json")
        return candidate if candidate.is_file() else None

    def names(self) -> list[str]:
        found = {p.stem for p in self.directory.glob("*.json")}
        if self.builtin.is_dir():
            found |= {e.name[:-5] for e in self.builtin.iterdir() if e.name.endswith(".json")}
        return sorted(found)

    def is_builtin(self, name: str) -> bool:
        return self._builtin_file(name) is not None

    def list(self) -> list[NormTable]:
        """Every norm, built-in and stored, by name; the first unreadable one raises."""
        return [self.load(name) for name in self.names()]

    def entries(self) -> dict[str, NormTable | NormError]:
        """Every norm by name, or the error that says why its file cannot be read.

        A listing must show a broken file rather than skip it or stop at it:
        the user put it there and needs to see that it cannot be used.
        """
        found: dict[str, NormTable | NormError] = {}
        for name in self.names():
            try:
                found[name] = self.load(name)
            except NormError as exc:
                found[name] = exc
        return found

    def load(self, name: str) -> NormTable:
        """The norm called *name*, built-in or stored."""
        if name not in self.names():  # also keeps a name like '../x' inside the directory
            known = ", ".join(self.names()) or "none"
            raise NormError(f"name: no norm called '{name}' (known: {known})")
        source = self._builtin_file(name) or self.directory / f"{name}.json"
        if not re.match(NAME_PATTERN, name):
            raise NormError(
                f"norm '{name}' ({source}) cannot be used: its file name is not a norm name; "
                f"rename it to {NAME_HINT}"
            )
        return _read(name, source)

    def save(self, norm: NormTable, *, replace: bool = False) -> Path:
        """Write the norm atomically; refuse to overwrite unless ``replace``."""
        if self._builtin_file(norm.name) is not None:
            raise NormError(f"name: '{norm.name}' is a built-in norm; choose another name")
        path = self.directory / f"{norm.name}.json"
        if path.exists() and not replace:
            raise NormError(
                f"name: a norm called '{norm.name}' already exists ({path}); "
                "choose another name or replace it"
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(path, norm.to_json())
        return path


def _read(name: str, source: Traversable | Path) -> NormTable:
    """The norm in *source*; any way the file fails becomes a NormError naming it."""
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NormError(f"norm '{name}' ({source}) is not a norm file: not UTF-8 text") from None
    except OSError as exc:
        raise NormError(f"norm '{name}' ({source}) cannot be read: {exc.strerror}") from None
    return parse_norm(text, name, source)
