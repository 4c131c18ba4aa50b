"""What a link to a questionnaire decides: the seam between the questionnaire and its links.

The questionnaire's pages (:mod:`twofold.web.assessments.answering`) are the
same for everyone who answers (docs/decisions/0015-one-questionnaire.md).
What differs is the link that leads to them: a self-assessment's respond link,
or a rater's personal link to a campaign. The URL module that resolved the
token builds a :class:`Link` and hands it over with the response set; the
pages ask it for their URLs, where to go once the answers are in, and what to
say once answering has ended. So the pages never need to know what a link
resolves to, and this app never imports the apps built on it
(docs/decisions/0018-answering-by-link.md).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from twofold.web.assessments.models import ResponseSet


class Link(ABC):
    """One way into the questionnaire of one response set.

    Never put the response set's ``respond_token`` in a URL built here unless
    the link *is* that token: a rater's set is reached only through their
    invitation, and its respond token is shown nowhere.
    """

    #: A line above the questions saying whom they are about, when not oneself.
    about: str = ""
    #: Under an observer's comment boxes: who will read what they write, and when.
    comment_note: str = ""

    @abstractmethod
    def page_url(self, number: int) -> str:
        """The address of page ``number`` (1-based) of this questionnaire."""

    @abstractmethod
    def answer_url(self) -> str:
        """Where htmx posts one answer as soon as it is chosen."""

    def comment_url(self) -> str | None:
        """Where htmx posts one comment as it is left; None: comments are saved
        with their page only."""
        return None

    @abstractmethod
    def done_url(self) -> str:
        """Where the link leads once the answers are submitted."""

    @property
    @abstractmethod
    def finish_label(self) -> str:
        """The last page's button."""

    @abstractmethod
    def closed(self, request: HttpRequest, closed_on: datetime | None, status: int) -> HttpResponse:
        """The polite page shown on every route once answering has ended."""


class SelfLink(Link):
    """``/respond/<respond_token>/``: a person's own questionnaire about themself."""

    def __init__(self, response_set: ResponseSet) -> None:
        self.response_set = response_set
        self.token = response_set.respond_token

    def page_url(self, number: int) -> str:
        return reverse("assessments:respond_page", args=[self.token, number])

    def answer_url(self) -> str:
        return reverse("assessments:answer", args=[self.token])

    def done_url(self) -> str:
        """The report: for a campaign's participant, it says when it will be ready."""
        return self.response_set.assessment.get_absolute_url()

    @property
    def finish_label(self) -> str:
        # A campaign's self-assessment has no report of its own until release.
        if self.response_set.assessment.answers_until is None:
            return str(_("See my report"))
        return str(_("Submit my answers"))

    def closed(self, request: HttpRequest, closed_on: datetime | None, status: int) -> HttpResponse:
        context = {"closed_on": closed_on}
        return render(request, "assessments/closed.html", context, status=status)
