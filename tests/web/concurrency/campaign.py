"""An open campaign whose raters have their links, made through the campaign's own services.

Acme's chart (:mod:`tests.web.org_fixtures`) gives four participants, each with
a manager; the administrator creates and launches the campaign and adds the
other raters approved, as the nomination pages do. Sending an invitation makes
the rater's empty response set, so every rater starts where an emailed link
leaves them.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from tests.web.org_fixtures import make_world

from twofold.content import builtin_instrument
from twofold.web.campaigns import campaign_settings, draft_participants, lifecycle, nominations
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus

#: Bo, Cy, Di and Ed are rated; Ada manages Bo and Cy, Bo manages Di and Ed.
PARTICIPANTS = ("bo", "cy", "di", "ed")
TLMI = builtin_instrument("tlmi")


def open_campaign(peers: int, direct_reports: int) -> Campaign:
    """Acme's open 360: every participant has their manager, ``peers`` peers and
    ``direct_reports`` direct reports invited, each rater by a link of their own."""
    world = make_world()
    admin = world.users["admin"]
    campaign = campaign_settings.create_campaign(
        world.organisation, "Concurrency 360", timezone.now() + timedelta(days=14), by=admin
    )
    draft_participants.add_participants(campaign, [world.people[key] for key in PARTICIPANTS])
    lifecycle.launch(campaign, by=admin)
    for participant in campaign.participants.select_related("person__membership__user"):
        first = participant.person.name.split()[0].lower()
        for group, count in (("peers", peers), ("direct_reports", direct_reports)):
            for n in range(count):
                nominations.nominate(
                    participant,
                    group=group,
                    by=participant.person.membership.user,
                    name=f"{group} {n} of {first}",
                    email=f"{group}.{n}.{first}@raters.example",
                )
        nominations.approve_all(participant, by=admin)
    return campaign


def sent_invitations(campaign: Campaign) -> list[Invitation]:
    """The campaign's raters whose link was sent, with their response sets."""
    return list(
        Invitation.objects.filter(participant__campaign=campaign, status=InvitationStatus.SENT)
        .select_related("response_set")
        .order_by("pk")
    )
