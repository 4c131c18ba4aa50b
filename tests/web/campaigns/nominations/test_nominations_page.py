"""/o/<slug>/campaigns/<pk>/participants/<participant>/nominations/ and its POST actions."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from tests.web.campaigns.nominations.world import World, build, invite

from twofold.web.campaigns.models import Invitation, InvitationStatus

pytestmark = pytest.mark.django_db


def signed_in(client: Client, world: World, key: str) -> Client:
    client.force_login(world.users[key])
    return client


def page(client: Client, world: World, key: str, query: str = ""):
    return signed_in(client, world, key).get(world.nominations_url + query)


def post(client: Client, world: World, key: str, action: str, data: dict[str, str]):
    return signed_in(client, world, key).post(world.nominations_url + action, data)


def test_it_shows_the_participant_their_list_with_their_manager(
    client: Client, world: World
) -> None:
    response = page(client, world, "pat")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Your raters" in text
    assert "Mia Manager" in text
    assert "Nominated: 0. This campaign asks for 3 to 8 peers." in text
    assert "Not submitted yet" in text


@pytest.mark.parametrize(
    ("key", "status"), [("mia", 200), ("bea", 200), ("ada", 200), ("oscar", 404), ("nia", 404)]
)
def test_it_shows_the_list_to_those_who_may_nominate_only(
    client: Client, world: World, key: str, status: int
) -> None:
    assert page(client, world, key).status_code == status


def test_it_sends_a_visitor_to_sign_in(client: Client, world: World) -> None:
    response = client.get(world.nominations_url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_it_hides_the_list_from_another_organisations_members(client: Client, world: World) -> None:
    other = build(slug="other")
    client.force_login(other.users["ada"])
    assert client.get(world.nominations_url).status_code == 404


def test_it_adds_a_colleague_found_by_search(client: Client, world: World) -> None:
    found = page(client, world, "pat", "?q=quin")
    assert "Quinn Peer" in found.content.decode()
    assert "Rae Peer" not in found.content.decode().split("People found")[-1].split("</ul>")[0]
    response = post(
        client, world, "pat", "add/", {"person": str(world.person("quinn").pk), "group": "peers"}
    )
    assert response.status_code == 302
    quinn = Invitation.objects.get(email="quinn@acme.example")
    assert (quinn.status, quinn.group) == (InvitationStatus.PROPOSED, "peers")
    assert "Quinn Peer added to peers." in client.get(world.nominations_url).content.decode()


def test_it_explains_a_bad_address_beside_the_field(client: Client, world: World) -> None:
    response = post(
        client, world, "pat", "add/", {"name": "Xena", "email": "xena@client", "group": "others"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "“xena@client” is not an email address" in text
    assert 'aria-invalid="true"' in text
    assert 'value="Xena"' in text
    assert not Invitation.objects.filter(name="Xena").exists()


def test_it_refuses_the_participant_themself(client: Client, world: World) -> None:
    response = post(
        client, world, "pat", "add/", {"person": str(world.person("pat").pk), "group": "peers"}
    )
    assert response.status_code == 400
    assert "the person being assessed" in response.content.decode()


def test_it_lets_the_participant_move_and_remove_a_proposal(client: Client, world: World) -> None:
    proposal = invite(world, "uma", "peers")
    post(
        client,
        world,
        "pat",
        f"{proposal.pk}/change/",
        {"action": "move", "group": "direct_reports"},
    )
    proposal.refresh_from_db()
    assert proposal.group == "direct_reports"
    post(client, world, "pat", f"{proposal.pk}/change/", {"action": "remove"})
    assert not Invitation.objects.filter(pk=proposal.pk).exists()


def test_it_says_why_a_list_cannot_be_submitted(client: Client, world: World) -> None:
    invite(world, "quinn", "peers")
    invite(world, "uma", "direct_reports")
    response = post(client, world, "pat", "submit/", {})
    assert response.status_code == 400
    text = response.content.decode()
    assert "The list cannot be submitted yet" in text
    assert "This campaign asks for at least 3 peers (you have nominated 1)." in text
    assert (
        "So that nobody can tell direct reports&#x27; answers apart, nominate at least "
        "3 direct reports, or none (you have nominated 1)."
    ) in text


def test_it_submits_a_list_that_keeps_the_rules(client: Client, world: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    response = post(client, world, "pat", "submit/", {})
    assert response.status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.nominations_submitted_at is not None
    assert "The list was submitted on" in client.get(world.nominations_url).content.decode()


@pytest.mark.parametrize(
    ("key", "status"), [("mia", 302), ("ada", 302), ("pat", 404), ("oscar", 404)]
)
def test_only_the_line_and_administrators_decide(
    client: Client, world: World, key: str, status: int
) -> None:
    proposal = invite(world, "uma", "direct_reports")
    response = post(client, world, key, f"{proposal.pk}/decide/", {"decision": "reject"})
    assert response.status_code == status
    proposal.refresh_from_db()
    expected = InvitationStatus.REJECTED if status == 302 else InvitationStatus.PROPOSED
    assert proposal.status == expected


def test_the_manager_approves_in_another_group(client: Client, world: World) -> None:
    proposal = invite(world, "uma", "others")
    post(
        client,
        world,
        "mia",
        f"{proposal.pk}/decide/",
        {"decision": "approve", "group": "direct_reports"},
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.group, proposal.decided_by) == (
        InvitationStatus.APPROVED,
        "direct_reports",
        world.users["mia"],
    )


def test_it_says_that_approved_raters_wait_for_their_group(client: Client, world: World) -> None:
    for key in ("quinn", "rae"):
        invite(world, key, "peers", InvitationStatus.APPROVED)
    text = page(client, world, "pat").content.decode()
    assert (
        "2 peers approved so far. Invitations to this group go out together once "
        "3 peers are approved" in text
    )
    assert "Approved, waits for more approvals" in text


def test_a_rater_added_by_the_manager_waits_for_another_approver(
    client: Client, world: World
) -> None:
    response = post(
        client,
        world,
        "mia",
        "add/",
        {"name": "Xena Client", "email": "xena@client.example", "group": "others"},
    )
    assert response.status_code == 302
    xena = Invitation.objects.get(email="xena@client.example")
    assert (xena.status, xena.nominated_by) == (InvitationStatus.PROPOSED, world.users["mia"])
    # Mia is told, and offered no way to approve her own addition; Ada is.
    mias = page(client, world, "mia").content.decode()
    assert "someone else who approves this list decides" in mias
    assert f"/nominations/{xena.pk}/decide/" not in mias
    client.logout()
    assert f"/nominations/{xena.pk}/decide/" in page(client, world, "ada").content.decode()
    refused = post(client, world, "mia", f"{xena.pk}/decide/", {"decision": "approve"})
    assert refused.status_code == 400
    xena.refresh_from_db()
    assert xena.status == InvitationStatus.PROPOSED


def test_only_administrators_see_who_declined(client: Client, world: World) -> None:
    invite(world, "quinn", "peers", InvitationStatus.DECLINED)
    invite(world, "rae", "peers", InvitationStatus.SENT)
    assert "Declined" in page(client, world, "ada").content.decode()
    for key in ("pat", "mia"):
        text = page(client, world, key).content.decode()
        assert "Declined" not in text
        assert "declined" not in text.replace("who declined.", "")  # not even in the markup
        assert "Invited" in text
        # How many declined, as the progress counts say, so the list and its count agree.
        assert "Nominated: 1, besides 1 who declined." in text


def test_it_approves_all_waiting_proposals(client: Client, world: World) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    response = post(client, world, "mia", "approve-all/", {})
    assert response.status_code == 302
    assert set(
        world.participant.invitations.filter(group="peers").values_list("status", flat=True)
    ) == {InvitationStatus.SENT}
    assert len([m for m in mail.outbox if m.to != ["mia@acme.example"]]) == 3


def test_a_participant_cannot_approve_their_own_list(client: Client, world: World) -> None:
    invite(world, "quinn", "peers")
    assert post(client, world, "pat", "approve-all/", {}).status_code == 404


def test_it_returns_to_a_page_of_ours_only(client: Client, world: World) -> None:
    proposal = invite(world, "uma", "direct_reports")
    response = post(
        client,
        world,
        "mia",
        f"{proposal.pk}/decide/",
        {"decision": "approve", "next": "https://evil.example/"},
    )
    assert response["Location"] == world.nominations_url


def test_it_tells_each_reader_who_approves_a_list_ready_to_submit(
    client: Client, world: World
) -> None:
    for key in ("quinn", "rae", "sam"):
        invite(world, key, "peers")
    pats = page(client, world, "pat").content.decode()
    assert "Submit it, and your manager or an administrator is asked to approve it." in pats
    client.logout()
    adas = page(client, world, "ada").content.decode()
    assert "Submit it for Pat Participant, and those who approve their raters" in adas
    assert "your manager" not in adas
