"""How the CLI reports bad input: a clear message and exit code 2, never a traceback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import click

from twofold.core.errors import TwofoldError

P = ParamSpec("P")
R = TypeVar("R")


class InputError(click.ClickException):
    """Bad input from the user: a file, an option or an answer."""

    exit_code = 2


@contextmanager
def reported() -> Iterator[None]:
    """Turn core errors into :class:`InputError` at the edge of a command.

    An operating-system error (a data folder that cannot be created, a disk
    that is full) is reported the same way: the user can act on its message,
    and a traceback would only hide it.
    """
    try:
        yield
    except TwofoldError as exc:
        raise InputError(str(exc)) from None
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        raise InputError(f"{where}{exc.strerror or exc}") from None


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of :func:`reported` for a whole command."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with reported():
            return command(*args, **kwargs)

    return wrapper
