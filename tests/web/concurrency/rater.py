"""A rater's browser, reduced to the requests the rater's form makes through their link.

What the pages do (``campaigns/rating_urls.py``, the questionnaire's templates):

* the link ``/rate/<token>/`` shows the intro; ``questions/`` redirects to the
  first page with an unanswered question (the last page once none is left);
  a page sets the ``csrftoken`` cookie;
* choosing an answer makes htmx POST that one field to ``answer/``, leaving a
  comment box POSTs that one field to ``comment/``; both carry the cookie, the
  token in ``X-CSRFToken``, ``HX-Request: true`` and the page's ``Origin``,
  and a saved one answers 200 with "Saved";
* the last page's button POSTs the form (its ``csrfmiddlewaretoken``, the open
  questions and ``action=next``): once every question has an answer, that
  submits, and the reply redirects to the link, which then thanks the rater.

Each request is on a connection of its own, as ``serve_bench`` does: the
harsher case for a server. An answer counts as acknowledged only when its
complete "Saved" reply arrived; a request that gets no reply raises
:class:`NoReplyError`.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.web.concurrency.campaign import TLMI
from tests.web.concurrency.server import WAIT_SECONDS

from twofold.core.questionnaire import pages
from twofold.web.assessments.forms import domain_field, open_field
from twofold.web.campaigns.models import Invitation

#: A radio button the page shows chosen: what the server has stored for that question.
CHECKED = re.compile(r'<input type="radio" name="([^"]+)" value="([^"]+)" checked>')
NOT_OBSERVED = "not_observed"
#: Pages of questions; the open questions and the button that submits follow them.
QUESTION_PAGES = len(pages(TLMI))

Answer = int | None


class NoReplyError(Exception):
    """The request got no complete reply: refused, reset or cut off."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Reply:
    status: int
    location: str
    text: str


def plan(seed: int) -> dict[str, Answer]:
    """A rater's answer to every question, about one in ten "Not observed"."""
    rng = random.Random(seed)
    return {item: None if rng.random() < 0.1 else rng.randint(1, 5) for item in TLMI.item_ids}


def two_streams(answers: dict[str, Answer]) -> list[list[tuple[str, Answer]]]:
    """A rater's answers as two streams saved at once: a rater clicking faster than the
    replies come, so that two saves to one response set overlap."""
    ordered = list(answers.items())
    return [ordered[0::2], ordered[1::2]]


def form_value(value: Answer) -> str:
    return NOT_OBSERVED if value is None else str(value)


@dataclass
class Rater:
    """One rater's link on one server, and what they sent and had acknowledged."""

    invitation: Invitation
    port: int
    csrf: str = ""
    acknowledged: dict[str, Answer] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def link(self) -> str:
        return f"/rate/{self.invitation.token}/"

    def request(
        self, method: str, path: str, fields: dict[str, str] | None = None, htmx: bool = False
    ) -> Reply:
        headers = {"Connection": "close"}
        if self.csrf:
            headers["Cookie"] = f"csrftoken={self.csrf}"
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        if htmx:
            headers["HX-Request"] = "true"
            headers["X-CSRFToken"] = self.csrf
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT_SECONDS)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode()
            cookies = SimpleCookie(response.headers.get("Set-Cookie", ""))
        except ConnectionRefusedError:
            raise NoReplyError("refused") from None
        except (OSError, http.client.HTTPException) as exc:
            raise NoReplyError(type(exc).__name__) from None
        finally:
            connection.close()
        if "csrftoken" in cookies:
            self.csrf = cookies["csrftoken"].value
        return Reply(response.status, response.headers.get("Location", ""), text)

    def open(self) -> Reply:
        """Open the link, then the questionnaire where it continues."""
        intro = self.request("GET", self.link)
        assert intro.status == 200, intro
        resume = self.request("GET", f"{self.link}questions/")
        assert resume.status == 302, resume
        page = self.request("GET", resume.location)
        assert page.status == 200, page
        assert self.csrf, "the questionnaire set no CSRF cookie"
        return resume

    def answer(self, item: str, value: Answer) -> bool:
        """Choose one answer; True when the server said it is saved."""
        reply = self.request("POST", f"{self.link}answer/", {item: form_value(value)}, htmx=True)
        saved = reply.status == 200 and "Saved" in reply.text
        if saved:
            with self._lock:
                self.acknowledged[item] = value
        return saved

    def comment(self, name: str, text: str) -> bool:
        """Leave a comment box; True when the server said it is saved."""
        reply = self.request("POST", f"{self.link}comment/", {name: text}, htmx=True)
        return reply.status == 200 and "Saved" in reply.text

    def submit(self, strength: str, change: str) -> Reply:
        """Post the last page, with the two open questions answered."""
        last = f"{self.link}{QUESTION_PAGES + 1}/"
        fields = {
            "csrfmiddlewaretoken": self.csrf,
            open_field("strength"): strength,
            open_field("change"): change,
            "action": "next",
        }
        return self.request("POST", last, fields)

    def read_back(self) -> dict[str, Answer]:
        """Every answer the questionnaire's pages show as chosen."""
        shown: dict[str, Answer] = {}
        for number in range(1, QUESTION_PAGES + 1):
            page = self.request("GET", f"{self.link}{number}/")
            assert page.status == 200, page
            for item, value in CHECKED.findall(page.text):
                shown[item] = None if value == NOT_OBSERVED else int(value)
        return shown


def domain_comment(number: int) -> str:
    """The comment field of question page ``number`` (1-based)."""
    return domain_field(pages(TLMI)[number - 1].id)
