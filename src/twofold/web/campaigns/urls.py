from django.urls import URLPattern, URLResolver, path

from twofold.web.campaigns import release_views

app_name = "campaigns"

urlpatterns: list[URLPattern | URLResolver] = [
    path("campaigns/<int:pk>/release/", release_views.release, name="release"),
    path("campaigns/<int:pk>/reopen/", release_views.reopen_campaign, name="reopen"),
]
