"""Sending invitations: an approved rater gets answers of their own to give, and an email.

Sending an invitation creates the rater's response set (in the participant's
assessment, in the rater's group), marks the invitation sent, and queues the
email with the personal link (:func:`twofold.web.campaigns.tasks.email_invitation`).
The database task is written in the same transaction, so an invitation is
never marked sent without its email queued.

An anonymous group's invitations go out together, once at least its
threshold of raters are approved: until then they wait, approved. Raters
asked one by one into a group that may never be shown would give their time
for nothing, and a group that starts out below its threshold invites a
reader to guess who the few are. Once a group has gone out, raters approved
later are sent at once. The manager (a threshold of 1) goes out at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns import tasks
from twofold.web.campaigns.models import Invitation, InvitationStatus, Participant, Status

#: Invitations that open their group's gate: approved, or sent already.
_GATE = (InvitationStatus.APPROVED, InvitationStatus.SENT, InvitationStatus.DECLINED)


@dataclass(frozen=True)
class Waiting:
    """An anonymous group whose approved invitations wait for more approvals."""

    group: str
    approved: int
    threshold: int

    @property
    def needed(self) -> int:
        return self.threshold - self.approved


def waiting(participant: Participant) -> list[Waiting]:
    """The groups whose approved invitations are held back, and how many they lack."""
    policy = participant.campaign.anonymity_policy()
    found = []
    tallies: dict[str, dict[str, int]] = {}
    for group, status in participant.invitations.values_list("group", "status"):
        tallies.setdefault(group, {}).setdefault(status, 0)
        tallies[group][status] += 1
    for group, by_status in sorted(tallies.items()):
        approved = by_status.get(InvitationStatus.APPROVED, 0)
        opened = sum(by_status.get(status, 0) for status in _GATE)
        if approved and policy.is_anonymous(group) and opened < policy.threshold(group):
            found.append(Waiting(group, opened, policy.threshold(group)))
    return found


def send_ready(participant: Participant) -> list[Invitation]:
    """Send every approved invitation whose group may go out now; return them.

    Nothing is sent before the campaign opens (it sends what is ready when it
    does), nor after answering has ended.
    """
    campaign = participant.campaign
    if campaign.status != Status.OPEN or participant.assessment_id is None:
        return []
    held = {w.group for w in waiting(participant)}
    ready = participant.invitations.filter(status=InvitationStatus.APPROVED).exclude(group__in=held)
    return [invitation for invitation in ready if send(invitation)]


@transaction.atomic
def send(invitation: Invitation) -> bool:
    """Send one approved invitation now; False when it is not approved or answering is over.

    The caller has decided the group may go out (see :func:`send_ready`).
    """
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("participant__campaign")
        .get(pk=invitation.pk)
    )
    participant = locked.participant
    campaign = participant.campaign
    if (
        locked.status != InvitationStatus.APPROVED
        or not campaign.accepts_answers()
        or participant.assessment_id is None
    ):
        return False
    locked.response_set = ResponseSet.objects.create(
        assessment_id=participant.assessment_id,
        rater_role=locked.group,
        instrument_id=campaign.instrument_id,
        instrument_version=campaign.instrument_version,
    )
    locked.status = InvitationStatus.SENT
    locked.save(update_fields=["response_set", "status"])
    tasks.email_invitation.enqueue(locked.pk)
    invitation.status, invitation.response_set = locked.status, locked.response_set
    return True
