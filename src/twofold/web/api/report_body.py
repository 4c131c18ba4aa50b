"""The API's report, written from the one report model every shell shows.

A self-assessment and a 360 give the same shape; the 360's extra parts are
null for a self-assessment. Nothing here computes a score: every number is
the :class:`~twofold.reports.model.Report`'s, at full precision.
"""

from __future__ import annotations

from typing import Any

from twofold.core.instrument import Instrument
from twofold.reports.model import MultiRater, Report, ScoreRange, Standing
from twofold.reports.numbers import shown_agreement
from twofold.web.api.schemas import ReportOut
from twofold.web.assessments.models import Assessment
from twofold.web.campaigns.models import Release


def report_out(
    assessment: Assessment, instrument: Instrument, report: Report, release: Release | None
) -> ReportOut:
    """The API body of ``report``, for ``assessment`` (and, for a 360, ``release``)."""
    basis = next((g for g in report.rater_groups if g.group == report.basis), None)
    return ReportOut.model_validate(
        {
            "assessment": {
                "subject_name": assessment.subject_name,
                "instrument": assessment.instrument_ref,
                "created_at": assessment.created_at,
                "completed_at": assessment.completed_at,
            },
            "release": None
            if release is None
            else {
                "campaign": release.participant.campaign.name,
                "number": release.number,
                "released_at": release.released_at,
            },
            "basis": report.basis,
            "scores": {
                "scales": {
                    p.id: {
                        "score": p.score,
                        "answered": p.answered if report.basis == "self" else None,
                    }
                    for p in report.practices
                },
                "composites": dict(basis.composites) if basis is not None else {},
                "profile": _profile(instrument, report.profile),
            },
            "rater_groups": [
                {
                    "group": g.group,
                    "n": g.n,
                    "withheld": g.withheld,
                    "anonymous": g.anonymous,
                    "scales": g.scales,
                    "composites": g.composites,
                }
                for g in report.rater_groups
            ],
            "multirater": None if report.multirater is None else _multirater(report.multirater),
        }
    )


def _bounded(score: ScoreRange) -> dict[str, float]:
    return {"score": score.value, "lower": score.lower, "upper": score.upper}


def _profile(instrument: Instrument, profile: Standing | None) -> dict[str, Any] | None:
    """Where the person stands, or why not: null without a profile, nulls without scores."""
    if instrument.profile is None:
        return None
    if profile is None:
        return {"region": None, "lean": None, "direction": None}
    return {
        "region": profile.region,
        "near_border": profile.near_border,
        "leadership": _bounded(profile.leadership),
        "management": _bounded(profile.management),
        "cuts": {"leadership": profile.cut_leadership, "management": profile.cut_management},
        "lean": {
            "value": profile.lean.value,
            "lower": profile.lean.lower,
            "upper": profile.lean.upper,
        },
        "direction": profile.direction,
    }


def _multirater(multirater: MultiRater) -> dict[str, Any]:
    return {
        "gaps": [
            {
                "scale": g.practice_id,
                "self_score": g.self_score,
                "others": g.others,
                "gap": g.gap,
                "margin": g.margin,
                "kind": g.kind,
            }
            for g in multirater.gaps
        ],
        "agreement": [
            {
                "scale": a.practice_id,
                # As the page shows it: more digits would say more about the
                # raters' item answers than the report means to.
                "rwg": None if a.rwg is None else float(shown_agreement(a.rwg)),
                "wide": a.wide,
                "reason": a.reason,
            }
            for a in multirater.agreement
        ],
        "categories": [
            {
                "composite": c.composite_id,
                "category": c.category,
                "self_score": c.self_score,
                "others": c.others,
                "gap": c.gap,
                "margin": c.margin,
            }
            for c in multirater.categories
        ],
        "comments": [
            {
                "group": c.group,
                "anonymous": c.anonymous,
                "withheld": c.withheld,
                "topics": [
                    {"topic": t.topic, "title": t.title, "comments": list(t.comments)}
                    for t in c.topics
                ],
            }
            for c in multirater.comments
        ],
    }
