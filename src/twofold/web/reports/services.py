"""What the report page and the API's report route share: whose report, who may read it.

An assessment that belongs to a campaign participant is a 360: it is read by
signed-in people whom :mod:`twofold.web.accounts.access` allows, and only once
released, from the response sets of its latest release. Any other assessment
is a self-assessment, read through its private link alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twofold.core.anonymity import CHANGE, SELF, STRENGTH
from twofold.core.answers import answer_matrix
from twofold.reports.model import Report
from twofold.reports.multirater import build_360_report
from twofold.web.accounts.access import viewer_for
from twofold.web.assessments.models import Assessment, ResponseSet
from twofold.web.assessments.services import instrument_for
from twofold.web.audit import record
from twofold.web.audit.models import Action
from twofold.web.campaigns.models import InvitationStatus, Participant, Release
from twofold.web.campaigns.results import released_response_sets

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def participant_of(assessment: Assessment) -> Participant | None:
    """The campaign participant this assessment belongs to; None for a self-assessment."""
    return (
        Participant.objects.select_related("campaign__organisation", "person")
        .filter(assessment=assessment)
        .first()
    )


def may_read(user: AbstractBaseUser | AnonymousUser, participant: Participant) -> bool:
    """Whether ``user`` may read ``participant``'s released reports (the rule is in access)."""
    campaign = participant.campaign
    viewer = viewer_for(user, campaign.organisation)
    return viewer is not None and viewer.may_read_report(
        participant.person_id, managers_see_reports=campaign.managers_see_reports
    )


def comments_by_topic(stored: Mapping[str, Any]) -> dict[str, str | None]:
    """A response set's comments as topics: domain ids and the two open questions.

    Stored as ``{"domains": {domain_id: text}, "strength": text, "change": text}``;
    anything that is not text is no comment.
    """
    domains = stored.get("domains")
    topics: dict[str, str | None] = {}
    if isinstance(domains, Mapping):
        topics |= {str(k): v for k, v in domains.items() if isinstance(v, str)}
    for field, topic in (("strength", STRENGTH), ("change", CHANGE)):
        value = stored.get(field)
        if isinstance(value, str):
            topics[topic] = value
    return topics


def campaign_report(participant: Participant, release: Release) -> Report:
    """The 360 report of ``release``, the participant's latest, from the response sets it holds."""
    assessment = participant.assessment
    if assessment is None:  # a released participant always has one
        raise ValueError(f"participant {participant.pk} has no assessment")
    instrument = instrument_for(assessment)
    sets: list[ResponseSet] = list(released_response_sets(participant))
    return build_360_report(
        instrument,
        answer_matrix(instrument, [s.answers for s in sets]),
        [s.rater_role for s in sets],
        [comments_by_topic(s.comments) for s in sets],
        participant.campaign.anonymity_policy(),
        # One shuffle per release: the same report every time it is opened.
        seed=release.pk,
        asked=asked_groups(participant),
    )


def asked_groups(participant: Participant) -> set[str]:
    """The groups someone was invited to rate this participant in, and self.

    Invited, not answered: a report names a group as withheld whenever anyone
    was asked in it, so whether it is named says nothing about who answered.
    """
    invited = participant.invitations.filter(
        status__in=(InvitationStatus.SENT, InvitationStatus.DECLINED, InvitationStatus.CLOSED)
    )
    return {SELF, *invited.values_list("group", flat=True)}


#: How a report was read, in the words of the audit log.
READ_VIA = {"page": gettext_lazy("page"), "API": gettext_lazy("API")}


def record_view(
    user: AbstractBaseUser | AnonymousUser, participant: Participant, release: Release, via: str
) -> None:
    """Write to the organisation's audit log that ``user`` read this report."""
    campaign = participant.campaign
    record(
        campaign.organisation,
        user,
        Action.REPORT_VIEWED,
        object_type="report",
        object_id=participant.pk,
        summary=_("%(participant)s, %(campaign)s, release %(number)d (%(via)s)")
        % {
            "participant": participant.person.name,
            "campaign": campaign.name,
            "number": release.number,
            "via": READ_VIA[via],
        },
    )
