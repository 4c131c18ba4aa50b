"""/o/<slug>/approvals/: the raters waiting for the viewer's decision."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from tests.web.campaigns.nominations.world import World, invite

from twofold.web.campaigns.models import InvitationStatus, Participant

pytestmark = pytest.mark.django_db


def submitted(world: World) -> None:
    Participant.objects.filter(pk=world.participant.pk).update(
        nominations_submitted_at=timezone.now()
    )


def approvals(client: Client, world: World, key: str) -> str:
    client.force_login(world.users[key])
    response = client.get(f"/o/{world.organisation.slug}/approvals/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("key", "listed"),
    [("mia", True), ("bea", True), ("ada", True), ("oscar", False), ("pat", False)],
)
def test_it_lists_a_submitted_list_for_the_line_and_the_administrators(
    client: Client, world: World, key: str, listed: bool
) -> None:
    invite(world, "uma", "direct_reports")
    submitted(world)
    text = approvals(client, world, key)
    assert ("Uma Report" in text) is listed
    assert ("Nothing waits for your decision." in text) is not listed


def test_it_leaves_out_a_list_not_submitted_yet(client: Client, world: World) -> None:
    invite(world, "uma", "direct_reports")
    assert "Nothing waits for your decision." in approvals(client, world, "mia")


def test_it_approves_from_the_list_and_comes_back_to_it(client: Client, world: World) -> None:
    proposal = invite(world, "uma", "direct_reports")
    submitted(world)
    client.force_login(world.users["mia"])
    url = f"/o/{world.organisation.slug}/approvals/"
    response = client.post(
        f"{world.nominations_url}{proposal.pk}/decide/",
        {"decision": "approve", "group": "direct_reports", "next": url},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    proposal.refresh_from_db()
    assert proposal.status == InvitationStatus.APPROVED
    text = client.get(url).content.decode()
    assert "Uma Report approved." in text
    assert "Nothing waits for your decision." in text


def test_it_says_how_many_wait(client: Client, world: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    submitted(world)
    assert "3 raters wait for your decision." in approvals(client, world, "ada")


def test_it_offers_each_decider_only_what_someone_else_added_and_names_the_adder(
    client: Client, world: World
) -> None:
    from twofold.web.campaigns import nominations

    invite(world, "uma", "direct_reports")  # Pat's own proposal
    submitted(world)
    nominations.nominate(
        world.participant, group="others", by=world.users["mia"], name="Xena", email="x@x.example"
    )
    mias = approvals(client, world, "mia")
    assert "Uma Report" in mias
    assert "Xena" not in mias  # her own addition waits for someone else
    adas = approvals(client, world, "ada")
    assert "Xena" in adas
    assert "added by mia@acme.example" in adas
    assert adas.count("added by") == 1  # Pat's own proposal needs no such note
