"""A rater answers through their personal link in a real (headless) Chromium.

As in the self-assessment's browser test, the tests wait on events, never on
the clock: an answer is saved when the htmx request that carries exactly that
value has had its reply, and Playwright's ``expect`` waits for what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Locator, Page, Response, expect
from pytest_django.live_server_helper import LiveServer
from tests.web.rating.raters import PARTICIPANT, invite_rater

from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns.models import Invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
LABELS = ("Rarely", "Occasionally", "Sometimes", "Often", "Almost always")


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots go to a temporary directory, never into the repository."""
    return tmp_path_factory.mktemp("rater-screenshots")


@pytest.fixture
def invitation() -> Invitation:
    return invite_rater()


def _posts(route: str, field: str, value: str) -> Callable[[Response], bool]:
    def matches(response: Response) -> bool:
        if not response.url.endswith(f"/{route}/") or response.request.method != "POST":
            return False
        return parse_qs(response.request.post_data or "").get(field) == [value]

    return matches


@contextmanager
def _saving(page: Page, field: str, value: str, route: str = "answer") -> Iterator[None]:
    """Run the block, then wait until the server has answered the save of this value."""
    with page.expect_response(_posts(route, field, value)) as reply:
        yield
    assert reply.value.ok, f"saving {field}={value!r} failed: {reply.value.status}"


def _questions(page: Page) -> list[Locator]:
    return page.locator("fieldset.question").all()


def _id(question: Locator) -> str:
    return str(question.get_attribute("id")).removeprefix("q-")


def _answer(page: Page, questions: list[Locator], value: int = 4) -> None:
    for question in questions:
        with _saving(page, _id(question), str(value)):
            question.get_by_role("radio", name=LABELS[value - 1], exact=True).check()


def _next(page: Page, number: int) -> None:
    page.get_by_role("button", name="Next").click()
    page.wait_for_url(f"**/{number}/")


def _rater_set(invitation: Invitation) -> ResponseSet:
    return ResponseSet.objects.get(invitation=invitation)


def test_it_takes_a_rater_through_the_form_on_a_phone(
    page: Page, live_server: LiveServer, invitation: Invitation, shots: Path
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/rate/{invitation.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your feedback on {PARTICIPANT}")
    page.screenshot(path=shots / "intro.png", full_page=True)
    page.get_by_role("link", name="Start").click()
    page.wait_for_url("**/1/")

    # Page 1: one "Not observed", and a comment saved when the rater leaves the box.
    first, *others = _questions(page)
    not_observed = _id(first)
    with _saving(page, not_observed, "not_observed"):
        first.get_by_role("radio", name="Not observed").check()
    _answer(page, others)
    box = page.get_by_label("Anything to add about Direction?")
    with _saving(page, "domain:direction", "Clear about where we go.", route="comment"):
        box.fill("Clear about where we go.")
        box.blur()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"
    page.screenshot(path=shots / "page-with-comment.png", full_page=True)
    _next(page, 2)

    # Midway through page 2 the phone reloads: what was chosen is still there.
    half = _questions(page)[:3]
    _answer(page, half, 2)
    page.reload()
    for question in half:
        expect(question.get_by_role("radio", name="Occasionally")).to_be_checked()
    _answer(page, _questions(page)[3:], 2)
    _next(page, 3)

    for number in range(3, 9):
        _answer(page, _questions(page), 3 + number % 3)
        _next(page, number + 1)

    expect(page.get_by_role("heading", level=1)).to_have_text("In your own words")
    page.get_by_label("What is this person’s greatest strength?").fill("Stays calm and listens.")
    page.screenshot(path=shots / "last-page.png", full_page=True)
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_url(f"**/rate/{invitation.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your answers are in")
    page.screenshot(path=shots / "thanks.png", full_page=True)

    stored = _rater_set(invitation)
    assert stored.is_submitted
    assert len(stored.answers) == 48
    assert [i for i, v in stored.answers.items() if v is None] == [not_observed]
    assert stored.comments == {
        "domains": {"direction": "Clear about where we go."},
        "strength": "Stays calm and listens.",
    }


def test_it_answers_a_page_by_keyboard_alone(
    page: Page, live_server: LiveServer, invitation: Invitation
) -> None:
    page.goto(f"{live_server.url}/rate/{invitation.token}/")
    # The skip link, then Start: the first thing to focus in the page's content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Start")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/1/")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    questions = _questions(page)
    ids = [_id(q) for q in questions]
    for position, question in enumerate(questions):
        page.keyboard.press("Tab")
        expect(question.locator("input[type=radio]").first).to_be_focused()
        if position == 0:
            # From the first option, going back wraps round to "Not observed".
            with _saving(page, _id(question), "not_observed"):
                page.keyboard.press("ArrowLeft")
            expect(question.get_by_role("radio", name="Not observed")).to_be_checked()
            continue
        page.keyboard.press("ArrowRight")  # "Occasionally", saved at once
        with _saving(page, _id(question), "3"):
            page.keyboard.press("ArrowRight")
        expect(question.get_by_role("radio", name="Sometimes")).to_be_checked()

    page.keyboard.press("Tab")
    expect(page.get_by_label("Anything to add about Direction?")).to_be_focused()
    page.keyboard.type("Plans well.")
    page.keyboard.press("Enter")  # a new line in the box, not a submission
    page.keyboard.type("Explains why.")
    with _saving(page, "domain:direction", "Plans well.\nExplains why.", route="comment"):
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Next")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/2/")

    stored = _rater_set(invitation)
    assert stored.answers == {ids[0]: None} | dict.fromkeys(ids[1:], 3)
    assert stored.comments == {"domains": {"direction": "Plans well.\nExplains why."}}
