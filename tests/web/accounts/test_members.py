"""/o/<slug>/members/: accounts and roles, for administrators only."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.test import Client
from django.utils.html import strip_tags
from tests.web.accounts.helpers import Actors, client_for, make_person

from twofold.web.accounts.access import viewer_for
from twofold.web.accounts.models import CoachAssignment, Membership, Role
from twofold.web.audit.models import Action, Event

CaptureCommits = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]
URL = "/o/acme/members/"


def _url(actors: Actors, membership: Membership, action: str) -> str:
    return f"{URL}{membership.pk}/{action}/"


@pytest.mark.parametrize("actor", ["manager", "coach", "participant", "outsider"])
def test_it_is_not_found_for_anyone_but_an_administrator(actors: Actors, actor: str) -> None:
    # Not 403: a page that exists only for others must not confirm the organisation.
    client = client_for(getattr(actors, actor))
    assert client.get(URL).status_code == 404
    target = actors.participant
    for action, data in [
        ("role", {"role": "admin"}),
        ("remove", {}),
        ("invitation", {}),
        ("coachees", {"person": target.person_id}),
    ]:
        assert client.post(_url(actors, target, action), data).status_code == 404
    assert client.post(f"{URL}invite/", {"person": target.person_id}).status_code == 404
    target.refresh_from_db()
    assert target.role == Role.PARTICIPANT


def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, actors: Actors) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_it_is_not_found_for_an_organisation_that_does_not_exist(actors: Actors) -> None:
    assert client_for(actors.admin).get("/o/nope/members/").status_code == 404


def test_it_lists_accounts_with_their_role_and_person(actors: Actors) -> None:
    response = client_for(actors.admin).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    text = strip_tags(page)  # an address is marked up where it may break
    assert "4 accounts" in page
    for name, email in [
        ("Ada Admin", "ada@acme.example"),
        ("Mo Manager", "mo@acme.example"),
        ("Cy Coach", "cy@acme.example"),
        ("Pat Participant", "pat@acme.example"),
    ]:
        assert name in page
        assert email in text
    assert "olga@globex.example" not in text
    # Administrators first, participants last.
    assert page.index("Ada Admin") < page.index("Cy Coach") < page.index("Pat Participant")


def test_it_only_allows_get_and_post(actors: Actors) -> None:
    assert client_for(actors.admin).post(URL).status_code == 405


def test_it_invites_a_person_with_a_role(
    actors: Actors,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    person = make_person(actors.organisation, "Nia Newcomer", "nia@acme.example")
    client = client_for(actors.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}invite/", {"person": person.pk, "role": "manager"})
    assert response.status_code == 302
    membership = Membership.objects.get(person=person)
    assert membership.role == Role.MANAGER
    assert membership.user.username == "nia@acme.example"
    assert [m.to for m in mailoutbox] == [["nia@acme.example"]]
    event = Event.objects.get(action=Action.ROLE_CHANGED)
    assert event.actor_id == actors.admin.user_id
    assert event.summary == "nia@acme.example: invited as Manager"
    page = client.get(URL).content.decode()
    assert "Nia Newcomer is invited: an email asks them to choose a password." in page
    assert "Invited; has not chosen a password yet." in page


def test_it_invites_only_people_of_the_organisation(actors: Actors) -> None:
    stranger = make_person(actors.outsider.organisation, "Sam Stranger", "sam@globex.example")
    response = client_for(actors.admin).post(
        f"{URL}invite/", {"person": stranger.pk, "role": "admin"}
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not User.objects.filter(username="sam@globex.example").exists()


def test_it_resends_an_invitation(
    actors: Actors,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: CaptureCommits,
) -> None:
    actors.participant.user.set_unusable_password()
    actors.participant.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(actors.admin).post(_url(actors, actors.participant, "invitation"))
    assert [m.to for m in mailoutbox] == [["pat@acme.example"]]


def test_it_changes_a_role_and_audits_it(actors: Actors) -> None:
    client = client_for(actors.admin)
    response = client.post(_url(actors, actors.participant, "role"), {"role": "coach"})
    assert response.status_code == 302
    assert response["Location"] == URL
    actors.participant.refresh_from_db()
    assert actors.participant.role == Role.COACH
    event = Event.objects.get()
    assert (event.action, event.actor_id, event.object_id) == (
        Action.ROLE_CHANGED,
        actors.admin.user_id,
        actors.participant.pk,
    )
    assert event.summary == "pat@acme.example: Participant → Coach"
    assert "Pat Participant is now Coach." in client.get(URL).content.decode()


def test_it_refuses_a_role_that_does_not_exist(actors: Actors) -> None:
    client = client_for(actors.admin)
    client.post(_url(actors, actors.participant, "role"), {"role": "owner"})
    actors.participant.refresh_from_db()
    assert actors.participant.role == Role.PARTICIPANT
    assert not Event.objects.exists()


def test_it_keeps_the_last_administrator(actors: Actors) -> None:
    client = client_for(actors.admin)
    response = client.post(_url(actors, actors.admin, "role"), {"role": "participant"}, follow=True)
    actors.admin.refresh_from_db()
    assert actors.admin.role == Role.ADMIN
    assert "An organisation needs at least one administrator" in response.content.decode()
    assert not Event.objects.exists()


def test_it_never_removes_the_last_administrator(actors: Actors) -> None:
    client = client_for(actors.admin)
    response = client.post(_url(actors, actors.admin, "remove"), follow=True)
    assert Membership.objects.filter(pk=actors.admin.pk).exists()
    assert "An organisation needs at least one administrator" in response.content.decode()


def test_it_lets_an_administrator_step_down_when_another_remains(actors: Actors) -> None:
    actors.manager.role = Role.ADMIN
    actors.manager.save()
    response = client_for(actors.admin).post(
        _url(actors, actors.admin, "role"), {"role": "participant"}
    )
    assert response["Location"] == "/o/"
    actors.admin.refresh_from_db()
    assert actors.admin.role == Role.PARTICIPANT


def test_it_asks_before_removing_then_removes(actors: Actors) -> None:
    client = client_for(actors.admin)
    url = _url(actors, actors.manager, "remove")
    page = client.get(url).content.decode()
    assert "Remove Mo Manager’s access?" in page
    assert Membership.objects.filter(pk=actors.manager.pk).exists()

    response = client.post(url, follow=True)
    assert "Mo Manager no longer has access to Acme." in response.content.decode()
    assert not Membership.objects.filter(pk=actors.manager.pk).exists()
    assert User.objects.filter(username="mo@acme.example").exists()
    assert Event.objects.get().summary == "mo@acme.example: Manager → removed"
    assert client_for(actors.manager).get("/o/acme/members/").status_code == 404


def test_it_only_touches_memberships_of_the_organisation(actors: Actors) -> None:
    response = client_for(actors.admin).post(
        _url(actors, actors.outsider, "role"), {"role": "participant"}
    )
    assert response.status_code == 404
    actors.outsider.refresh_from_db()
    assert actors.outsider.role == Role.ADMIN


def test_it_assigns_and_unassigns_people_to_a_coach(actors: Actors) -> None:
    client = client_for(actors.admin)
    person = actors.participant.person
    assert person is not None
    client.post(_url(actors, actors.coach, "coachees"), {"person": person.pk})
    assert CoachAssignment.objects.filter(coach=actors.coach, person=person).exists()
    coach_view = viewer_for(actors.coach.user, actors.organisation)
    assert coach_view is not None
    assert coach_view.sees_person(person.pk)

    response = client.post(f"{_url(actors, actors.coach, 'coachees')}{person.pk}/remove/")
    assert response.status_code == 302
    assert not CoachAssignment.objects.exists()
    coach_view = viewer_for(actors.coach.user, actors.organisation)
    assert coach_view is not None
    assert not coach_view.sees_person(person.pk)


def test_it_assigns_people_only_to_a_coach(actors: Actors) -> None:
    client_for(actors.admin).post(
        _url(actors, actors.manager, "coachees"), {"person": actors.participant.person_id}
    )
    assert not CoachAssignment.objects.exists()


def test_it_assigns_a_coach_only_people_of_the_organisation(actors: Actors) -> None:
    stranger = make_person(actors.outsider.organisation, "Sam Stranger", "sam@globex.example")
    client_for(actors.admin).post(_url(actors, actors.coach, "coachees"), {"person": stranger.pk})
    assert not CoachAssignment.objects.exists()


def test_a_coach_who_becomes_something_else_loses_their_people(actors: Actors) -> None:
    CoachAssignment.objects.create(coach=actors.coach, person=actors.participant.person)
    client_for(actors.admin).post(_url(actors, actors.coach, "role"), {"role": "participant"})
    assert not CoachAssignment.objects.exists()


def test_it_needs_the_csrf_token(actors: Actors) -> None:
    client = client_for(actors.admin, enforce_csrf=True)
    response = client.post(_url(actors, actors.participant, "role"), {"role": "admin"})
    assert response.status_code == 403
    actors.participant.refresh_from_db()
    assert actors.participant.role == Role.PARTICIPANT


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [("admin", True), ("manager", False), ("coach", False), ("participant", False)],
)
def test_only_an_administrator_may_manage_accounts(
    actors: Actors, actor: str, allowed: bool
) -> None:
    viewer = viewer_for(getattr(actors, actor).user, actors.organisation)
    assert viewer is not None
    assert viewer.may_manage_accounts() is allowed
