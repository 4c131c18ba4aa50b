"""The report page: a self-assessment's report, or a campaign participant's 360 report.

A self-assessment's report is read through its private link alone, as the
link was given to the person who answered. A 360 report belongs to a campaign:
the link is not enough, the reader signs in and must be allowed by
:mod:`twofold.web.accounts.access` (anyone else is told there is no such page),
and there is nothing to read, not even the participant's own scores, until the
participant's results are released. Every reading of a 360 report is written
to the organisation's audit log.

Views parse the request, ask the services for the report model and pick a
template; every number on the page comes from :mod:`twofold.reports`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from twofold.core.anonymity import ALL, DIRECT_REPORTS, OTHERS, PEERS
from twofold.core.instrument import Instrument
from twofold.reports.charts import groups_chart, plane_chart, practices_chart
from twofold.reports.model import Report
from twofold.web.accounts.access import viewer_for
from twofold.web.assessments import services
from twofold.web.assessments.decorators import private_link
from twofold.web.assessments.models import Assessment
from twofold.web.campaigns.groups import group_count
from twofold.web.campaigns.models import Participant
from twofold.web.campaigns.results import latest_release
from twofold.web.reports.services import campaign_report, may_read, participant_of, record_view


# same-origin, like the questionnaire: every page carries the header's sign-out
# form, which browsers would send with "Origin: null" under no-referrer (and
# Django's CSRF check refuse). The link still never reaches another site.
@private_link("same-origin")
@require_GET
def report(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment, report_token=token)
    participant = participant_of(assessment)
    if participant is not None:
        return _campaign_report(request, assessment, participant)
    if assessment.completed_at is None:
        return render(request, "reports/report_pending.html", {"assessment": assessment})
    result = services.report_for(assessment)
    instrument = services.instrument_for(assessment)
    context = {
        "assessment": assessment,
        "report": result,
        "instrument": instrument,
        **_certainty(instrument),
        # The charts are SVG made by our own code from numbers and names we control.
        "practices_svg": mark_safe(practices_chart(result)),
        "practices_wide_svg": mark_safe(practices_chart(result, wide=True)),
        "plane_svg": mark_safe(plane_chart(result)),
    }
    return render(request, "reports/report.html", context)


def _campaign_report(
    request: HttpRequest, assessment: Assessment, participant: Participant
) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_read(request.user, participant):
        raise Http404("No such report.")
    campaign = participant.campaign
    # Whoever may read the report may see its campaign: the way back to it.
    viewer = viewer_for(request.user, campaign.organisation)
    release = latest_release(participant)
    if release is None:
        waiting = {"participant": participant, "campaign": campaign, "viewer": viewer}
        return render(request, "reports/report_unreleased.html", waiting)
    result = campaign_report(participant, release)
    record_view(request.user, participant, release, "page")
    instrument = services.instrument_for(assessment)
    policy = campaign.anonymity_policy()
    context: dict[str, Any] = {
        "assessment": assessment,
        "participant": participant,
        "campaign": campaign,
        "viewer": viewer,
        "release": release,
        "report": result,
        "instrument": instrument,
        **_certainty(instrument),
        "thresholds": {
            **{g: group_count(g, policy.threshold(g)) for g in (PEERS, DIRECT_REPORTS, OTHERS)},
            ALL: ngettext("%(n)d rater in all", "%(n)d raters in all", policy.threshold(ALL))
            % {"n": policy.threshold(ALL)},
        },
        "manager_anonymous": policy.is_anonymous("manager"),
        "practice_sems": sorted({s.sem for s in instrument.scales if s.sem is not None}),
        "practice_sem_notes": list(
            dict.fromkeys(s.sem_source for s in instrument.scales if s.sem_source)
        ),
        "groups_svgs": [mark_safe(svg) for svg in groups_chart(result)],
        "groups_wide_svgs": [mark_safe(svg) for svg in groups_chart(result, wide=True)],
        "plane_svg": mark_safe(plane_chart(result)),
        "table_rows": _table_rows(result),
        "composite_rows": [
            (c.id, c.name, [g.composites.get(c.id) for g in result.shown_groups])
            for c in instrument.composites
        ],
    }
    return render(request, "reports/report_360.html", context)


def _certainty(instrument: Instrument) -> dict[str, Any]:
    """The composites' standard errors and where they come from, for "How sure is this?".

    ``sem_text`` lists the errors in one phrase: "0.16 points for leadership and
    0.16 points for management".
    """
    profile = instrument.profile
    composites = (
        [instrument.composite(profile.leadership), instrument.composite(profile.management)]
        if profile is not None
        else []
    )
    return {
        "sem_text": get_text_list(
            [
                _("%(sem)s points for %(name)s") % {"sem": localize(c.sem), "name": c.name.lower()}
                for c in composites
            ],
            _("and"),
        ),
        "sem_notes": list(dict.fromkeys(c.sem_source for c in composites if c.sem_source)),
    }


def _table_rows(report: Report) -> list[dict[str, Any]]:
    """One row per practice: its domain (where one starts), every shown group's score, agreement."""
    groups = report.shown_groups
    agreement = {a.practice_id: a for a in report.multirater.agreement} if report.multirater else {}
    practices = (
        [
            (p, d.name if p is d.leadership else "")
            for d in report.domains
            for p in (d.leadership, d.management)
        ]
        if report.domains
        else [(p, "") for p in report.practices]
    )
    return [
        {
            "practice": practice,
            "domain": domain,
            "scores": [(g, g.scales.get(practice.id)) for g in groups],
            "agreement": agreement.get(practice.id),
        }
        for practice, domain in practices
    ]
