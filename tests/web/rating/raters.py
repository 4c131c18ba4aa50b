"""A campaign with one participant and a rater invited, as the sending of
invitations leaves it: the invitation SENT, with an empty response set."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from twofold.content import builtin_instrument
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.campaigns.models import (
    Campaign,
    Invitation,
    InvitationStatus,
    Participant,
    Status,
)
from twofold.web.organisations.models import Organisation, Person

#: Whoever is rated in these tests.
PARTICIPANT = "Alex Morgan"


def invite_rater(
    group: str = "peers",
    *,
    deadline: datetime | None = None,
    email: str = "robin@example.org",
    campaign: Campaign | None = None,
) -> Invitation:
    """A sent invitation of a rater in ``group``, about a participant of an open campaign."""
    tlmi = builtin_instrument("tlmi")
    if campaign is None:
        organisation, _ = Organisation.objects.get_or_create(
            slug="acme", defaults={"name": "Acme Ltd"}
        )
        campaign = Campaign.objects.create(
            organisation=organisation,
            name="Leadership 360",
            instrument_id=tlmi.id,
            instrument_version=tlmi.version,
            status=Status.OPEN,
            deadline=deadline or timezone.now() + timedelta(days=14),
            opened_at=timezone.now(),
        )
    person = Person.objects.create(
        organisation=campaign.organisation, name=PARTICIPANT, email=f"alex.{email}"
    )
    assessment = Assessment.objects.create(
        subject_name=person.name,
        instrument_id=tlmi.id,
        instrument_version=tlmi.version,
        answers_until=campaign.answers_end(),
    )
    participant = Participant.objects.create(
        campaign=campaign, person=person, assessment=assessment
    )
    ResponseSet.objects.create(
        assessment=assessment,
        rater_role=RaterRole.SELF,
        instrument_id=tlmi.id,
        instrument_version=tlmi.version,
    )
    response_set = ResponseSet.objects.create(
        assessment=assessment,
        rater_role=group,
        instrument_id=campaign.instrument_id,
        instrument_version=campaign.instrument_version,
    )
    return Invitation.objects.create(
        participant=participant,
        group=group,
        name="Robin Rater",
        email=email,
        status=InvitationStatus.SENT,
        response_set=response_set,
        sent_at=timezone.now(),
    )
