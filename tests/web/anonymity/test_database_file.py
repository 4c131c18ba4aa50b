"""Attack: read SQLite's files after release for what the deleted rows held.

Deleted rows can linger in a database file's free pages and in its
write-ahead log. Twofold deletes securely (the pages are overwritten) and
empties the log after a release, so the original rows' link tokens, which
tied answers to the invitations that handed them out, are nowhere in the files;
nor, after a second release, are those of the first release's copies, which
would say which sets the second one added.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Status
from twofold.web.campaigns.release import release_participants, reopen

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's files only"),
]


def _files() -> bytes:
    """The database file and its write-ahead log, as bytes, read by another process.

    SQLite's locks are POSIX locks, which a process drops on a file whenever
    it closes any descriptor of it. Read here, the files would lose this
    process's locks under its open connections, and the next process to open
    the database (a later test's server) would reset the shared WAL index
    beneath them and damage the file.
    """
    name = Path(connection.settings_dict["NAME"])
    wal = name.with_name(name.name + "-wal")
    files = [str(name), *([str(wal)] if wal.exists() else [])]
    return subprocess.run(["cat", *files], capture_output=True, check=True).stdout


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


def test_it_leaves_no_trace_of_an_earlier_release_in_the_files() -> None:
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    release_participants([ada], hr)
    copies = ResponseSet.objects.filter(assessment=ada.assessment, rater_role="peers")
    tokens = [token.encode() for token in copies.values_list("respond_token", flat=True)]
    assert len(tokens) == 3
    assert all(token in _files() for token in tokens)
    reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), hr)
    make.raters(ada, "peers", 3, start=4)
    campaign.status = Status.CLOSED
    campaign.save(update_fields=["status"])
    release_participants([ada], hr)
    assert copies.count() == 6
    files = _files()
    for token in tokens:
        assert token not in files
