"""Pages under /o/<slug>/: the organisation's home and its 360 campaigns."""

from django.urls import URLPattern, URLResolver, path

from twofold.web.campaigns import (
    nomination_views,
    release_views,
    views_dashboard,
    views_progress,
    views_setup,
)

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
    path("campaigns/<int:pk>/release/", release_views.release, name="release"),
    path("campaigns/<int:pk>/reopen/", release_views.reopen_campaign, name="reopen"),
]

# Nominations and approvals.
_NOMINATIONS = "campaigns/<int:pk>/participants/<int:participant>/nominations/"
urlpatterns += [
    path("approvals/", nomination_views.approvals, name="approvals"),
    path(_NOMINATIONS, nomination_views.nominations_page, name="nominations"),
    path(f"{_NOMINATIONS}add/", nomination_views.add, name="nomination_add"),
    path(f"{_NOMINATIONS}submit/", nomination_views.submit, name="nominations_submit"),
    path(
        f"{_NOMINATIONS}approve-all/",
        nomination_views.approve_all,
        name="nominations_approve_all",
    ),
    path(
        f"{_NOMINATIONS}<int:invitation>/change/",
        nomination_views.change,
        name="nomination_change",
    ),
    path(
        f"{_NOMINATIONS}<int:invitation>/decide/",
        nomination_views.decide,
        name="nomination_decide",
    ),
]
