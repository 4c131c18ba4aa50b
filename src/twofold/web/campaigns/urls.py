from django.urls import URLPattern, URLResolver, path

from twofold.web.campaigns import nomination_views

app_name = "campaigns"

urlpatterns: list[URLPattern | URLResolver] = []

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
