"""What a release will show, and why a new release is refused, in plain words.

The release page says, per participant, which rater groups their report will
show and which it withholds ("fewer than 3 peers answered"), with counts and
never a score; and, for a participant released before, why a new release
would reveal a rater ("1 peer answered since the last release; the report
can change only when at least 3 have"). The core decides; this module words it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from twofold.core.anonymity import (
    ALL,
    GROUPS,
    OBSERVERS,
    SELF,
)
from twofold.core.anonymity.groups import GroupRelease
from twofold.core.anonymity.releases import ADDED, COMMENTS, SCORES, Concern
from twofold.core.instrument import Instrument
from twofold.web.campaigns import groups

#: Rater groups as the release page names them: the participant's own answers too.
GROUP_NAMES = {SELF: gettext_lazy("Their own answers"), **groups.GROUP_NAMES}


@dataclass(frozen=True)
class GroupLine:
    """One rater group of one participant's coming report: shown or not, and why."""

    name: str
    answered: int
    shown: bool
    note: str


def group_lines(release: tuple[GroupRelease, ...], answered: dict[str, int]) -> list[GroupLine]:
    """Each group of a coming report, in the report's order, with counts only."""
    lines = []
    by_group = {g.group: g for g in release}
    for group in GROUPS:
        shown = by_group[group]
        if group == ALL:
            count = sum(answered.get(g, 0) for g in OBSERVERS)
        else:
            count = answered.get(group, 0)
        if group == SELF:
            note = (
                _("Submitted.") if count else _("Not submitted: the report shows the others only.")
            )
        elif group == ALL and shown.withheld:
            note = ngettext(
                "Withheld: fewer than %(k)d rater counts together.",
                "Withheld: fewer than %(k)d raters count together.",
                shown.threshold,
            ) % {"k": shown.threshold}
        elif group == ALL and (shown.n or 0) < count:
            note = (
                _shown_note(shown)
                + " "
                + ngettext(
                    "It counts %(n)d of them: groups too small to show are left out.",
                    "It counts %(n)d of them: groups too small to show are left out.",
                    shown.n or 0,
                )
                % {"n": shown.n or 0}
            )
        elif not count:
            note = _("Nobody answered.")
        elif shown.withheld:
            note = _("Withheld: fewer than %(who)s answered.") % {
                "who": groups.group_count(group, shown.threshold)
            }
            if count >= shown.threshold:
                note = _("Withheld: fewer than %(who)s answered enough of the questions.") % {
                    "who": groups.group_count(group, shown.threshold)
                }
        else:
            note = _shown_note(shown)
        lines.append(GroupLine(str(GROUP_NAMES[group]), count, not shown.withheld, note))
    return lines


def _shown_note(shown: GroupRelease) -> str:
    practices = len(shown.counts)
    partial = int((shown.counts > 0).sum())
    note = _("Shown, not anonymous: labelled as such.") if not shown.anonymous else _("Shown.")
    if partial < practices:
        note += " " + _("On %(shown)d of %(all)d practices; too few rated the rest.") % {
            "shown": partial,
            "all": practices,
        }
    return note


def concern_lines(concerns: tuple[Concern, ...], instrument: Instrument) -> list[tuple[str, str]]:
    """Each concern in words, with the practices it is about ("" for all).

    Raters who answered since the last release usually make both the scores
    and the comments of their group unsafe: that is said once, with the
    larger of the two numbers needed.
    """
    everywhere = {
        (c.group, c.raters): c
        for c in concerns
        if c.kind == ADDED and c.about == SCORES and not practice_names(c, instrument)
    }
    comments = {
        (c.group, c.raters): c
        for c in concerns
        if c.kind == ADDED and c.about == COMMENTS and (c.group, c.raters) in everywhere
    }
    lines = []
    for c in concerns:
        if c in comments.values():
            continue
        twin = comments.get((c.group, c.raters))
        if twin is not None and c is everywhere[(c.group, c.raters)]:
            c = replace(c, needed=max(c.needed or 0, twin.needed or 0))
        lines.append((concern_text(c), practice_names(c, instrument)))
    return lines


def concern_text(concern: Concern) -> str:
    """Why a new release is refused, in one or two sentences."""
    who = groups.group_count(concern.group, concern.raters)
    if concern.group == ALL:
        who = ngettext(
            "%(count)d rater of groups too small to show",
            "%(count)d raters of groups too small to show",
            concern.raters,
        ) % {"count": concern.raters}
    if concern.kind == ADDED:
        if concern.about == SCORES:
            text = _(
                "%(who)s answered since the last release; the report can change only when "
                "at least %(needed)d have."
            )
        else:
            text = _(
                "%(who)s answered since the last release; their comments can change only "
                "when at least %(needed)d have."
            )
    elif concern.about == SCORES:
        text = _(
            "%(who)s, counted in “All raters” before, would be counted differently now: "
            "comparing the two releases could reveal their scores."
        )
    else:
        text = _(
            "%(who)s, whose comments were pooled before, would be pooled differently now: "
            "comparing the two releases could reveal their comments."
        )
    return text % {"who": who, "needed": concern.needed or 0}


def practice_names(concern: Concern, instrument: Instrument) -> str:
    """The practices a concern is about, or "" when it is about all of them (or comments)."""
    if not concern.practices or len(concern.practices) == len(instrument.scales):
        return ""
    return ", ".join(instrument.scale(p).name for p in concern.practices)
