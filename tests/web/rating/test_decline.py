"""GET/POST /rate/<token>/decline/ : "I can't rate this person", and the decline() service."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.web.rating.conftest import after_the_deadline
from tests.web.rating.helpers import HTMX, main_text, rate_url
from tests.web.rating.raters import PARTICIPANT

from twofold.core.instrument import Instrument
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation, InvitationStatus
from twofold.web.campaigns.rating import CannotDeclineError, decline


def test_it_asks_to_confirm_before_declining(client: Client, invitation: Invitation) -> None:
    response = client.get(rate_url(invitation, "decline/"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Yes, I can’t rate {PARTICIPANT}" in html
    assert "Any answers and comments you have given so far are deleted" in html
    assert f'action="/rate/{invitation.token}/decline/"' in html
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.SENT


def test_it_declines_and_deletes_what_was_answered(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, {"env1": 2}, comments={"strength": "Listens."})
    response = client.post(rate_url(invitation, "decline/"))
    assert response.status_code == 302
    assert response["Location"] == rate_url(invitation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert invitation.response_set is None
    # Nothing of a rater who declined lingers: not the answers, not the comments.
    assert not ResponseSet.objects.filter(pk=rater_set.pk).exists()
    assert "You said you cannot rate" in main_text(client.get(rate_url(invitation)))


def test_it_stops_the_questionnaire_after_declining(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    client.post(rate_url(invitation, "decline/"))
    assert "You said you cannot rate" in main_text(client.get(rate_url(invitation, "1/")))
    saved = client.post(rate_url(invitation, "answer/"), {"env1": "4"}, **HTMX)
    assert saved["HX-Redirect"] == rate_url(invitation)


def test_it_does_not_decline_submitted_answers(
    client: Client, invitation: Invitation, rater_set: ResponseSet, tlmi: Instrument
) -> None:
    rater_set.record(tlmi, dict.fromkeys(tlmi.item_ids, 3))
    rater_set.submit(tlmi)
    response = client.post(rate_url(invitation, "decline/"))
    assert response["Location"] == rate_url(invitation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.SENT
    assert invitation.response_set == rater_set
    with pytest.raises(CannotDeclineError):
        decline(invitation)


def test_it_does_not_decline_after_the_deadline(
    client: Client, invitation: Invitation, rater_set: ResponseSet
) -> None:
    with after_the_deadline(invitation):
        response = client.post(rate_url(invitation, "decline/"))
        assert response["Location"] == rate_url(invitation)
        assert "This questionnaire closed on" in main_text(client.get(rate_url(invitation)))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.SENT
    assert ResponseSet.objects.filter(pk=rater_set.pk).exists()


def test_it_declines_once(invitation: Invitation) -> None:
    decline(invitation)
    decline(invitation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED


def test_it_does_not_decline_a_released_invitation(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.CLOSED)
    with pytest.raises(CannotDeclineError):
        decline(invitation)
