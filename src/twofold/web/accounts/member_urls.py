"""The members page of an organisation, at /o/<slug>/members/: administrators only."""

from django.urls import URLPattern, URLResolver, path

from twofold.web.accounts import member_views as views

app_name = "members"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.member_list, name="list"),
    path("invite/", views.invite, name="invite"),
    path("<int:membership_id>/role/", views.change_role, name="change_role"),
    path("<int:membership_id>/remove/", views.remove, name="remove"),
    path("<int:membership_id>/invitation/", views.resend_invitation, name="resend_invitation"),
    path("<int:membership_id>/coachees/", views.assign, name="assign"),
    path(
        "<int:membership_id>/coachees/<int:person_id>/remove/",
        views.unassign,
        name="unassign",
    ),
]
