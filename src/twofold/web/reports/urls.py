from django.urls import path

from twofold.web.reports import views

app_name = "reports"

urlpatterns = [
    path("report/<slug:token>/", views.report, name="report"),
]
