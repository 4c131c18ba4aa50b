"""GET / : what Twofold is, the start form, and demo reports only."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import Client

from twofold.web.assessments.models import Assessment


def test_it_works(client: Client, db: None) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b'action="/start/"' in response.content
    assert b"private link" in response.content


def test_it_lists_demo_reports(client: Client, db: None) -> None:
    call_command("seed_demo", stdout=StringIO())
    response = client.get("/")
    assert response.status_code == 200
    for demo in Assessment.objects.filter(is_demo=True):
        assert f"/report/{demo.report_token}/".encode() in response.content


def test_it_never_lists_real_assessments(client: Client, completed: Assessment) -> None:
    # A person's report is reachable only through its private link.
    response = client.get("/")
    assert response.status_code == 200
    assert completed.report_token.encode() not in response.content
    assert completed.subject_name.encode() not in response.content
    assert b"example report" not in response.content


def test_it_only_allows_get(client: Client, db: None) -> None:
    response = client.post("/")
    assert response.status_code == 405
