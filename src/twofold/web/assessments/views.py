"""The self-assessment pages: start, and answer page by page.

Views parse the request, call the services and models, and pick a template.
Pages reached through a secret link carry the :func:`private_link` headers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from twofold.content import questionnaire_texts
from twofold.core.answers import InvalidAnswersError
from twofold.core.instrument import Instrument
from twofold.core.questionnaire import Page, page_of, pages, question
from twofold.web.assessments import services
from twofold.web.assessments.decorators import private_link
from twofold.web.assessments.forms import StartForm, parse_form_value
from twofold.web.assessments.models import AlreadySubmittedError, RaterRole, ResponseSet

#: Referrer policy of pages that post forms (see :func:`private_link`).
FORMS = "same-origin"


@dataclass(frozen=True)
class Row:
    """One question as the page shows it."""

    number: int
    id: str
    text: str
    value: int | None
    invalid: bool


@dataclass(frozen=True)
class Unanswered:
    number: int
    id: str
    text: str
    href: str


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


def _response_set(token: str) -> ResponseSet:
    queryset = ResponseSet.objects.select_related("assessment")
    return get_object_or_404(queryset, respond_token=token)


def _after_submission(response_set: ResponseSet) -> HttpResponse:
    if response_set.rater_role == RaterRole.SELF:
        return redirect(response_set.assessment)
    raise Http404("Observer responses have no page yet.")


@private_link(FORMS)
@require_GET
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The respond link: continue at the first page with an unanswered question."""
    response_set = _response_set(token)
    if response_set.is_submitted:
        return _after_submission(response_set)
    instrument = services.instrument_for(response_set)
    missing = response_set.missing(instrument)
    number = page_of(instrument, missing[0]).number if missing else len(pages(instrument))
    return redirect("assessments:respond_page", token, number)


@private_link(FORMS)
@require_http_methods(["GET", "POST"])
def respond_page(request: HttpRequest, token: str, number: int) -> HttpResponse:
    response_set = _response_set(token)
    if response_set.is_submitted:
        return _after_submission(response_set)
    instrument = services.instrument_for(response_set)
    all_pages = pages(instrument)
    if not 1 <= number <= len(all_pages):
        raise Http404("No such page.")
    page = all_pages[number - 1]
    if request.method == "GET":
        return _page(request, response_set, instrument, page)

    posted = {
        i: parse_form_value(request.POST.get(i, "")) for i in page.item_ids if i in request.POST
    }
    try:
        response_set.record(instrument, posted)
    except InvalidAnswersError as exc:
        return _page(request, response_set, instrument, page, problems=exc.problems, status=400)
    except AlreadySubmittedError:
        return _after_submission(response_set)

    if request.POST.get("action") == "back":
        return redirect("assessments:respond_page", token, max(number - 1, 1))
    missing = [i for i in page.item_ids if i not in response_set.answers]
    if not missing and number < len(all_pages):
        return redirect("assessments:respond_page", token, number + 1)
    if not missing:
        missing = response_set.submit(instrument)
        if not missing:
            return redirect(response_set.assessment)
    return _page(request, response_set, instrument, page, missing=missing, status=422)


def _page(
    request: HttpRequest,
    response_set: ResponseSet,
    instrument: Instrument,
    page: Page,
    *,
    missing: list[str] | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    observer = response_set.rater_role != RaterRole.SELF
    missing = missing or []
    rows = [
        Row(
            number=q.number,
            id=q.id,
            text=q.item.observer_text if observer else q.item.self_text,
            value=response_set.answers.get(q.id),
            invalid=q.id in missing,
        )
        for q in page.questions
    ]
    scale = instrument.response_scale
    total = len(pages(instrument))
    texts = questionnaire_texts()
    context = {
        "response_set": response_set,
        "instrument": instrument,
        "page": page,
        "total": total,
        "is_last": page.number == total,
        "rows": rows,
        "options": [(value, scale.labels[value]) for value in scale.points],
        "unanswered": _unanswered(response_set, instrument, page, missing),
        "problems": problems or [],
        "instruction": texts["instruction"]["observer" if observer else "self"],
        "answer_rule": texts["answer_rule"],
        "answered": len(response_set.answers),
        "n_items": len(instrument.item_ids),
    }
    return render(request, "assessments/respond.html", context, status=status)


def _unanswered(
    response_set: ResponseSet, instrument: Instrument, page: Page, missing: list[str]
) -> list[Unanswered]:
    """The unanswered questions as the error summary links to them, from ``page``."""
    observer = response_set.rater_role != RaterRole.SELF
    result = []
    for item_id in missing:
        q = question(instrument, item_id)
        where = page_of(instrument, item_id).number
        url = reverse("assessments:respond_page", args=[response_set.respond_token, where])
        href = f"#q-{item_id}" if where == page.number else f"{url}#q-{item_id}"
        text = q.item.observer_text if observer else q.item.self_text
        result.append(Unanswered(q.number, item_id, text, href))
    return result


def _still_missing(response_set: ResponseSet, instrument: Instrument, page: Page) -> list[str]:
    """What the page's error summary lists: the page's own unanswered questions, or on
    the last page, where Submit checks them all, every unanswered question."""
    if page.number == len(pages(instrument)):
        return response_set.missing(instrument)
    return [i for i in page.item_ids if i not in response_set.answers]


@private_link(FORMS)
@require_POST
def answer(request: HttpRequest, token: str) -> HttpResponseBase:
    """Save one answer as soon as it is chosen (htmx); the page's form posts the same."""
    response_set = _response_set(token)
    if response_set.is_submitted:
        return HttpResponseClientRedirect(response_set.assessment.get_absolute_url())
    # "summary": the page shows the unanswered-questions box, which the reply updates.
    summary = request.POST.get("summary") == "1"
    posted = {
        k: parse_form_value(str(v))
        for k, v in request.POST.items()
        if k not in {"csrfmiddlewaretoken", "summary"}
    }
    template = "assessments/_fragments/answer_status.html"
    if len(posted) != 1:
        message = "Send exactly one answer."
        return render(request, template, {"error": message}, status=400)
    instrument = services.instrument_for(response_set)
    try:
        response_set.record(instrument, posted)
    except InvalidAnswersError as exc:
        return render(request, template, {"error": "; ".join(exc.problems)}, status=400)
    except AlreadySubmittedError:
        return HttpResponseClientRedirect(response_set.assessment.get_absolute_url())
    context: dict[str, object] = {"saved": True}
    if summary:
        page = page_of(instrument, next(iter(posted)))
        missing = _still_missing(response_set, instrument, page)
        total = len(pages(instrument))
        context |= {
            "oob": True,
            "page": page,
            "total": total,
            "is_last": page.number == total,
            "unanswered": _unanswered(response_set, instrument, page, missing),
        }
    return render(request, template, context)
