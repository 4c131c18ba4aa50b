"""URL map of the web app.

/                           home: what Twofold is, start a self-assessment, demo reports
/start/                     POST: create a self-assessment, go to its questionnaire
/respond/<token>/           continue a questionnaire where it was left
/respond/<token>/<page>/    one page of the questionnaire
/respond/<token>/answer/    POST (htmx): save one answer
/report/<token>/            the report of a completed assessment
/api/                       JSON API; /api/docs and /api/openapi.json describe it
/admin/                     Django admin
"""

from django.contrib import admin
from django.urls import include, path, re_path

from twofold.web.api import api, api_not_found

urlpatterns = [
    path("", include("twofold.web.assessments.urls")),
    path("api/", api.urls),
    re_path(r"^api/", api_not_found),
    path("admin/", admin.site.urls),
]
