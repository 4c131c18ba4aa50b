from django.urls import path

from twofold.web.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("respond/<slug:token>/", views.respond, name="respond"),
    path("respond/<slug:token>/<int:number>/", views.respond_page, name="respond_page"),
    path("respond/<slug:token>/answer/", views.answer, name="answer"),
]
