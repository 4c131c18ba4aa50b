"""The questionnaire's pages, the same whichever link leads to them.

Each function here is the body of a view. The URL module that owns a link
(``/respond/…`` here, ``/rate/…`` in campaigns) resolves its token to a
response set, builds a :class:`~twofold.web.assessments.links.Link`, and calls
one of these with both; the pages, templates and fragments are shared
(docs/decisions/0015-one-questionnaire.md, 0018-answering-by-link.md).

An observer's questionnaire adds, on the same pages in the same order, a
"Not observed" option on every question and an optional comment on each page,
and ends with one more page: two open questions and the button that submits.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from twofold.core.answers import InvalidAnswersError
from twofold.core.questionnaire import page_of, pages
from twofold.web.assessments import services
from twofold.web.assessments.forms import (
    is_comment_field,
    parse_comment_fields,
    parse_form_value,
)
from twofold.web.assessments.links import Link
from twofold.web.assessments.models import AlreadySubmittedError, AnswersClosedError, ResponseSet
from twofold.web.assessments.page_context import (
    page_response,
    still_missing,
    total_pages,
    unanswered,
)

#: The status of a refused change once answering has ended (a GET gets the page with 200).
CLOSED = 409
STATUS_FRAGMENT = "assessments/_fragments/answer_status.html"


def _stopped(
    request: HttpRequest, response_set: ResponseSet, link: Link, status: int
) -> HttpResponse | None:
    """What to show instead of a page once the answers are in or answering has ended."""
    if response_set.is_submitted:
        return redirect(link.done_url())
    assessment = response_set.assessment
    if assessment.accepts_answers():
        return None
    return link.closed(request, assessment.answers_until, status)


def resume(request: HttpRequest, response_set: ResponseSet, link: Link) -> HttpResponse:
    """Continue at the first page with an unanswered question (the last page if none)."""
    stopped = _stopped(request, response_set, link, 200)
    if stopped is not None:
        return stopped
    instrument = services.instrument_for(response_set)
    missing = response_set.missing(instrument)
    number = page_of(instrument, missing[0]).number if missing else None
    return redirect(link.page_url(number or total_pages(instrument, response_set)))


def page(request: HttpRequest, response_set: ResponseSet, link: Link, number: int) -> HttpResponse:
    """Show page ``number`` (GET), or save it and go back, on, or submit (POST)."""
    stopped = _stopped(request, response_set, link, 200 if request.method == "GET" else CLOSED)
    if stopped is not None:
        return stopped
    instrument = services.instrument_for(response_set)
    total = total_pages(instrument, response_set)
    if not 1 <= number <= total:
        raise Http404("No such page.")
    if request.method == "GET":
        return page_response(request, response_set, link, instrument, number)

    asked = pages(instrument)[number - 1].item_ids if number <= len(pages(instrument)) else ()
    posted = {i: parse_form_value(request.POST[i]) for i in asked if i in request.POST}
    drafts = {k: str(v) for k, v in request.POST.items() if is_comment_field(k)}
    comments = parse_comment_fields(drafts.items())
    try:
        response_set.record(instrument, posted, comments=comments or None)
    except InvalidAnswersError as exc:
        return page_response(
            request,
            response_set,
            link,
            instrument,
            number,
            problems=exc.problems,
            drafts=drafts,
            status=400,
        )
    except AlreadySubmittedError:
        return redirect(link.done_url())
    except AnswersClosedError:
        return _closed_meanwhile(request, response_set, link)

    if request.POST.get("action") == "back":
        return redirect(link.page_url(max(number - 1, 1)))
    missing = [i for i in asked if i not in response_set.answers]
    if not missing and number < total:
        return redirect(link.page_url(number + 1))
    if not missing:
        try:
            missing = response_set.submit(instrument)
        except AnswersClosedError:
            return _closed_meanwhile(request, response_set, link)
        if not missing:
            return redirect(link.done_url())
    return page_response(
        request, response_set, link, instrument, number, missing=missing, status=422
    )


def _closed_meanwhile(request: HttpRequest, response_set: ResponseSet, link: Link) -> HttpResponse:
    """Answering ended between loading the set and saving to it: say when, as it is now."""
    response_set.assessment.refresh_from_db(fields=["answers_until"])
    return link.closed(request, response_set.assessment.answers_until, CLOSED)


def _refused(request: HttpRequest, response_set: ResponseSet, link: Link) -> HttpResponseBase:
    """An htmx save that came too late: to the done page, or a message in place."""
    if response_set.is_submitted:
        return HttpResponseClientRedirect(link.done_url())
    context = {"closed": True, "closed_on": response_set.assessment.answers_until}
    return render(request, STATUS_FRAGMENT, context, status=CLOSED)


def _not_saved(request: HttpRequest, error: str) -> HttpResponse:
    return render(request, STATUS_FRAGMENT, {"error": error}, status=400)


def save_answer(request: HttpRequest, response_set: ResponseSet, link: Link) -> HttpResponseBase:
    """Save one answer as soon as it is chosen (htmx); the page's form posts the same."""
    if response_set.is_submitted or not response_set.assessment.accepts_answers():
        return _refused(request, response_set, link)
    # "summary": the page shows the unanswered-questions box, which the reply updates.
    summary = request.POST.get("summary") == "1"
    posted = {
        k: parse_form_value(str(v))
        for k, v in request.POST.items()
        if k not in {"csrfmiddlewaretoken", "summary"}
    }
    if len(posted) != 1:
        return _not_saved(request, _("Send exactly one answer."))
    instrument = services.instrument_for(response_set)
    try:
        response_set.record(instrument, posted)
    except InvalidAnswersError as exc:
        return _not_saved(request, "; ".join(exc.problems))
    except (AlreadySubmittedError, AnswersClosedError):
        response_set.refresh_from_db()
        response_set.assessment.refresh_from_db()
        return _refused(request, response_set, link)
    context: dict[str, object] = {"saved": True}
    if summary:
        number = page_of(instrument, next(iter(posted))).number
        total = total_pages(instrument, response_set)
        missing = still_missing(response_set, instrument, number, total)
        context |= {
            "oob": True,
            "link": link,
            "title": pages(instrument)[number - 1].title,
            "number": number,
            "total": total,
            "is_last": number == total,
            "unanswered": unanswered(response_set, link, instrument, number, missing),
        }
    return render(request, STATUS_FRAGMENT, context)


def save_comment(request: HttpRequest, response_set: ResponseSet, link: Link) -> HttpResponseBase:
    """Save one comment when the rater leaves its box (htmx); the page's form posts
    the same. Saved on leaving, not as typed: see docs/decisions/0018."""
    if response_set.is_submitted or not response_set.assessment.accepts_answers():
        return _refused(request, response_set, link)
    fields = [(k, str(v)) for k, v in request.POST.items() if is_comment_field(k)]
    if len(fields) != 1:
        return _not_saved(request, _("Send exactly one comment."))
    instrument = services.instrument_for(response_set)
    try:
        response_set.record_comments(instrument, parse_comment_fields(fields))
    except InvalidAnswersError as exc:
        return _not_saved(request, "; ".join(exc.problems))
    except (AlreadySubmittedError, AnswersClosedError):
        response_set.refresh_from_db()
        response_set.assessment.refresh_from_db()
        return _refused(request, response_set, link)
    return render(request, STATUS_FRAGMENT, {"saved": True})
