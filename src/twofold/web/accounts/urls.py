"""Accounts at /accounts/: sign in and out, passwords, and personal API tokens."""

from django.urls import URLPattern, URLResolver, path

from twofold.web.accounts import token_views, views

app_name = "accounts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("password_reset/", views.ResetRequestView.as_view(), name="password_reset"),
    path("password_reset/done/", views.ResetSentView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", views.ResetCompleteView.as_view(), name="password_reset_complete"),
    path("set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", token_views.revoke, name="revoke_token"),
]
