"""Typed readers for settings that come from the environment.

Every setting of the web app is read through one of these helpers, so a bad
value stops the app at start-up with a message that names the variable and the
values it accepts, instead of surfacing later as odd behaviour.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    """The variable's value, or ``default`` when it is unset or empty."""
    value = (os.environ if environ is None else environ).get(name, "")
    return value if value != "" else default


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """``true``/``false``, ``1``/``0`` or ``yes``/``no`` (any case); anything else is an error.

    Raises
    ------
    ImproperlyConfigured
        When the value is set but is not one of the accepted words.
    """
    raw = env_str(name, "", environ).strip().lower()
    if raw == "":
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false, 1/0 or yes/no, not {raw!r}")


def env_int(name: str, default: int, environ: Mapping[str, str] | None = None) -> int:
    """A whole number; anything else is an error."""
    raw = env_str(name, "", environ).strip()
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """A comma-separated list; blanks around items and empty items are dropped."""
    raw = env_str(name, "", environ)
    if raw.strip() == "":
        return list(default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_secret(name: str, environ: Mapping[str, str] | None = None) -> str:
    """``NAME`` itself, else the contents of the file named by ``NAME_FILE``, else "".

    The ``_FILE`` form suits container secrets mounted as files. Surrounding
    whitespace (a trailing newline) is stripped from the file's contents.

    Raises
    ------
    ImproperlyConfigured
        When ``NAME_FILE`` names a file that cannot be read or is empty.
    """
    value = env_str(name, "", environ)
    if value:
        return value
    path = env_str(f"{name}_FILE", "", environ)
    if not path:
        return ""
    try:
        secret = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {exc.strerror}") from None
    if not secret:
        raise ImproperlyConfigured(f"{name}_FILE: {path} is empty")
    return secret


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """Where Twofold keeps its data: ``TWOFOLD_HOME``, else the XDG data directory.

    The default is ``$XDG_DATA_HOME/twofold``, or ``~/.local/share/twofold`` when
    ``XDG_DATA_HOME`` is unset.
    """
    explicit = env_str("TWOFOLD_HOME", "", environ)
    if explicit:
        return Path(explicit).expanduser()
    xdg = env_str("XDG_DATA_HOME", "", environ)
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "twofold"


def stored_secret_key(home: Path) -> str:
    """The secret key kept in ``home/secret_key``, generated on first use.

    A new key is written to a private temporary file (mode 0600) and then
    hard-linked into place, which fails if the file already exists: two
    processes starting at once end up sharing one complete key.
    """
    from django.core.management.utils import get_random_secret_key

    path = home / "secret_key"
    if not path.exists():
        tmp = home / f".secret_key.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(get_random_secret_key() + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise ImproperlyConfigured(f"{path} is empty: delete it to have a new key generated")
    return key
