"""The report pages: a self-assessment's report, read through its private link.

Views parse the request, ask the services for the report model and pick a
template; every number on the page comes from :mod:`twofold.reports`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from twofold.reports.charts import plane_chart, practices_chart
from twofold.web.assessments import services
from twofold.web.assessments.decorators import private_link
from twofold.web.assessments.models import Assessment


@private_link()
@require_GET
def report(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment, report_token=token)
    if assessment.completed_at is None:
        return render(request, "reports/report_pending.html", {"assessment": assessment})
    result = services.report_for(assessment)
    instrument = services.instrument_for(assessment)
    profile = instrument.profile
    composites = (
        [instrument.composite(profile.leadership), instrument.composite(profile.management)]
        if profile is not None
        else []
    )
    context = {
        "assessment": assessment,
        "report": result,
        "instrument": instrument,
        "sem_sources": [(c.name, c.sem) for c in composites],
        "sem_notes": list(dict.fromkeys(c.sem_source for c in composites if c.sem_source)),
        # The charts are SVG made by our own code from numbers and names we control.
        "practices_svg": mark_safe(practices_chart(result)),
        "practices_wide_svg": mark_safe(practices_chart(result, wide=True)),
        "plane_svg": mark_safe(plane_chart(result)),
    }
    return render(request, "reports/report.html", context)
