"""A rater's personal link: which invitation it opens, what state it is in, and declining.

No HTTP here (the pages are :mod:`twofold.web.campaigns.rating_views`). The
questionnaire behind the link is the assessments app's, reached with the
invitation's response set (docs/decisions/0018-answering-by-link.md).

What this module tells a rater about their anonymity is read from the
campaign's own policy, so the words on the page are the rule the report obeys
(:func:`twofold.core.anonymity.release_rater_groups`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from django.db import transaction
from django.utils.translation import gettext as _

from twofold.core.anonymity import ALL, DIRECT_REPORTS, MANAGER, OTHERS, PEERS
from twofold.core.instrument import Instrument
from twofold.web.assessments.models import AnswersClosedError, ResponseSet
from twofold.web.campaigns.groups import group_count
from twofold.web.campaigns.models import Invitation, InvitationStatus

#: The statuses of an invitation whose link was sent: only these links open anything.
SENT_STATUSES = (InvitationStatus.SENT, InvitationStatus.DECLINED, InvitationStatus.CLOSED)
#: About how long one question takes, and the two open questions together, in seconds.
SECONDS_PER_QUESTION, SECONDS_FOR_WORDS = 12, 120


class RatingState(Enum):
    """Where a rater's link stands."""

    #: Answering: the intro page, then the questionnaire.
    OPEN = "open"
    #: The rater's answers are in.
    SUBMITTED = "submitted"
    #: The rater said they cannot rate this person.
    DECLINED = "declined"
    #: Answering has ended: the deadline passed, the campaign closed or was released.
    CLOSED = "closed"


class CannotDeclineError(Exception):
    """A rater tried to decline after submitting, or an invitation that is not open."""


def invitation_for(token: str) -> Invitation | None:
    """The sent invitation whose personal link is ``token``, with what its pages show.

    Invitations that were never sent (proposed, approved, rejected) open
    nothing: their link was never given to anyone. Every save of an answer
    starts here, so the token (unique) is looked up with ``get``, which leaves
    out the ordering that ``first`` would add: building that ORDER BY took a
    quarter of a save's time.
    """
    try:
        return Invitation.objects.select_related(
            "participant__person",
            "participant__campaign",
            "participant__assessment",
            "response_set__assessment",
        ).get(token=token, status__in=SENT_STATUSES)
    except Invitation.DoesNotExist:
        return None


def state_of(invitation: Invitation) -> RatingState:
    """Where the link stands. A declined invitation has no response set (declining
    deletes it); nor has a released one (status CLOSED), which says only that the
    questionnaire has closed."""
    if invitation.status == InvitationStatus.DECLINED:
        return RatingState.DECLINED
    response_set = invitation.response_set
    if invitation.status == InvitationStatus.CLOSED or response_set is None:
        return RatingState.CLOSED
    if response_set.is_submitted:
        return RatingState.SUBMITTED
    if not response_set.assessment.accepts_answers():
        return RatingState.CLOSED
    return RatingState.OPEN


