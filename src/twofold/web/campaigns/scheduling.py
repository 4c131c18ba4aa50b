"""What nominations and invitations do when a campaign opens or its deadline moves.

The receivers of :mod:`twofold.web.campaigns.signals`, connected in
:meth:`twofold.web.campaigns.apps.CampaignsConfig.ready`. Opening sends the
first emails: each participant's (assess yourself, choose your raters) and
the invitations approved by then that may go out (the managers', and any an
administrator approved while the campaign was a draft), and the approvers of
any list submitted in the draft. Both schedule the campaign's reminders.
"""

from __future__ import annotations

from typing import Any

from twofold.web.campaigns import invitations, reminders, tasks
from twofold.web.campaigns.models import Campaign


def schedule_reminders(campaign: Campaign) -> int:
    """Queue one reminder task for each reminder day still ahead; return how many.

    Tasks queued for an earlier deadline stay queued and do nothing when
    they run (:func:`twofold.web.campaigns.reminders.is_due`).
    """
    ahead = reminders.upcoming(campaign)
    for days_before, at in ahead:
        tasks.send_reminders.using(run_after=at).enqueue(campaign.pk, days_before)
    return len(ahead)


def campaign_launched(sender: object, campaign: Campaign, **kwargs: Any) -> None:
    """Send the first emails of a campaign that has just opened, and schedule its reminders."""
    for participant in campaign.participants.select_related("campaign"):
        tasks.email_participant_opening.enqueue(participant.pk)
        invitations.send_ready(participant)
        if participant.nominations_submitted_at is not None:
            tasks.email_approvers.enqueue(participant.pk)
    schedule_reminders(campaign)


def deadline_extended(sender: object, campaign: Campaign, **kwargs: Any) -> None:
    """Schedule the reminders of the campaign's new deadline."""
    schedule_reminders(campaign)
