"""/rate/<token>/decline/: a rater says no."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from tests.web.campaigns.nominations.world import World, invite

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns import nominations
from twofold.web.campaigns.models import Invitation, InvitationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def quinn(world: World) -> Invitation:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    nominations.approve_all(world.participant, by=world.users["mia"])
    return Invitation.objects.get(email="quinn@acme.example")


def test_it_asks_before_it_declines(client: Client, quinn: Invitation) -> None:
    response = client.get(f"/rate/{quinn.token}/decline/")
    assert response.status_code == 200
    assert "Decline to give feedback about Pat Participant?" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    quinn.refresh_from_db()
    assert quinn.status == InvitationStatus.SENT


def test_it_declines_once(client: Client, quinn: Invitation) -> None:
    url = f"/rate/{quinn.token}/decline/"
    assert "You have declined" in client.post(url).content.decode()
    assert "You have declined" in client.post(url).content.decode()
    quinn.refresh_from_db()
    assert (quinn.status, quinn.response_set) == (InvitationStatus.DECLINED, None)


def test_it_keeps_submitted_answers(client: Client, quinn: Invitation) -> None:
    assert quinn.response_set is not None
    ResponseSet.objects.filter(pk=quinn.response_set.pk).update(submitted_at=timezone.now())
    response = client.post(f"/rate/{quinn.token}/decline/")
    assert "You have already answered" in response.content.decode()
    quinn.refresh_from_db()
    assert quinn.status == InvitationStatus.SENT


def test_it_knows_no_link_that_was_never_sent(client: Client, world: World) -> None:
    proposal = invite(world, "uma", "direct_reports")
    assert client.get(f"/rate/{proposal.token}/decline/").status_code == 404
    assert client.get("/rate/not-a-token/decline/").status_code == 404
