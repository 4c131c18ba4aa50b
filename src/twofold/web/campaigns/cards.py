"""One participant's 360 as a card on a page, with the links the viewer may follow.

The organisation's home page and a campaign's page both show participants'
progress; from either, whoever may answer the self-assessment or read the
released report gets a link to it, and nobody else does. Who may do what is
asked of :class:`~twofold.web.accounts.access.Viewer`; this module only turns
the answers into addresses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse

from twofold.web.accounts.access import Viewer
from twofold.web.campaigns.models import Campaign
from twofold.web.campaigns.progress import ParticipantProgress


@dataclass(frozen=True)
class Card:
    """One participant's progress, the self-assessment's link and the report's link.

    A link is "" when the viewer may not follow it, or it leads nowhere yet.
    """

    progress: ParticipantProgress
    respond_url: str
    report_url: str

    @property
    def campaign(self) -> Campaign:
        return self.progress.participant.campaign


def cards_for(viewer: Viewer, progress: Iterable[ParticipantProgress]) -> list[Card]:
    """A card for each participant's ``progress`` (participants with campaign and assessment)."""
    return [_card(viewer, one) for one in progress]


def _card(viewer: Viewer, progress: ParticipantProgress) -> Card:
    participant = progress.participant
    campaign, assessment = participant.campaign, participant.assessment
    respond_url = report_url = ""
    mine = participant.person_id == viewer.person_id
    if mine and assessment is not None and not progress.self_done and campaign.accepts_answers():
        token = assessment.self_response_set().respond_token
        respond_url = reverse("assessments:respond", args=[token])
    readable = viewer.may_read_report(
        participant.person_id, managers_see_reports=campaign.managers_see_reports
    )
    if progress.released and assessment is not None and readable:
        report_url = reverse("reports:report", args=[assessment.report_token])
    return Card(progress, respond_url, report_url)
