"""GET /o/<slug>/people/export/ : the people as a CSV or Excel download, for administrators."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from tests.web.org_fixtures import OrgWorld

from twofold.web.audit.models import Action, Event

URL = "/o/acme/people/export/"


def test_it_downloads_a_csv(org_world: OrgWorld) -> None:
    response = org_world.client_as("admin").get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="acme-people.csv"'
    assert response["Cache-Control"] == "private, no-store"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "name,email,manager_email,team,job_title"
    assert "Bo Manager,bo@acme.example,ada@acme.example,Operations,Operations Manager" in lines
    assert len(lines) == 8


def test_it_downloads_a_workbook(org_world: OrgWorld) -> None:
    from openpyxl import load_workbook

    response = org_world.client_as("admin").get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="acme-people.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("name", "email", "manager_email", "team", "job_title")
    assert len(rows) == 8


def test_it_records_who_exported(org_world: OrgWorld) -> None:
    org_world.client_as("admin").get(URL, {"format": "xlsx"})
    event = Event.objects.get()
    assert (event.action, event.actor, event.summary) == (
        Action.PEOPLE_EXPORTED,
        org_world.users["admin"],
        "7 people as XLSX",
    )


def test_it_refuses_a_format_it_does_not_write(org_world: OrgWorld) -> None:
    response = org_world.client_as("admin").get(URL, {"format": "pdf"})
    assert response.status_code == 400
    assert not Event.objects.exists()


@pytest.mark.parametrize("role", ["manager", "participant", "coach", "outsider"])
def test_it_exists_for_administrators_only(org_world: OrgWorld, role: str) -> None:
    assert org_world.client_as(role).get(URL, {"format": "csv"}).status_code == 404
    assert not Event.objects.exists()


def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, login_path: str) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{login_path}?next=")
