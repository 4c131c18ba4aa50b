from django.urls import URLPattern, URLResolver, path

from twofold.web.audit import views

app_name = "audit"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.log, name="log"),
]
