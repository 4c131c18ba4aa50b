"""The self-assessment's pages: start, and answer through the respond link.

Views parse the request, call the services and models, and pick a template.
The questionnaire itself is :mod:`twofold.web.assessments.answering`, shared
with every other link to it; the views here resolve a respond token to its
self response set and hand it over with a :class:`SelfLink`. Pages reached
through a secret link carry the :func:`private_link` headers.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from twofold.web.assessments import answering, services
from twofold.web.assessments.decorators import private_link
from twofold.web.assessments.forms import StartForm
from twofold.web.assessments.links import SelfLink
from twofold.web.assessments.models import RaterRole, ResponseSet

#: Referrer policy of pages that post forms (see :func:`private_link`).
FORMS = "same-origin"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return _home(request, StartForm())


def _home(request: HttpRequest, form: StartForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "demos": services.demo_regions()}
    return render(request, "assessments/home.html", context, status=status)


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        return _home(request, form, status=400)
    response_set = services.start_self_assessment(form.cleaned_data["subject_name"])
    return redirect("assessments:respond", response_set.respond_token)


def _self_set(token: str) -> ResponseSet:
    """The self response set of ``token``. A rater's set is reached only through
    their invitation, never by its respond token (docs/decisions/0018)."""
    queryset = ResponseSet.objects.select_related("assessment")
    return get_object_or_404(queryset, respond_token=token, rater_role=RaterRole.SELF)


@private_link(FORMS)
@require_GET
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The respond link: continue at the first page with an unanswered question."""
    response_set = _self_set(token)
    return answering.resume(request, response_set, SelfLink(response_set))


@private_link(FORMS)
@require_http_methods(["GET", "POST"])
def respond_page(request: HttpRequest, token: str, number: int) -> HttpResponse:
    response_set = _self_set(token)
    return answering.page(request, response_set, SelfLink(response_set), number)


@private_link(FORMS)
@require_POST
def answer(request: HttpRequest, token: str) -> HttpResponseBase:
    """Save one answer as soon as it is chosen (htmx); the page's form posts the same."""
    response_set = _self_set(token)
    return answering.save_answer(request, response_set, SelfLink(response_set))
