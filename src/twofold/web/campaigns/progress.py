"""How far a campaign has got, per participant and rater group, as a viewer may see it.

Counts only, and names of who has not answered for those who may chase them
(:meth:`Viewer.progress <twofold.web.accounts.access.Viewer.progress>`):
never an answer, never when someone answered. Before a participant's
release, a rater has answered when their invitation's response set is
submitted. A release cuts invitations from answers, so from then on the
answered count is the number of released response sets of the group
(:mod:`twofold.web.campaigns.results`), the invited count is the number of
invitations, and neither who declined nor who did not answer can be told.
Raters invited after a re-opening are tied to their answers until the next
release, as before the first: those who see names see who of them has not
answered.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from twofold.web.accounts.access import Progress, Viewer
from twofold.web.assessments.models import RaterRole
from twofold.web.campaigns.groups import group_name
from twofold.web.campaigns.models import (
    Campaign,
    Group,
    Invitation,
    InvitationStatus,
    Participant,
    Release,
)
from twofold.web.campaigns.results import released_response_sets

#: Invitations that ask someone to rate (sent, or approved and about to be).
ASKED = (
    InvitationStatus.APPROVED,
    InvitationStatus.SENT,
    InvitationStatus.DECLINED,
    InvitationStatus.CLOSED,
)


@dataclass(frozen=True)
class GroupProgress:
    """One rater group of one participant.

    ``declined`` is None after a release (no longer told apart);
    ``not_answered`` holds names only for a viewer who sees names: before the
    release, of everyone asked; after it, of those asked since, when anyone
    was; None otherwise.
    """

    group: str
    label: str
    invited: int
    answered: int
    declined: int | None
    not_answered: tuple[str, ...] | None

    @property
    def waiting(self) -> int:
        """Raters still expected to answer."""
        return max(self.invited - self.answered - (self.declined or 0), 0)


@dataclass(frozen=True)
class ParticipantProgress:
    """One participant's progress, and what the viewer may do about it."""

    participant: Participant
    level: Progress
    self_done: bool
    released: bool
    groups: tuple[GroupProgress, ...]
    #: The viewer may propose raters for this participant (a link to their nominations).
    may_nominate: bool

    @property
    def shows_names(self) -> bool:
        """Whether the viewer sees who has not answered: everyone before the release,
        after it only those asked since (if anyone was)."""
        return self.level == Progress.NAMES and any(g.not_answered is not None for g in self.groups)

    @property
    def not_answered(self) -> list[tuple[str, tuple[str, ...]]]:
        """Groups with raters still to answer, and their names (for viewers who see names)."""
        return [(g.label, g.not_answered) for g in self.groups if g.not_answered]

    @property
    def invited(self) -> int:
        """Raters asked, in every group."""
        return sum(g.invited for g in self.groups)

    @property
    def answered(self) -> int:
        """Questionnaires done: the participant's own and their raters'."""
        return int(self.self_done) + sum(g.answered for g in self.groups)

    @property
    def expected(self) -> int:
        """Questionnaires asked for and not declined, the participant's own included."""
        return 1 + sum(g.invited - (g.declined or 0) for g in self.groups)


def campaign_progress(campaign: Campaign, viewer: Viewer) -> list[ParticipantProgress]:
    """Every participant of an opened campaign whom ``viewer`` may follow, by name."""
    participants = [
        p
        for p in campaign.participants.select_related("person", "assessment")
        if viewer.progress(p.person_id) != Progress.NONE
    ]
    return progress_of(participants, viewer)


def progress_of(participants: Iterable[Participant], viewer: Viewer) -> list[ParticipantProgress]:
    """The progress of ``participants`` (with their person and assessment loaded).

    A few queries whatever the number of participants, plus one for each one
    already released.
    """
    participants = list(participants)
    ids = [p.pk for p in participants]
    invitations = (
        Invitation.objects.filter(participant_id__in=ids, status__in=ASKED)
        .values_list("participant_id", "group", "status", "name", "response_set__submitted_at")
        .order_by("name")
    )
    by_participant: defaultdict[int, list[tuple[str, str, str, bool]]] = defaultdict(list)
    for participant_id, group, status, name, submitted_at in invitations:
        by_participant[participant_id].append((group, status, name, submitted_at is not None))
    ever_released = set(
        Release.objects.filter(participant_id__in=ids).values_list("participant_id", flat=True)
    )
    result = []
    for participant in participants:
        level = viewer.progress(participant.person_id)
        released_yet = participant.pk in ever_released
        if not released_yet:
            groups = _live(by_participant[participant.pk], names=level == Progress.NAMES)
        else:
            released = Counter(
                released_response_sets(participant)
                .exclude(rater_role=RaterRole.SELF)
                .values_list("rater_role", flat=True)
            )
            groups = _after_release(
                by_participant[participant.pk], released, names=level == Progress.NAMES
            )
        assessment = participant.assessment
        result.append(
            ParticipantProgress(
                participant=participant,
                level=level,
                self_done=assessment is not None and assessment.completed_at is not None,
                released=released_yet,
                groups=groups,
                may_nominate=viewer.may_nominate(participant.person_id),
            )
        )
    return result


def _live(rows: list[tuple[str, str, str, bool]], *, names: bool) -> tuple[GroupProgress, ...]:
    groups = []
    for group in Group:
        mine = [row for row in rows if row[0] == group]
        declined = [row for row in mine if row[1] == InvitationStatus.DECLINED]
        answered = [row for row in mine if row[3] and row[1] != InvitationStatus.DECLINED]
        waiting = [row[2] for row in mine if not row[3] and row[1] != InvitationStatus.DECLINED]
        groups.append(
            GroupProgress(
                group=group.value,
                label=_label(group),
                invited=len(mine),
                answered=len(answered),
                declined=len(declined),
                not_answered=tuple(waiting) if names else None,
            )
        )
    return tuple(groups)


def _after_release(
    rows: list[tuple[str, str, str, bool]], released: Counter[str], *, names: bool
) -> tuple[GroupProgress, ...]:
    # Invitations of a re-opening are tied to their answers until the next
    # release; those the release closed say nothing of who answered.
    names = names and any(row[1] != InvitationStatus.CLOSED for row in rows)
    groups = []
    for group in Group:
        mine = [row for row in rows if row[0] == group]
        late = sum(1 for row in mine if row[3])
        waiting = [
            row[2]
            for row in mine
            if not row[3] and row[1] in (InvitationStatus.APPROVED, InvitationStatus.SENT)
        ]
        groups.append(
            GroupProgress(
                group=group.value,
                label=_label(group),
                invited=len(mine),
                answered=released[group.value] + late,
                declined=None,
                not_answered=tuple(waiting) if names else None,
            )
        )
    return tuple(groups)


def _label(group: Group) -> str:
    return group_name(group.value)


def completion(progress: Iterable[ParticipantProgress]) -> tuple[int, int]:
    """Questionnaires done and expected, over participants: ``(done, expected)``."""
    done = expected = 0
    for one in progress:
        done += one.answered
        expected += one.expected
    return done, expected


def percent(done: int, expected: int) -> int:
    """Whole percent done, as every page shows it: rounded half up, 7 of 16 is 44.

    Except at the ends: 100 only when everything is in, and 0 only when
    nothing is, so 199 of 200 is 99 and 1 of 1000 is 1. Rounding alone would
    say "100%" while someone has not answered, or "0%" after someone has.
    Nothing expected is 0.
    """
    if not expected:
        return 0
    rounded = (200 * done + expected) // (2 * expected)  # half up, in whole numbers
    if 0 < done < expected:
        return min(max(rounded, 1), 99)
    return rounded
