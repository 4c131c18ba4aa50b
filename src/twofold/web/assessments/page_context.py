"""What a page of the questionnaire shows: its questions, comments and unanswered ones.

Built from a response set and its :class:`~twofold.web.assessments.links.Link`,
so the one template (``assessments/respond.html``) serves every link. Every
URL on the page comes from the link: a rater's page never carries the response
set's own token.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from twofold.content import questionnaire_texts
from twofold.core.answers import COMMENT_LIMIT, DOMAINS, OPEN_QUESTIONS
from twofold.core.instrument import Instrument
from twofold.core.questionnaire import page_of, pages, question
from twofold.web.assessments.forms import domain_field, open_field
from twofold.web.assessments.links import Link
from twofold.web.assessments.models import RaterRole, ResponseSet


@dataclass(frozen=True)
class Row:
    """One question as the page shows it."""

    number: int
    id: str
    text: str
    value: int | None
    not_observed: bool
    invalid: bool


@dataclass(frozen=True)
class Unanswered:
    number: int
    id: str
    text: str
    href: str


@dataclass(frozen=True)
class Comment:
    """One box an observer may write in: a page's comment or an open question."""

    name: str
    id: str
    label: str
    value: str


def _observer(response_set: ResponseSet) -> bool:
    return response_set.rater_role != RaterRole.SELF


def total_pages(instrument: Instrument, response_set: ResponseSet) -> int:
    """The questionnaire's pages, and an observer's last page of open questions."""
    return len(pages(instrument)) + _observer(response_set)


def unanswered(
    response_set: ResponseSet, link: Link, instrument: Instrument, number: int, missing: list[str]
) -> list[Unanswered]:
    """The unanswered questions as the error summary of page ``number`` links to them."""
    observer = _observer(response_set)
    result = []
    for item_id in missing:
        q = question(instrument, item_id)
        where = page_of(instrument, item_id).number
        href = f"#q-{item_id}" if where == number else f"{link.page_url(where)}#q-{item_id}"
        text = q.item.observer_text if observer else q.item.self_text
        result.append(Unanswered(q.number, item_id, text, href))
    return sorted(result, key=lambda u: u.number)


def still_missing(
    response_set: ResponseSet, instrument: Instrument, number: int, total: int
) -> list[str]:
    """What page ``number``'s error summary lists: its own unanswered questions, or on
    the last page, where the button submits, every unanswered question."""
    if number == total:
        return response_set.missing(instrument)
    return [i for i in pages(instrument)[number - 1].item_ids if i not in response_set.answers]


def page_response(
    request: HttpRequest,
    response_set: ResponseSet,
    link: Link,
    instrument: Instrument,
    number: int,
    *,
    missing: list[str] | None = None,
    problems: list[str] | None = None,
    drafts: Mapping[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Page ``number``: a page of questions, or an observer's last page of open questions.

    ``drafts`` are comments as posted (by field name) that could not be saved:
    shown again, so the rater can mend them instead of writing them anew.
    """
    observer = _observer(response_set)
    drafts = drafts or {}
    missing = missing or []
    texts = questionnaire_texts()
    all_pages = pages(instrument)
    total = total_pages(instrument, response_set)
    stored = response_set.comments if observer else {}
    context: dict[str, object] = {
        "link": link,
        "observer": observer,
        "number": number,
        "total": total,
        "is_last": number == total,
        "action": link.page_url(number),
        "answer_url": link.answer_url(),
        "comment_url": link.comment_url() if observer else None,
        "comment_limit": COMMENT_LIMIT,
        "instrument": instrument,
        "unanswered": unanswered(response_set, link, instrument, number, missing),
        "problems": problems or [],
    }
    if number > len(all_pages):  # an observer's open questions
        asked = texts["observer"]["open_questions"]
        context |= {
            "title": _("In your own words"),
            "description": _("Two last questions. Both are optional."),
            "rows": [],
            "comments": [
                Comment(
                    open_field(key),
                    f"open-{key}",
                    asked[key],
                    drafts.get(open_field(key), stored.get(key, "")),
                )
                for key in OPEN_QUESTIONS
            ],
        }
        return render(request, "assessments/respond.html", context, status=status)

    page = all_pages[number - 1]
    scale = instrument.response_scale
    answers = response_set.answers
    context |= {
        "title": page.title,
        "description": page.description,
        "rows": [
            Row(
                number=q.number,
                id=q.id,
                text=q.item.observer_text if observer else q.item.self_text,
                value=answers.get(q.id),
                not_observed=q.id in answers and answers[q.id] is None,
                invalid=q.id in missing,
            )
            for q in page.questions
        ],
        "options": [(value, scale.labels[value]) for value in scale.points],
        "not_observed": scale.not_observed if observer else None,
        "instruction": texts["instruction"]["observer" if observer else "self"],
        "answer_rule": texts["observer"]["answer_rule"] if observer else texts["answer_rule"],
        "comments": [
            Comment(
                domain_field(page.id),
                f"domain-{page.id}",
                _("Anything to add about %(area)s?") % {"area": page.title},
                drafts.get(domain_field(page.id), stored.get(DOMAINS, {}).get(page.id, "")),
            )
        ]
        if observer
        else [],
    }
    return render(request, "assessments/respond.html", context, status=status)
