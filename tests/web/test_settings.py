"""The typed helpers that read every setting from the environment."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from twofold.web.env import (
    data_home,
    env_bool,
    env_int,
    env_list,
    env_secret,
    stored_secret_key,
)
from twofold.web.settings import _database


@pytest.mark.parametrize("value", ["maybe", "on", "2", "tru"])
def test_it_rejects_a_bad_debug_value(value: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of true/false"):
        env_bool("DEBUG", False, {"DEBUG": value})


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("FALSE", False), ("1", True), ("0", False), ("yes", True), ("No", False)],
)
def test_it_reads_booleans(value: str, expected: bool) -> None:
    assert env_bool("DEBUG", not expected, {"DEBUG": value}) is expected


def test_it_uses_defaults_for_unset_or_empty_values() -> None:
    assert env_bool("DEBUG", False, {}) is False
    assert env_bool("DEBUG", True, {"DEBUG": ""}) is True
    assert env_list("ALLOWED_HOSTS", ["localhost"], {}) == ["localhost"]
    assert env_int("CONN_MAX_AGE", 0, {}) == 0


def test_it_rejects_a_bad_number() -> None:
    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE must be a whole number"):
        env_int("CONN_MAX_AGE", 0, {"CONN_MAX_AGE": "ten"})


def test_it_splits_lists() -> None:
    environ = {"ALLOWED_HOSTS": " a.example , b.example,, "}
    assert env_list("ALLOWED_HOSTS", [], environ) == ["a.example", "b.example"]


def test_it_reads_a_secret_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "key").write_text("s3cret\n")
    assert env_secret("SECRET_KEY", {"SECRET_KEY_FILE": str(tmp_path / "key")}) == "s3cret"
    assert env_secret("SECRET_KEY", {"SECRET_KEY": "direct", "SECRET_KEY_FILE": "x"}) == "direct"
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE: cannot read"):
        env_secret("SECRET_KEY", {"SECRET_KEY_FILE": str(tmp_path / "missing")})


def test_it_generates_the_secret_key_once_and_keeps_it_private(tmp_path: Path) -> None:
    key = stored_secret_key(tmp_path)
    assert len(key) >= 50
    assert stored_secret_key(tmp_path) == key
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_it_finds_the_data_directory() -> None:
    assert data_home({"TWOFOLD_HOME": "/srv/twofold"}) == Path("/srv/twofold")
    assert data_home({"XDG_DATA_HOME": "/data"}) == Path("/data/twofold")


def test_it_defaults_to_sqlite_in_wal_mode(tmp_path: Path) -> None:
    config = _database("", tmp_path)
    assert config["NAME"] == tmp_path / "twofold.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_it_reads_database_url(tmp_path: Path) -> None:
    config = _database("postgres://tf:pw@db.example:5433/twofold", tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "twofold")
