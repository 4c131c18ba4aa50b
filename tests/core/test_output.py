"""Files written by the core: whole or not at all, with the user's usual permissions."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from twofold.core.output import atomic_file, write_atomically


@pytest.fixture
def umask_022() -> Iterator[None]:
    saved = os.umask(0o022)
    yield
    os.umask(saved)


def test_it_writes_the_whole_text(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    write_atomically(path, "respondent_id,A\nr1,2.5\n")
    assert path.read_text() == "respondent_id,A\nr1,2.5\n"


def test_it_gives_a_new_file_the_permissions_of_any_new_file(
    tmp_path: Path, umask_022: None
) -> None:
    path = tmp_path / "scores.csv"
    write_atomically(path, "x\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_it_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text("old\n")

    def fail_half_way() -> None:
        with atomic_file(path) as handle:
            handle.write(b"half of the new")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert path.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file is left behind
