"""A draft's raters: administrators may line them up; nobody else sees the campaign before it opens.

The nominations pages follow the rule every campaign page does
(:meth:`twofold.web.accounts.access.Viewer.campaigns`): a draft is for
administrators only, and anyone else is told the page does not exist.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from tests.web.campaigns.nominations.world import World, build, invite

from twofold.web.campaigns import lifecycle, nominations
from twofold.web.campaigns.models import InvitationStatus, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db: None) -> World:
    return build(status=Status.DRAFT)


def as_(client: Client, world: World, key: str) -> Client:
    client.force_login(world.users[key])
    return client


@pytest.mark.parametrize(("key", "status"), [("ada", 200), ("pat", 404), ("mia", 404)])
def test_it_shows_a_drafts_list_to_administrators_only(
    client: Client, draft: World, key: str, status: int
) -> None:
    assert as_(client, draft, key).get(draft.nominations_url).status_code == status


@pytest.mark.parametrize("key", ["pat", "mia", "bea"])
def test_it_lets_nobody_else_nominate_or_submit_in_a_draft(
    client: Client, draft: World, key: str
) -> None:
    browser = as_(client, draft, key)
    added = browser.post(
        f"{draft.nominations_url}add/", {"group": "peers", "person": draft.person("quinn").pk}
    )
    submitted = browser.post(f"{draft.nominations_url}submit/")
    assert (added.status_code, submitted.status_code) == (404, 404)
    assert not draft.participant.invitations.filter(email="quinn@acme.example").exists()
    draft.participant.refresh_from_db()
    assert draft.participant.nominations_submitted_at is None


def test_it_lets_an_administrator_line_raters_up_before_the_launch(
    client: Client, draft: World
) -> None:
    response = as_(client, draft, "ada").post(
        f"{draft.nominations_url}add/", {"group": "peers", "person": draft.person("quinn").pk}
    )
    assert response.status_code == 302
    added = draft.participant.invitations.get(email="quinn@acme.example")
    assert added.status == InvitationStatus.PROPOSED  # another approver decides


def test_it_keeps_a_drafts_list_off_a_managers_approvals(client: Client, draft: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(draft, key, "peers")
    assert nominations.submit(draft.participant) == []
    mia = as_(client, draft, "mia").get("/o/acme/approvals/").content.decode()
    assert "Quinn Peer" not in mia
    client.logout()
    ada = as_(client, draft, "ada").get("/o/acme/approvals/").content.decode()
    assert "Quinn Peer" in ada


def test_it_tells_the_approvers_of_a_drafts_list_when_the_campaign_opens(draft: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(draft, key, "peers")
    assert nominations.submit(draft.participant) == []
    assert [m for m in mail.outbox if "approval" in m.subject] == []
    lifecycle.launch(draft.campaign, by=draft.users["ada"])
    [message] = [m for m in mail.outbox if "approval" in m.subject]
    assert message.to == ["mia@acme.example"]
