"""Pages under /o/<slug>/: the organisation's home and its 360 campaigns."""

from django.urls import URLPattern, URLResolver, path

from twofold.web.campaigns import views_dashboard, views_progress, views_setup

app_name = "campaigns"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("campaigns/", views_progress.campaign_list, name="list"),
    path("campaigns/new/", views_setup.create, name="create"),
    path("campaigns/<int:pk>/", views_progress.detail, name="detail"),
    path("campaigns/<int:pk>/edit/", views_setup.edit, name="edit"),
    path("campaigns/<int:pk>/participants/", views_setup.participants, name="participants"),
    path("campaigns/<int:pk>/launch/", views_setup.launch, name="launch"),
    path("campaigns/<int:pk>/extend/", views_progress.extend, name="extend"),
    path("campaigns/<int:pk>/close/", views_progress.close, name="close"),
]