@transaction.atomic
def decline(invitation: Invitation) -> None:
    """The rater cannot rate this person: mark the invitation declined and delete
    their response set, answers and comments with it, so nothing of a rater who
    declined lingers. Declining again changes nothing.

    Raises
    ------
    CannotDeclineError
        The answers were submitted already, or the invitation was never sent or
        has been released.
    AnswersClosedError
        Answering has ended; the invitation stays as it was.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status == InvitationStatus.DECLINED:
        return
    if locked.status != InvitationStatus.SENT:
        raise CannotDeclineError(f"invitation {locked.pk} is {locked.status}")
    response_set = None
    if locked.response_set_id is not None:
        response_set = (
            ResponseSet.objects.select_for_update(of=("self",))
            .select_related("assessment")
            .get(pk=locked.response_set_id)
        )
        if response_set.is_submitted:
            raise CannotDeclineError(f"invitation {locked.pk} has submitted answers")
        if not response_set.assessment.accepts_answers():
            raise AnswersClosedError(f"invitation {locked.pk}")
    locked.status = InvitationStatus.DECLINED
    locked.response_set = None
    locked.save(update_fields=["status", "response_set"])
    if response_set is not None:
        response_set.delete()
    invitation.status, invitation.response_set = locked.status, None


def minutes_to_answer(instrument: Instrument) -> int:
    """About how long the questionnaire takes, rounded to 5 minutes (at least 5)."""
    seconds = len(instrument.item_ids) * SECONDS_PER_QUESTION + SECONDS_FOR_WORDS
    return max(5, 5 * math.floor(seconds / 300 + 0.5))


def capacity(group: str) -> str:
    """In which capacity a rater answers, as the intro says it: "as their peer"."""
    phrases = {
        MANAGER: _("as their manager"),
        PEERS: _("as their peer"),
        DIRECT_REPORTS: _("as someone who reports to them"),
        OTHERS: _("as someone who works with them"),
    }
    return phrases[group]


def _whole_group(group: str) -> str:
    """The group a rater's answers are averaged with: "their peers"."""
    names = {
        MANAGER: _("their managers"),
        PEERS: _("their peers"),
        DIRECT_REPORTS: _("their direct reports"),
        OTHERS: _("the other raters who answer"),
    }
    return names[group]


@dataclass(frozen=True)
class Protection:
    """What the participant's report will show of one rater's answers and words."""

    #: How the rater's answers are shown, in plain words (one paragraph each).
    notes: tuple[str, ...]
    #: Under each comment box: who will read it, and when.
    comment_note: str


def protection_for(invitation: Invitation) -> Protection:
    """The campaign's anonymity rule for this rater's group, in plain words.

    Honest per group: an anonymous group (peers, direct reports, others, and a
    manager whose threshold is above 1) is shown only as an average of at
    least *k* raters; a manager shown from one rater is shown as the manager.
    """
    participant = invitation.participant
    name = participant.person.name
    policy = participant.campaign.anonymity_policy()
    group = invitation.group
    k, k_comments = policy.threshold(group), policy.comments[group]
    everyone = _(
        "Your answers may also count in the average of all raters, which the report shows "
        "only when at least %(raters)s count in it, and never in a way that singles out your "
        "group."
    ) % {"raters": group_count(ALL, policy.threshold(ALL))}
    if policy.is_anonymous(group):
        notes = (
            _(
                "%(name)s sees your answers only within the average of %(whole)s, and only "
                "when at least %(group)s have answered. With fewer, those scores are left out "
                "of the report entirely."
            )
            % {"name": name, "whole": _whole_group(group), "group": group_count(group, k)},
            _(
                "Your comments are shown the same way: only when at least %(group)s have "
                "answered, mixed in random order with the others’ comments, without names or dates."
            )
            % {"group": group_count(group, k_comments)},
            everyone,
            _(
                "Twofold shows nobody your answers one by one: not %(name)s, not their "
                "manager, not the people who run the campaign. They see only whether you "
                "have answered."
            )
            % {"name": name},
        )
        comment_note = _(
            "Shown only when at least %(group)s have answered, mixed with their comments, "
            "without your name."
        ) % {"group": group_count(group, k_comments)}
        return Protection(notes, comment_note)

    shown_as_manager = k_comments <= 1
    notes = (
        _(
            "As %(name)s’s manager, your answers are shown in their report as the "
            "manager’s answers, not averaged with anyone else’s: they are not anonymous."
        )
        % {"name": name},
        _("Your comments are shown as the manager’s comments too.")
        if shown_as_manager
        else _("Your comments are shown only when at least %(group)s have answered.")
        % {"group": group_count(group, k_comments)},
        everyone,
        _("The people who run the campaign see only whether you have answered."),
    )
    comment_note = (
        _("Shown in %(name)s’s report as their manager’s words.") % {"name": name}
        if shown_as_manager
        else _("Shown only when at least %(group)s have answered.")
        % {"group": group_count(group, k_comments)}
    )
    return Protection(notes, comment_note)
