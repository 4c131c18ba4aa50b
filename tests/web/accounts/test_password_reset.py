"""/accounts/password_reset/ and the link it emails: choosing a new password."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.conf import settings
from django.core.mail import EmailMessage
from django.test import Client
from django.utils import timezone
from tests.web.accounts.helpers import PASSWORD, Actors, link_in, path_of

from twofold.web.accounts.tasks import RESETS_PER_HOUR

URL = "/accounts/password_reset/"
NEW_PASSWORD = "quiet-Harbour-lamp-38"


def test_it_emails_a_link_that_starts_with_the_site_url(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    # The request names another host: the link must not follow it.
    response = client.post(URL, {"email": "ada@acme.example"}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ada@acme.example"]
    assert message.subject == "Choose a new password for Twofold"
    assert link_in(message).startswith("https://twofold.example.org/accounts/reset/")
    assert "for 3 days" in str(message.body)


def test_it_finds_the_account_whatever_the_case(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    client.post(URL, {"email": "Ada@Acme.EXAMPLE"})
    assert [m.to for m in mailoutbox] == [["ada@acme.example"]]


def test_it_answers_the_same_for_an_unknown_address(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    known = client.post(URL, {"email": "ada@acme.example"})
    unknown = client.post(URL, {"email": "nobody@acme.example"})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [m.to for m in mailoutbox] == [["ada@acme.example"]]
    page = client.get(known["Location"]).content.decode()
    assert "If the address you gave has an account" in page


def test_it_sends_nothing_to_an_inactive_account(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    actors.admin.user.is_active = False
    actors.admin.user.save()
    client.post(URL, {"email": "ada@acme.example"})
    assert mailoutbox == []


def test_it_sends_a_link_to_an_account_still_without_a_password(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    # An invitation that expired: asking for a reset is how the person gets in.
    actors.participant.user.set_unusable_password()
    actors.participant.user.save()
    client.post(URL, {"email": "pat@acme.example"})
    assert [m.to for m in mailoutbox] == [["pat@acme.example"]]


def test_it_says_what_is_wrong_with_an_address(client: Client, db: None) -> None:
    response = client.post(URL, {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()


def test_it_resets_the_password_through_the_link(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    client.post(URL, {"email": "ada@acme.example"})
    link = path_of(link_in(mailoutbox[0]))

    # The token moves from the address to the session, so it never leaks as a Referer.
    opened = client.get(link)
    assert opened.status_code == 302
    form_url = opened["Location"]
    assert form_url.endswith("/set-password/")
    page = client.get(form_url)
    assert "Choose a new password" in page.content.decode()

    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/accounts/reset/done/"
    actors.admin.user.refresh_from_db()
    assert actors.admin.user.check_password(NEW_PASSWORD)
    assert not actors.admin.user.check_password(PASSWORD)
    # Not signed in by a reset: the person signs in with the new password.
    assert "_auth_user_id" not in client.session
    signed_in = client.post(
        "/accounts/login/", {"username": "ada@acme.example", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


def test_it_refuses_a_link_used_once(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    client.post(URL, {"email": "ada@acme.example"})
    link = path_of(link_in(mailoutbox[0]))
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client().get(link)
    assert again.status_code == 200
    assert "This link no longer works" in again.content.decode()


def test_it_refuses_a_link_after_three_days(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    sent = timezone.now()
    with time_machine.travel(sent, tick=False):
        client.post(URL, {"email": "ada@acme.example"})
    link = path_of(link_in(mailoutbox[0]))
    lifetime = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)

    with time_machine.travel(sent + lifetime - timedelta(minutes=1), tick=False):
        assert Client().get(link).status_code == 302
    with time_machine.travel(sent + lifetime + timedelta(seconds=1), tick=False):
        expired = Client().get(link)
    assert expired.status_code == 200
    assert "This link no longer works" in expired.content.decode()
    assert 'href="/accounts/password_reset/"' in expired.content.decode()


def test_it_refuses_a_new_password_that_does_not_match(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    client.post(URL, {"email": "ada@acme.example"})
    form_url = client.get(path_of(link_in(mailoutbox[0])))["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert response.status_code == 200
    assert "The two password fields didn’t match." in response.content.decode()
    actors.admin.user.refresh_from_db()
    assert actors.admin.user.check_password(PASSWORD)


def test_it_emails_an_account_a_few_links_an_hour_at_most(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    # Anyone may ask for anyone's link: asking again and again must not fill an inbox.
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(RESETS_PER_HOUR + 2):
            response = client.post(URL, {"email": "ada@acme.example"})
            assert response["Location"] == "/accounts/password_reset/done/"
        client.post(URL, {"email": "pat@acme.example"})
    assert [m.to for m in mailoutbox] == [["ada@acme.example"]] * RESETS_PER_HOUR + [
        ["pat@acme.example"]
    ]
    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        client.post(URL, {"email": "ada@acme.example"})
    assert len(mailoutbox) == RESETS_PER_HOUR + 2
    assert mailoutbox[-1].to == ["ada@acme.example"]


def test_every_link_sent_works_until_a_password_is_chosen(
    client: Client, actors: Actors, mailoutbox: list[EmailMessage]
) -> None:
    # What makes the limit harmless: an earlier email's link is as good as a new one.
    client.post(URL, {"email": "ada@acme.example"})
    client.post(URL, {"email": "ada@acme.example"})
    first, second = (path_of(link_in(m)) for m in mailoutbox)
    assert Client().get(first).status_code == Client().get(second).status_code == 302
