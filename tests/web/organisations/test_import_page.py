"""/o/<slug>/people/import/ : check a people file, see what it would change, then import it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.web.org_fixtures import OrgWorld

from twofold.web.audit.models import Action, Event
from twofold.web.organisations.models import Person, Team
from twofold.web.organisations.people_file_views import PENDING

URL = "/o/acme/people/import/"
GOOD = (
    b"name,email,manager_email,team,job_title\n"
    b"Ada Lead,ada@acme.example,,Board,Chair\n"
    b"Nia New,nia@acme.example,ada@acme.example,Research,Engineer\n"
)
BAD = (
    b"name,email,manager_email\n"
    b",ada@acme.example,\n"
    b"Nia New,nia@acme,ada@acme.example\n"
    b"Oz,oz@acme.example,nobody@acme.example\n"
)


def _upload(client: Client, data: bytes, name: str = "people.csv") -> object:
    return client.post(URL, {"action": "preview", "file": SimpleUploadedFile(name, data)})


def _digest(client: Client) -> str:
    return str(client.session[PENDING]["digest"])


def _chart() -> dict[str, tuple[str, str]]:
    return {p.email: (p.name, p.job_title) for p in Person.objects.all()}


def test_it_shows_the_upload_form_to_an_administrator(org_world: OrgWorld) -> None:
    response = org_world.client_as("admin").get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b"manager_email" in response.content


def test_it_previews_a_file_without_changing_anything(org_world: OrgWorld) -> None:
    client = org_world.client_as("admin")
    before = _chart()
    response = _upload(client, GOOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "people.csv is ready to import" in page
    assert "<strong>1</strong> person added" in page
    assert "<strong>1</strong> person updated" in page
    assert 'Ada Lead <span class="muted">ada@acme.example</span>: team, job title' in page
    assert "<strong>2</strong> new teams" in page
    assert "<strong>6</strong> people in Twofold are not in the file" in page
    assert _chart() == before
    assert not Team.objects.filter(name="Research").exists()
    assert not Event.objects.exists()


def test_it_imports_exactly_the_previewed_file_when_confirmed(org_world: OrgWorld) -> None:
    client = org_world.client_as("admin")
    _upload(client, GOOD)
    response = client.post(URL, {"action": "confirm", "digest": _digest(client)})
    assert response.status_code == 302
    assert response["Location"] == "/o/acme/people/"
    assert Person.objects.get(email="nia@acme.example").manager == org_world.people["ada"]
    assert _chart()["ada@acme.example"] == ("Ada Lead", "Chair")
    event = Event.objects.get()
    assert (event.action, event.actor, event.organisation) == (
        Action.PEOPLE_IMPORTED,
        org_world.users["admin"],
        org_world.organisation,
    )
    assert event.summary.startswith("people.csv: 1 person created, 1 updated, 0 unchanged")
    assert PENDING not in client.session
    page = client.get(response["Location"]).content.decode()
    assert page.count("Imported people.csv: 1 person created") == 1  # shown once


def test_it_imports_a_file_only_once(org_world: OrgWorld) -> None:
    client = org_world.client_as("admin")
    _upload(client, GOOD)
    digest = _digest(client)
    client.post(URL, {"action": "confirm", "digest": digest})
    response = client.post(URL, {"action": "confirm", "digest": digest})
    assert response.status_code == 409
    assert b"no longer waiting to be imported" in response.content
    assert Event.objects.count() == 1


def test_it_never_imports_a_file_other_than_the_one_confirmed(org_world: OrgWorld) -> None:
    # Two tabs: the first file is previewed, then a second; confirming the first
    # must not import the second.
    client = org_world.client_as("admin")
    _upload(client, GOOD)
    first = _digest(client)
    _upload(client, GOOD.replace(b"Engineer", b"Scientist"))
    response = client.post(URL, {"action": "confirm", "digest": first})
    assert response.status_code == 409
    assert not Person.objects.filter(email="nia@acme.example").exists()


def test_it_lists_every_problem_and_imports_nothing(org_world: OrgWorld) -> None:
    client = org_world.client_as("admin")
    before = _chart()
    response = _upload(client, BAD, "bad.csv")
    assert response.status_code == 400
    page = response.content.decode()
    assert "bad.csv has 3 problems, so nothing was imported" in page
    assert "<li>line 2, column name: empty</li>" in page
    assert "<li>line 3, column email: &#x27;nia@acme&#x27; is not an email address</li>" in page
    assert "<li>line 4, column manager_email: nobody@acme.example is not in the file" in page
    assert _chart() == before
    assert PENDING not in client.session
    assert client.post(URL, {"action": "confirm", "digest": ""}).status_code == 409


def test_it_reads_a_workbook(org_world: OrgWorld) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for row in [["name", "email", "team"], ["Nia New", "nia@acme.example", "Research"]]:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    client = org_world.client_as("admin")
    response = _upload(client, data.getvalue(), "people.xlsx")
    assert response.status_code == 200
    client.post(URL, {"action": "confirm", "digest": _digest(client)})
    assert Person.objects.get(email="nia@acme.example").team.name == "Research"


def test_it_offers_no_import_when_nothing_would_change(org_world: OrgWorld) -> None:
    data = (
        b"name,email,manager_email,team,job_title\n"
        b"Ada Lead,ada@acme.example,,Leadership,Managing Director\n"
    )
    response = _upload(org_world.client_as("admin"), data)
    assert b"Importing this file would change nothing." in response.content
    assert b'value="confirm"' not in response.content


def test_it_drops_a_waiting_file_when_cancelled(org_world: OrgWorld) -> None:
    client = org_world.client_as("admin")
    _upload(client, GOOD)
    response = client.post(URL, {"action": "cancel", "digest": _digest(client)})
    assert response.status_code == 302
    assert PENDING not in client.session
    assert not Person.objects.filter(email="nia@acme.example").exists()


def test_it_refuses_a_file_too_large(org_world: OrgWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("twofold.web.organisations.forms.MAX_UPLOAD_BYTES", 10)
    response = _upload(org_world.client_as("admin"), GOOD)
    assert response.status_code == 400
    assert b"The file is larger than" in response.content


def test_it_asks_for_a_file(org_world: OrgWorld) -> None:
    response = org_world.client_as("admin").post(URL, {"action": "preview"})
    assert response.status_code == 400
    assert b"This field is required." in response.content


@pytest.mark.parametrize("role", ["manager", "participant", "coach", "outsider"])
def test_it_exists_for_administrators_only(org_world: OrgWorld, role: str) -> None:
    client = org_world.client_as(role)
    assert client.get(URL).status_code == 404
    assert _upload(client, GOOD).status_code == 404
    assert not Person.objects.filter(email="nia@acme.example").exists()


def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, login_path: str) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{login_path}?next={URL}"


def test_it_says_which_accounts_the_import_ties_to_their_person(org_world: OrgWorld) -> None:
    # Kit coaches in Acme with an account and no person; the file brings Kit in.
    kit = b"Kit Coach,kit@coaching.example,,,Coach\n"
    response = _upload(org_world.client_as("admin"), GOOD + kit)
    assert "<strong>1</strong> account is tied to its person" in response.content.decode()
