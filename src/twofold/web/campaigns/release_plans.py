"""What releasing each participant of a campaign would do, read before anything is done.

A :class:`Plan` holds one participant's response sets as a release sees them
(read for a hundred participants in two queries) and says whether releasing
them now would make a first release, a new one, be refused, or change
nothing. The release page shows plans; :mod:`~twofold.web.campaigns.release`
carries them out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from twofold.content import builtin_instrument
from twofold.core.anonymity import AnonymityPolicy
from twofold.core.anonymity.releases import ReleaseVerdict, judge_release
from twofold.core.answers import answer_matrix
from twofold.core.instrument import Instrument
from twofold.web.accounts.access import Viewer
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Campaign, Participant, Release

#: What happened to one participant: released, refused a new release, or nothing new.
RELEASED, REFUSED, UNCHANGED = "released", "refused", "unchanged"


class ReleaseError(Exception):
    """The campaign is not in a state that allows this; the message says why."""


@dataclass(frozen=True)
class Row:
    """One response set as a release sees it."""

    pk: int
    assessment_id: int
    group: str
    instrument_id: str
    instrument_version: str
    answers: dict[str, Any]
    comments: dict[str, Any]
    submitted: bool
    # The release that holds it: the participant's latest, which holds every
    # set released so far; None while not released.
    released_in: int | None


@dataclass(frozen=True, eq=False)
class Plan:
    """What releasing one participant now would do.

    Attributes
    ----------
    participant
        The participant.
    number
        The number the release would get (1 for the first).
    raters
        Submitted response sets the release would be computed from, by group
        (``self`` included), earlier releases' too.
    new
        Those of them not released yet, by group.
    """

    participant: Participant
    number: int
    raters: Counter[str]
    new: Counter[str]
    rows: tuple[Row, ...] = field(repr=False)
    instrument: Instrument = field(repr=False)
    policy: AnonymityPolicy = field(repr=False)

    @cached_property
    def verdict(self) -> ReleaseVerdict:
        """The core's judgement of the release beside the earlier ones, with what it would show.

        Only the latest release says which sets it holds, so every set released
        before counts as one of it: the core judges beside that release alone,
        which allows what judging beside every release would.
        """
        counted = [row for row in self.rows if row.submitted]
        return judge_release(
            self.instrument,
            answer_matrix(self.instrument, [row.answers for row in counted]),
            [row.group for row in counted],
            [row.released_in or self.number for row in counted],
            self.number,
            self.policy,
        )

    @property
    def state(self) -> str:
        """:data:`RELEASED` if it would be released, :data:`REFUSED` or :data:`UNCHANGED`.

        A first release is always safe (one release shows only what
        :func:`~twofold.core.anonymity.release_rater_groups` allows), so it
        is made without being judged.
        """
        if self.number == 1:
            return RELEASED
        if not self.new:
            return UNCHANGED
        return RELEASED if self.verdict.allowed else REFUSED


def releasable(campaign: Campaign, viewer: Viewer) -> list[Participant]:
    """The campaign's participants ``viewer`` may release, by name."""
    participants = campaign.participants.select_related("person", "assessment")
    return [
        p
        for p in participants
        if viewer.may_release(p.person_id, coach_may_release=campaign.coach_may_release)
    ]


def plans(campaign: Campaign, participants: Sequence[Participant]) -> list[Plan]:
    """What releasing each of ``participants`` would do, in two queries for them all."""
    instrument, policy = campaign_rules(campaign)
    return read_plans(participants, instrument, policy)


def campaign_rules(campaign: Campaign) -> tuple[Instrument, AnonymityPolicy]:
    """The instrument the campaign pinned, and its anonymity policy."""
    instrument = builtin_instrument(campaign.instrument_id)
    if instrument.version != campaign.instrument_version:
        raise ReleaseError(
            _("The answers were given to %(pinned)s, but this installation has %(found)s.")
            % {"pinned": campaign.instrument_ref, "found": instrument.ref}
        )
    return instrument, campaign.anonymity_policy()


def _read_rows(queryset: QuerySet[ResponseSet]) -> Iterable[Row]:
    """Each response set of ``queryset``, read in one query."""
    values = queryset.values_list(
        "pk",
        "assessment_id",
        "rater_role",
        "instrument_id",
        "instrument_version",
        "answers",
        "comments",
        "submitted_at",
        "released__release__number",
    )
    for pk, assessment, role, inst, version, answers, comments, submitted, number in values:
        yield Row(
            pk, assessment, role, inst, version, answers, comments, submitted is not None, number
        )


def _plan_for(
    participant: Participant,
    rows: list[Row],
    last: int,
    instrument: Instrument,
    policy: AnonymityPolicy,
) -> Plan:
    counted = [row for row in rows if row.submitted]
    return Plan(
        participant=participant,
        number=last + 1,
        raters=Counter(row.group for row in counted),
        new=Counter(row.group for row in counted if row.released_in is None),
        rows=tuple(rows),
        instrument=instrument,
        policy=policy,
    )


def read_plans(
    participants: Sequence[Participant], instrument: Instrument, policy: AnonymityPolicy
) -> list[Plan]:
    ids = [p.pk for p in participants]
    rows: dict[int, list[Row]] = {}
    for row in _read_rows(ResponseSet.objects.filter(assessment__participant__in=ids)):
        rows.setdefault(row.assessment_id, []).append(row)
    last = dict(
        Release.objects.filter(participant__in=ids)
        .values("participant")
        .annotate(last=Max("number"))
        .values_list("participant", "last")
    )
    return [
        _plan_for(p, rows.get(p.assessment_id or 0, []), last.get(p.pk, 0), instrument, policy)
        for p in participants
    ]
