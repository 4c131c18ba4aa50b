"""URL map of the web app.

/                           home: what Twofold is, start a self-assessment, demo reports
/start/                     POST: create a self-assessment, go to its questionnaire
/respond/<token>/           continue a questionnaire where it was left
/respond/<token>/<page>/    one page of the questionnaire
/respond/<token>/answer/    POST (htmx): save one answer
/report/<token>/            the report of a completed assessment, self or 360
/rate/<token>/              a rater's personal link: the 360 questionnaire about a colleague
/accounts/                  sign in, sign out, reset or set a password, API tokens
/o/                         your organisations
/o/<slug>/                  an organisation's home: its campaigns, your nominations, your reports
/o/<slug>/people/           people and teams: list, import, export
/o/<slug>/members/          accounts and their roles
/o/<slug>/campaigns/        360 campaigns: set up, launch, follow, close, release
/o/<slug>/audit/            who read or exported which report, and who changed the rules
/api/                       JSON API; /api/docs and /api/openapi.json describe it
/admin/                     Django admin
"""

from django.contrib import admin
from django.urls import include, path, re_path

from twofold.web.accounts.admin import no_view_on_site
from twofold.web.api import api, api_not_found

urlpatterns = [
    path("", include("twofold.web.assessments.urls")),
    path("", include("twofold.web.reports.urls")),
    path("rate/", include("twofold.web.campaigns.rating_urls")),
    path("accounts/", include("twofold.web.accounts.urls")),
    path("o/<slug:slug>/members/", include("twofold.web.accounts.member_urls")),
    path("o/<slug:slug>/audit/", include("twofold.web.audit.urls")),
    path("o/", include("twofold.web.organisations.urls")),
    # Last under o/: the organisation's home page and its campaigns.
    path("o/<slug:slug>/", include("twofold.web.campaigns.urls")),
    path("api/", api.urls),
    re_path(r"^api/", api_not_found),
    # Before the admin's own: its "view on site" shortcut would hand out report links.
    path("admin/r/<path:content_type_id>/<path:object_id>/", no_view_on_site),
    path("admin/", admin.site.urls),
]
