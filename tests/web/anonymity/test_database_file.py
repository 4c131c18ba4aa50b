"""Attack: read SQLite's files after release for what the deleted rows held.

Deleted rows can linger in a database file's free pages and in its
write-ahead log. Twofold deletes securely (the pages are overwritten) and
empties the log after a release, so the original rows' link tokens, which
tied answers to the invitations that handed them out, are nowhere in the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.campaigns.release import release_participants

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's files only"),
]


def _files() -> bytes:
    # Close Django's connection first: SQLite's locks are POSIX locks, which the
    # process drops on the file whenever any descriptor of it is closed, as
    # reading it here does. A connection left open would then share the file
    # with other processes (a test's server) without its locks, and the two
    # would no longer see each other's writes.
    connection.close()
    name = Path(connection.settings_dict["NAME"])
    wal = name.with_name(name.name + "-wal")
    return name.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_it_leaves_no_trace_of_the_original_rows_in_the_files() -> None:
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada = make.participant(campaign, "Ada Lovelace")
    invited = make.raters(ada, "peers", 3)
    tokens = [i.response_set.respond_token.encode() for i in invited]
    assert all(token in _files() for token in tokens)  # they were written to disk
    release_participants([ada], hr)
    files = _files()
    for token in tokens:
        assert token not in files
