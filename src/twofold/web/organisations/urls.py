from django.urls import URLPattern, URLResolver, path

from twofold.web.organisations import views

app_name = "organisations"

urlpatterns: list[URLPattern | URLResolver] = [
    # A placeholder until the organisations pages replace it: where signing in lands.
    path("", views.home, name="home"),
]
