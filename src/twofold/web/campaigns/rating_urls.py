from django.urls import URLPattern, URLResolver, path

from twofold.web.campaigns import decline_views

app_name = "rating"

urlpatterns: list[URLPattern | URLResolver] = []

# A rater declines (the link is in every email a rater gets).
urlpatterns += [
    path("<slug:token>/decline/", decline_views.decline, name="decline"),
]
