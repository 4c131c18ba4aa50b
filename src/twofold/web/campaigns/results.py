"""Which answers a participant's released report is computed from.

A report of a campaign shows its participant's latest release, computed from
the response sets that release holds, and from nothing else: answers given
after a release never change it. Each release takes over the sets of the
ones before, so the latest holds every set released so far and an earlier
release holds none (docs/decisions/0017-releasing-a-campaign.md): only the
latest release has a report.
"""

from __future__ import annotations

from django.db.models import QuerySet

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Participant, Release


def latest_release(participant: Participant) -> Release | None:
    """The participant's newest release, or None before the first."""
    return participant.releases.order_by("-number").first()


def released_response_sets(participant: Participant) -> QuerySet[ResponseSet]:
    """The response sets the participant's latest release holds: every one released so far.

    Ordered by primary key, which after a release is the shuffled order the
    copies were made in, never the order in which raters answered.
    """
    return ResponseSet.objects.filter(released__release__participant=participant).order_by("pk")
