"""GET /rate/<token>/ : the rater's link, and what became of it."""

from __future__ import annotations

from html import unescape

from django.test import Client
from django.utils import timezone
from tests.web.rating.conftest import after_the_deadline
from tests.web.rating.helpers import main_text, rate_url
from tests.web.rating.raters import PARTICIPANT, invite_rater

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation, InvitationStatus, Status


def test_it_says_whose_questionnaire_it_is_and_in_which_capacity(
    client: Client, invitation: Invitation
) -> None:
    response = client.get(rate_url(invitation))
    text = unescape(main_text(response))
    assert response.status_code == 200
    assert f"Your feedback on {PARTICIPANT}" in text
    assert "You are invited to answer as their peer." in text
    deadline = invitation.participant.campaign.deadline
    assert f"Please answer by <strong>{deadline:%-d %B %Y, %H:%M} UTC</strong>" in text
    # 48 questions at about 12 s each and two minutes of writing: about 10 minutes.
    assert "About <strong>10</strong> minutes" in text
    assert f'href="/rate/{invitation.token}/questions/">Start' in text
    assert f'href="/rate/{invitation.token}/decline/"' in text
    assert "I can’t rate this person" in text


def test_it_explains_a_peers_anonymity_with_the_campaigns_thresholds(
    client: Client, invitation: Invitation
) -> None:
    campaign = invitation.participant.campaign
    campaign.policy["scores"]["peers"] = 4
    campaign.policy["comments"]["peers"] = 5
    campaign.policy["scores"]["all"] = campaign.policy["comments"]["all"] = 6
    campaign.save()
    text = unescape(main_text(client.get(rate_url(invitation))))
    assert "only within the average of their peers, and only when at least 4 peers" in text
    assert "only when at least 5 peers have answered, mixed in random order" in text
    assert "without names or dates" in text
    assert "only when at least 6 raters count in it, and never in a way that singles" in text
    assert "Twofold shows nobody your answers one by one" in text
    assert "“Not observed”. It is always a fine answer" in text


def test_it_tells_a_manager_their_answers_are_not_anonymous(client: Client, db: None) -> None:
    invitation = invite_rater("manager")
    text = unescape(main_text(client.get(rate_url(invitation))))
    assert "You are invited to answer as their manager." in text
    assert "shown in their report as the manager’s answers" in text
    assert "they are not anonymous" in text
    assert "Your comments are shown as the manager’s comments too." in text
    assert "one by one" not in text


def test_it_offers_to_continue_where_the_rater_stopped(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, {"env1": 4, "pln1": None})
    text = main_text(client.get(rate_url(invitation)))
    assert "You have answered 2 of 48 questions so far" in text
    assert ">Continue <" in text


def test_it_thanks_a_rater_whose_answers_are_in(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, dict.fromkeys(tlmi.item_ids, 3))
    rater_set.submit(tlmi)
    response = client.get(rate_url(invitation))
    assert response.status_code == 200
    assert "Thank you: your answers are in" in main_text(response)


def test_it_reminds_a_rater_who_declined(client: Client, invitation: Invitation) -> None:
    invitation.status = InvitationStatus.DECLINED
    invitation.save()
    text = unescape(main_text(client.get(rate_url(invitation))))
    assert f"You said you cannot rate {PARTICIPANT}" in text
    assert "If that was a mistake, ask the person who invited you." in text


def test_it_says_the_questionnaire_closed_after_the_deadline(
    client: Client, invitation: Invitation
) -> None:
    deadline = invitation.participant.campaign.deadline
    with after_the_deadline(invitation):
        response = client.get(rate_url(invitation))
    text = main_text(response)
    assert response.status_code == 200
    assert f"This questionnaire closed on {deadline:%-d %B %Y}; thank you." in text
    assert "report" not in text.lower()
    assert "Start" not in text


def test_it_says_the_questionnaire_closed_when_the_campaign_closed(
    client: Client, invitation: Invitation
) -> None:
    campaign = invitation.participant.campaign
    campaign.status, campaign.closed_at = Status.CLOSED, timezone.now()
    campaign.save()
    campaign.sync_answer_window()
    text = main_text(client.get(rate_url(invitation)))
    assert f"This questionnaire closed on {campaign.closed_at:%-d %B %Y}" in text


def test_it_gives_a_released_invitation_the_closed_page(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    # Releasing cuts the tie: the invitation keeps no response set, only its status.
    campaign = invitation.participant.campaign
    campaign.status, campaign.closed_at = Status.RELEASED, timezone.now()
    campaign.save()
    campaign.sync_answer_window()
    Invitation.objects.filter(pk=invitation.pk).update(
        status=InvitationStatus.CLOSED, response_set=None
    )
    response = client.get(rate_url(invitation))
    assert response.status_code == 200
    assert "This questionnaire has closed" in main_text(response)


def test_it_404s_for_an_unknown_link(client: Client, db: None) -> None:
    response = client.get("/rate/not-a-real-token/")
    assert response.status_code == 404
    assert b"find that page" in response.content


def test_it_404s_for_an_invitation_never_sent(client: Client, invitation: Invitation) -> None:
    for status in (InvitationStatus.PROPOSED, InvitationStatus.APPROVED, InvitationStatus.REJECTED):
        Invitation.objects.filter(pk=invitation.pk).update(status=status)
        assert client.get(rate_url(invitation)).status_code == 404


def test_it_keeps_the_link_private(client: Client, invitation: Invitation) -> None:
    response = client.get(rate_url(invitation))
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_never_shows_the_response_sets_own_token(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    assert rater_set.respond_token not in client.get(rate_url(invitation)).content.decode()
