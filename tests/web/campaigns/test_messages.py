"""What an action did ("3 people added.") shows once on the page it leads to.

base.html shows the messages above every page; a page that shows them in
its own place must empty that block, or the message shows twice. Each page
an administrator can land on is opened here with a message waiting.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from tests.web.campaigns.helpers import DEADLINE, participant_of

from twofold.web.campaigns import campaign_settings, draft_participants
from twofold.web.campaigns.models import Campaign
from twofold.web.organisations.models import Person

MESSAGE = "Something was done just now."


def _waiting(client: Client) -> None:
    """Leave :data:`MESSAGE` in the client's cookies, as an action's redirect does."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, MESSAGE)
    response = HttpResponse()
    storage.update(response)
    client.cookies.update(response.cookies)


PAGES: dict[str, Callable[[Campaign, Campaign, Person], str]] = {
    "home": lambda opened, draft, ann: "/o/acme/",
    "campaigns": lambda opened, draft, ann: "/o/acme/campaigns/",
    "campaign": lambda opened, draft, ann: f"/o/acme/campaigns/{opened.pk}/",
    "participants": lambda opened, draft, ann: f"/o/acme/campaigns/{draft.pk}/participants/",
    "launch": lambda opened, draft, ann: f"/o/acme/campaigns/{draft.pk}/launch/",
    "nominations": lambda opened, draft, ann: (
        f"/o/acme/campaigns/{opened.pk}/participants/{participant_of(opened, ann).pk}/nominations/"
    ),
    "approvals": lambda opened, draft, ann: "/o/acme/approvals/",
    "release": lambda opened, draft, ann: f"/o/acme/campaigns/{opened.pk}/release/",
    "people": lambda opened, draft, ann: "/o/acme/people/",
    "person": lambda opened, draft, ann: f"/o/acme/people/{ann.pk}/",
    "teams": lambda opened, draft, ann: "/o/acme/teams/",
    "import": lambda opened, draft, ann: "/o/acme/people/import/",
    "members": lambda opened, draft, ann: "/o/acme/members/",
    "audit": lambda opened, draft, ann: "/o/acme/audit/",
}


@pytest.mark.parametrize("page", PAGES)
def test_it_shows_a_message_once(
    client_for: Callable[[User], Client],
    admin: User,
    opened: Campaign,
    people: dict[str, Person],
    page: str,
) -> None:
    draft = campaign_settings.create_campaign(opened.organisation, "Autumn 360", DEADLINE, by=admin)
    draft_participants.add_participants(draft, [people["eve"]])
    client = client_for(admin)
    _waiting(client)
    response = client.get(PAGES[page](opened, draft, people["ann"]))
    assert response.status_code == 200
    assert response.content.decode().count(MESSAGE) == 1
