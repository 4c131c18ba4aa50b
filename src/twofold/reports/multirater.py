"""Turning a participant's 360 answers into a :class:`Report` a person can read.

A 360 report is a self report plus the raters' views. Everything the self
report has (profile, strengths, development areas, summary) is built by
:func:`twofold.reports.build.build_report`, from one *basis*: all raters'
scores where that group is shown (how others see the person, which is what a
360 is for), else the participant's own. The rest comes from the core, which
alone decides what may be shown:

* group scores from :func:`~twofold.core.anonymity.release_rater_groups`
  (this module never averages raters itself);
* comments from :func:`~twofold.core.anonymity.release_comments`;
* rater agreement from :func:`~twofold.core.anonymity.agreement.all_raters_agreement`;
* self–other gaps and categories from :mod:`twofold.core.selfother`.

Gaps and categories are judged on the scores as the report shows them (one
decimal), and a gap is marked only where it exceeds its margin as shown too,
so the words never contradict the numbers beside them
(docs/decisions/0019-self-other-gaps.md).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from twofold.content import narrative
from twofold.core.activities import Catalogue
from twofold.core.anonymity import (
    ALL,
    CHANGE,
    OBSERVERS,
    SELF,
    STRENGTH,
    AnonymityPolicy,
    CommentRelease,
    GroupRelease,
    RaterRelease,
    release_comments,
    release_rater_groups,
)
from twofold.core.anonymity.agreement import all_raters_agreement
from twofold.core.instrument import Instrument
from twofold.core.output import optional
from twofold.core.scoring import Scores, ScoringKey, score
from twofold.core.scoring.profile import classify
from twofold.core.selfother import (
    BLIND_SPOT,
    HIDDEN_STRENGTH,
    agreement_category,
    gap_margin,
    self_other_gaps,
)
from twofold.reports.build import build_report
from twofold.reports.model import (
    Agreement,
    CommentGroup,
    CommentTopic,
    Gap,
    MultiRater,
    Report,
    SelfOtherCategory,
)
from twofold.reports.numbers import (
    difference_text,
    rounded,
    score_text,
    shown_agreement,
    shown_difference,
)
from twofold.reports.raters import released_groups, withheld_text_for

__all__ = ["WIDE_SHOWN", "build_360_report"]

#: Agreement shown at or below this (two decimals) is called wide disagreement.
WIDE_SHOWN = Decimal("0.50")


def build_360_report(
    instrument: Instrument,
    answers: npt.ArrayLike,
    groups: Sequence[str],
    comments: Sequence[Mapping[str, str | None]],
    policy: AnonymityPolicy | None = None,
    *,
    seed: int,
    asked: Collection[str] | None = None,
    catalogue: Catalogue | None = None,
    texts: dict[str, Any] | None = None,
    n_strengths: int = 3,
    n_development: int = 3,
) -> Report:
    """Build the 360 report of one participant.

    Parameters
    ----------
    instrument
        The instrument that was answered.
    answers
        ``(n, k)`` one row per response set: the participant's own (group
        ``self``, if they answered) and every rater's; NaN is unanswered or
        "Not observed".
    groups
        The group of each row: ``self``, ``manager``, ``peers``,
        ``direct_reports`` or ``others``.
    comments
        One mapping per row, topic (a domain id, :data:`~twofold.core.anonymity.STRENGTH`
        or :data:`~twofold.core.anonymity.CHANGE`) → text.
    policy
        The campaign's anonymity thresholds; the defaults when omitted.
    seed
        Seeds the comments' shuffle: use one value per release, so a report
        reads the same every time it is opened.
    asked
        The groups someone was asked to rate in. A group nobody was asked in is
        left out of the report, rather than named as "fewer than 3 answered";
        by default every group is named. Pass who was *asked*, never who
        answered: that a group is shown as withheld must not say whether
        anyone in it answered.
    catalogue, texts, n_strengths, n_development
        As for :func:`twofold.reports.build.build_report`.

    Returns
    -------
    Report
        With ``basis`` "all" or "self", ``rater_groups`` for every group
        (withheld ones without any number) and ``multirater`` set.

    Examples
    --------
    >>> import numpy as np
    >>> from twofold.content import builtin_instrument
    >>> tlmi = builtin_instrument("tlmi")
    >>> rows = np.vstack([np.full(48, 5.0), np.full((4, 48), 3.0)])
    >>> report = build_360_report(tlmi, rows, ["self", "manager"] + ["peers"] * 3, [{}] * 5, seed=1)
    >>> report.basis, report.multirater.categories[0].category
    ('all', 'over_estimator')
    >>> [g.group for g in report.withheld_groups]
    ['direct_reports', 'others']
    """
    texts = narrative("en") if texts is None else texts
    matrix = np.asarray(answers, dtype=np.float64)
    labels = [str(g) for g in groups]
    release = release_rater_groups(instrument, matrix, labels, policy)
    own, everyone = release.group(SELF), release.group(ALL)
    basis = "self" if everyone.withheld and not own.withheld else "all"
    if basis == "self":
        row = labels.index(SELF)
        scores = score(instrument, matrix[row : row + 1])
    else:
        scores = _group_scores(instrument, release.key, everyone)
    report = build_report(
        instrument,
        scores,
        0,
        catalogue=catalogue,
        texts=texts,
        n_strengths=n_strengths,
        n_development=n_development,
        basis=basis,
    )
    agreement = all_raters_agreement(instrument, matrix, labels, release)
    categories = _categories(instrument, release, texts)
    multirater = MultiRater(
        basis_text=texts["basis"][basis],
        gaps=_gaps(instrument, own, everyone, texts),
        agreement=tuple(
            _agreement(scale.id, scale.name, agreement.values[j], agreement.reasons[j], texts)
            for j, scale in enumerate(instrument.scales)
        ),
        categories=categories,
        comments=_comments(
            instrument, release_comments(comments, labels, policy, seed=seed), texts
        ),
    )
    named = {SELF, *OBSERVERS, ALL} if asked is None else {*asked, *labels, ALL}
    return replace(
        report,
        summary=_with_self_other(report.summary, categories, multirater),
        rater_groups=tuple(g for g in released_groups(release, texts) if g.group in named),
        multirater=replace(
            multirater, comments=tuple(c for c in multirater.comments if c.group in named)
        ),
    )


def _group_scores(instrument: Instrument, key: ScoringKey, group: GroupRelease) -> Scores:
    """A released group's scores in the shape scoring gives one respondent.

    Every shown practice counts as fully answered: the group's raters each
    answered at least half of its questions, and the report has no partial
    group score to flag.
    """
    shown = ~np.isnan(group.scales)
    items = np.array([len(scale.items) for scale in instrument.scales], dtype=np.int64)
    composites = group.composites[None, :]
    profile = (
        classify(instrument, instrument.profile, key, composites)
        if instrument.profile is not None
        else None
    )
    return Scores(
        key=key,
        scales=group.scales[None, :],
        answered=np.where(shown, items, 0)[None, :],
        composites=composites,
        profile=profile,
    )


def _shown(value: float) -> float:
    """The score as shown (one decimal), for judgements the reader can check."""
    return math.nan if math.isnan(value) else float(rounded(value))


def _gaps(
    instrument: Instrument, own: GroupRelease, everyone: GroupRelease, texts: dict[str, Any]
) -> tuple[Gap, ...]:
    sems = [math.nan if scale.sem is None else scale.sem for scale in instrument.scales]
    found = self_other_gaps(
        [_shown(v) for v in own.scales],
        [_shown(v) for v in everyone.scales],
        everyone.counts,
        sems,
    )
    gaps = []
    for j, scale in enumerate(instrument.scales):
        mine, theirs = optional(own.scales[j]), optional(everyone.scales[j])
        margin = optional(found.margin[j])
        kind = found.kind[j]
        # The margin as shown, too: "a difference of 0.7 is more than 0.7" would be false.
        if kind and (
            margin is None
            or mine is None
            or theirs is None
            or abs(shown_difference(mine, theirs)) <= rounded(margin)
        ):
            kind = ""
        text = ""
        if kind in (BLIND_SPOT, HIDDEN_STRENGTH) and margin is not None:
            text = texts["gaps"][kind].format(
                practice=scale.name,
                self=score_text(mine),
                others=score_text(theirs),
                gap=difference_text(mine, theirs),
                margin=score_text(margin),
            )
        gaps.append(
            Gap(
                practice_id=scale.id,
                practice_name=scale.name,
                capability=scale.capability or "",
                self_score=mine,
                others=theirs,
                gap=None if mine is None or theirs is None else mine - theirs,
                margin=margin,
                kind=kind,
                text=text,
            )
        )
    return tuple(gaps)


def _agreement(
    practice_id: str, name: str, value: float, reason: str | None, texts: dict[str, Any]
) -> Agreement:
    rwg = optional(value)
    wide = rwg is not None and shown_agreement(rwg) <= WIDE_SHOWN
    return Agreement(
        practice_id=practice_id,
        practice_name=name,
        rwg=rwg,
        wide=wide,
        reason=reason or "",
        text=texts["agreement"]["wide"].format(practice=name) if wide else "",
    )


def _categories(
    instrument: Instrument, release: RaterRelease, texts: dict[str, Any]
) -> tuple[SelfOtherCategory, ...]:
    """The self–other category of each composite that has an SEM, where both views exist."""
    own, everyone = release.group(SELF), release.group(ALL)
    key = release.key
    found = []
    for m, composite in enumerate(instrument.composites):
        if composite.sem is None:
            continue
        counts = [int(everyone.counts[key.scale_ids.index(s)]) for s in composite.scales]
        raters = min((c for c in counts if c > 0), default=0)
        mine, theirs = _shown(own.composites[m]), _shown(everyone.composites[m])
        cut = instrument.cut(composite)
        category = agreement_category(mine, theirs, raters, composite.sem, cut)
        if category is None:
            continue
        words = texts["categories"][category]
        level = f"at or above {score_text(cut)}" if theirs >= cut else f"below {score_text(cut)}"
        found.append(
            SelfOtherCategory(
                composite_id=composite.id,
                composite_name=composite.name,
                category=category,
                name=words["name"],
                short=words["short"],
                text=words["text"].format(
                    composite=composite.name.lower(),
                    self=score_text(own.composites[m]),
                    others=score_text(everyone.composites[m]),
                    level=level,
                ),
                self_score=float(own.composites[m]),
                others=float(everyone.composites[m]),
                gap=float(own.composites[m] - everyone.composites[m]),
                margin=gap_margin(composite.sem, raters),
            )
        )
    return tuple(found)


def _comments(
    instrument: Instrument, release: CommentRelease, texts: dict[str, Any]
) -> tuple[CommentGroup, ...]:
    """Every observer group's comments or reason, then the pool if there is one."""
    titles = {domain.id: domain.name for domain in instrument.domains}
    titles[STRENGTH] = texts["comments"]["topics"]["strength"]
    titles[CHANGE] = texts["comments"]["topics"]["change"]
    order = list(titles)
    pooled = not release.group(ALL).withheld
    found = []
    for group in (*OBSERVERS, ALL):
        comments = release.group(group)
        if group == ALL and comments.withheld:
            continue
        topics = sorted(
            comments.comments.items(),
            key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]),
        )
        found.append(
            CommentGroup(
                group=group,
                name=texts["rater_groups"][group]["name"],
                anonymous=comments.anonymous,
                withheld=comments.withheld,
                withheld_text=(
                    withheld_text_for(texts, "comments", group, comments.threshold, pooled=pooled)
                    if comments.withheld
                    else ""
                ),
                text=texts["comments"]["pool"] if group == ALL else "",
                topics=tuple(
                    CommentTopic(topic, titles.get(topic, topic), texts_)
                    for topic, texts_ in topics
                ),
            )
        )
    return tuple(found)


def _with_self_other(
    summary: tuple[str, ...], categories: tuple[SelfOtherCategory, ...], multirater: MultiRater
) -> tuple[str, ...]:
    """The summary with a paragraph on self and others, before its next step."""
    parts = []
    if categories:
        views = "; ".join(f"on {c.composite_name.lower()}, {c.short}" for c in categories)
        parts.append(f"{views[0].upper()}{views[1:]}.")
    marked = multirater.marked_gaps
    spots = sum(1 for g in marked if g.kind == BLIND_SPOT)
    hidden = len(marked) - spots
    if marked:
        counts = [
            f"{n} possible {word}{'s' if n != 1 else ''}"
            for n, word in ((spots, "blind spot"), (hidden, "hidden strength"))
            if n
        ]
        parts.append(f"The practices show {' and '.join(counts)}.")
    if not parts:
        return summary
    paragraph = " ".join(parts)
    if summary and summary[-1].startswith("Next step"):
        return (*summary[:-1], paragraph, summary[-1])
    return (*summary, paragraph)
