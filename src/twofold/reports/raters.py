"""Rater groups as a report shows them: names, scores and the reasons a group is withheld.

The numbers come from the core only: a self-assessment's own scores, or a 360's
release from :func:`twofold.core.anonymity.release_rater_groups`, which has
already withheld every number that would expose a rater. This module adds the
words and never computes a group mean of its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from twofold.core.anonymity import SELF, GroupRelease, RaterRelease
from twofold.core.output import optional
from twofold.core.scoring import Scores
from twofold.reports.model import RaterGroup

__all__ = ["released_groups", "self_group", "withheld_text_for"]


def self_group(scores: Scores, index: int, texts: dict[str, Any]) -> RaterGroup:
    """The participant's own ratings as the one group of a self-assessment."""
    key = scores.key
    return RaterGroup(
        group=SELF,
        name=texts["rater_groups"][SELF]["name"],
        withheld=False,
        withheld_text="",
        anonymous=False,
        n=1,
        scales={sid: optional(scores.scales[index, j]) for j, sid in enumerate(key.scale_ids)},
        composites={
            cid: optional(scores.composites[index, m]) for m, cid in enumerate(key.composite_ids)
        },
    )


def released_groups(release: RaterRelease, texts: dict[str, Any]) -> tuple[RaterGroup, ...]:
    """Every group of a 360's release, in report order, with its name and, if withheld, why."""
    return tuple(_group(release, group, texts) for group in release.groups)


def _group(release: RaterRelease, group: GroupRelease, texts: dict[str, Any]) -> RaterGroup:
    words = texts["rater_groups"][group.group]
    key = release.key
    withheld_text = ""
    if group.withheld:
        withheld_text = withheld_text_for(texts, "", group.group, group.threshold)
    return RaterGroup(
        group=group.group,
        name=words["name"],
        withheld=group.withheld,
        withheld_text=withheld_text,
        anonymous=group.anonymous,
        n=group.n,
        scales=dict(zip(key.scale_ids, _values(group.scales), strict=True)),
        composites=dict(zip(key.composite_ids, _values(group.composites), strict=True)),
    )


def withheld_text_for(
    texts: dict[str, Any], section: str, group: str, threshold: int, *, pooled: bool = False
) -> str:
    """Why a group's scores (``section`` "") or comments ("comments") are not shown.

    A threshold of one (a manager) is missed only by nobody answering, and says
    so; any other names the threshold, never how many did answer. ``pooled``
    says that the small groups' comments are shown together, so the words
    point there instead of saying the comments are gone.
    """
    words = texts[section] if section else texts
    who = texts["rater_groups"][group]["who"]
    if group == SELF and not section:
        return str(texts["withheld_self"])
    if threshold <= 1:
        return str(words["withheld_none"]).format(who=who)
    return str(words["withheld_pooled" if pooled else "withheld"]).format(
        threshold=threshold, who=who
    )


def _values(values: np.ndarray) -> list[float | None]:
    return [optional(v) for v in values]
