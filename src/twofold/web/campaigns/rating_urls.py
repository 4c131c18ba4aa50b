"""A rater's personal link, mounted at ``/rate/`` (namespace ``rating``).

/rate/<token>/              the invitation: intro, or what became of it
/rate/<token>/decline/      "I can't rate this person", with a confirm step
/rate/<token>/questions/    start, or continue at the first unanswered question
/rate/<token>/<page>/       one page of the questionnaire
/rate/<token>/answer/       POST (htmx): save one answer
/rate/<token>/comment/      POST (htmx): save one comment
"""

from django.urls import path

from twofold.web.campaigns import rating_views

app_name = "rating"

urlpatterns = [
    path("<slug:token>/", rating_views.start, name="start"),
    path("<slug:token>/decline/", rating_views.decline, name="decline"),
    path("<slug:token>/questions/", rating_views.resume, name="resume"),
    path("<slug:token>/<int:number>/", rating_views.page, name="page"),
    path("<slug:token>/answer/", rating_views.answer, name="answer"),
    path("<slug:token>/comment/", rating_views.comment, name="comment"),
]
