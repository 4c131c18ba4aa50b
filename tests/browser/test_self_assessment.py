"""A person takes the whole self-assessment in a real (headless) Chromium."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from twofold.web.assessments.demo import seed_demo
from twofold.web.assessments.models import ResponseSet

pytestmark = pytest.mark.browser

LABELS = ("Rarely", "Occasionally", "Sometimes", "Often", "Almost always")


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots go to a temporary directory, never into the repository."""
    return tmp_path_factory.mktemp("screenshots")


def _wait_until_saved(item_id: str, value: int, timeout: float = 10.0) -> None:
    """Poll the database until the htmx save of one answer has landed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ResponseSet.objects.get().answers.get(item_id) == value:
            return
        time.sleep(0.05)
    raise AssertionError(f"{item_id} was not saved as {value}")


def _questions(page: Page) -> list[Locator]:
    return page.locator("fieldset.question").all()


def _value_for(position: int) -> int:
    """Leadership items (first of each pair on a page) high, management items low."""
    return 5 if position % 2 == 0 else 2


def _answer_by_clicking(page: Page, skip: str | None = None) -> None:
    for position, question in enumerate(_questions(page)):
        item_id = str(question.get_attribute("id")).removeprefix("q-")
        if item_id == skip:
            continue
        value = _value_for(position)
        question.get_by_role("radio", name=LABELS[value - 1], exact=True).check()
        _wait_until_saved(item_id, value)


def _answer_with_the_keyboard(page: Page) -> None:
    """Tab into each radio group, Space picks 'Rarely', arrow keys move along the scale."""
    page.locator("main").focus()
    for position, question in enumerate(_questions(page)):
        page.keyboard.press("Tab")
        expect(question.locator("input[type=radio]").first).to_be_focused()
        page.keyboard.press("Space")
        for _ in range(_value_for(position) - 1):
            page.keyboard.press("ArrowRight")
        item_id = str(question.get_attribute("id")).removeprefix("q-")
        expect(question.get_by_role("radio", name=LABELS[_value_for(position) - 1])).to_be_checked()
        _wait_until_saved(item_id, _value_for(position))


def _next(page: Page, number: int) -> None:
    page.get_by_role("button", name="Next").click()
    page.wait_for_url(f"**/{number}/")


def test_it_takes_the_whole_questionnaire(page: Page, live_server: LiveServer, shots: Path) -> None:
    page.goto(live_server.url + "/")
    page.get_by_label("Your name (optional)").fill("Casey Tester")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.wait_for_url("**/respond/*/1/")
    expect(page.get_by_role("progressbar", name="Page 1 of 8")).to_be_visible()

    _answer_with_the_keyboard(page)
    _next(page, 2)

    # One question left out: Next stays on the page and names it.
    missing = str(_questions(page)[-1].get_attribute("id")).removeprefix("q-")
    _answer_by_clicking(page, skip=missing)
    page.get_by_role("button", name="Next").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("One question has no answer yet")
    expect(summary).to_contain_text("Question 12:")
    expect(page.locator(f"#q-{missing}")).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=shots / "missing-answer.png", full_page=True)
    summary.get_by_role("link").click()
    page.locator(f"#q-{missing}").get_by_role("radio", name="Occasionally").check()
    _wait_until_saved(missing, 2)
    _next(page, 3)

    # Answers saved by htmx survive a reload.
    _answer_by_clicking(page)
    page.reload()
    for position, question in enumerate(_questions(page)):
        label = LABELS[_value_for(position) - 1]
        expect(question.get_by_role("radio", name=label, exact=True)).to_be_checked()
    _next(page, 4)

    # Back goes to the previous page, answers intact.
    page.get_by_role("button", name="Back").click()
    page.wait_for_url("**/3/")
    expect(page.locator("input[type=radio]:checked")).to_have_count(6)
    _next(page, 4)

    for number in range(4, 8):
        _answer_by_clicking(page)
        _next(page, number + 1)
    _answer_by_clicking(page)
    page.get_by_role("button", name="See my report").click()
    page.wait_for_url("**/report/*/")

    expect(page.locator(".region-badge__name")).to_have_text("Visionary")
    expect(page.locator("figure.chart svg")).to_have_count(2)
    expect(page.get_by_role("heading", name="Where to develop")).to_be_visible()
    assert page.locator(".activity").count() >= 2
    page.screenshot(path=shots / "report.png", full_page=True)


def test_it_fits_a_phone_screen(page: Page, live_server: LiveServer, shots: Path) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.wait_for_url("**/respond/*/1/")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways: {width}px wide"
    page.screenshot(path=shots / "phone-questionnaire.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_chart_text_readable_on_a_phone(
    page: Page, live_server: LiveServer, shots: Path
) -> None:
    # Inline SVG scales with its width: drawn too wide, its labels shrink below what a
    # phone can show legibly. 11 CSS pixels is the smallest text the page itself uses.
    assessment, _ = seed_demo()[0]
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + assessment.get_absolute_url())
    for chart in ("plane", "practices"):
        heights = page.locator(f".chart--{chart} svg text").evaluate_all(
            "texts => texts.filter(t => t.textContent.trim())"
            ".map(t => { const m = t.getScreenCTM();"  # rotated labels scale through b
            " return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); })"
        )
        assert heights, f"the {chart} chart has no text"
        assert min(heights) >= 11, f"{chart} chart text is {min(heights):.1f}px on a phone"
    page.screenshot(path=shots / "phone-report.png", full_page=True)
