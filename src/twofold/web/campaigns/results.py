"""Which answers a participant's released report is computed from.

A report of a campaign shows its participant's latest release, computed from
the response sets of that release and every earlier one, and from nothing
else: answers given after a release never change it.
"""

from __future__ import annotations

from django.db.models import QuerySet

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Participant, Release


def latest_release(participant: Participant) -> Release | None:
    """The participant's newest release, or None before the first."""
    return participant.releases.order_by("-number").first()


def released_response_sets(release: Release) -> QuerySet[ResponseSet]:
    """The response sets ``release`` is computed from: its own and its predecessors'.

    Ordered by primary key, which after a release is the shuffled order the
    copies were made in, never the order in which raters answered.
    """
    return ResponseSet.objects.filter(
        released__release__participant_id=release.participant_id,
        released__release__number__lte=release.number,
    ).order_by("pk")
