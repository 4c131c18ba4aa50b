"""Pages of the organisations app, under /o/: my organisations, and each one's people and teams."""

from django.urls import URLPattern, URLResolver, path

from twofold.web.organisations import people_file_views, views

app_name = "organisations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("<slug:slug>/people/", views.people, name="people"),
    path("<slug:slug>/people/<int:pk>/", views.person, name="person"),
    path("<slug:slug>/people/import/", people_file_views.import_people, name="import"),
    path("<slug:slug>/people/export/", people_file_views.export_people, name="export"),
    path("<slug:slug>/teams/", views.teams, name="teams"),
]
