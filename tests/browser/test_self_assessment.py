"""A person takes the whole self-assessment in a real (headless) Chromium.

The tests wait on events, never on the clock: an answer is saved when the htmx
request for exactly that value has had its reply (:func:`_saving`), and
Playwright's ``expect`` waits for what the page shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Locator, Page, Response, expect
from pytest_django.live_server_helper import LiveServer

from twofold.web.assessments.demo import seed_demo
from twofold.web.assessments.models import Assessment, ResponseSet

pytestmark = pytest.mark.browser

LABELS = ("Rarely", "Occasionally", "Sometimes", "Often", "Almost always")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
#: The demo reports print on 4 A4 pages (the last one about half full); 7 or 8
#: without the print stylesheet.
MAX_PRINTED_PAGES = 4


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots go to a temporary directory, never into the repository."""
    return tmp_path_factory.mktemp("screenshots")


def _is_save(item_id: str, value: int) -> Callable[[Response], bool]:
    def matches(response: Response) -> bool:
        if not response.url.endswith("/answer/") or response.request.method != "POST":
            return False
        posted = parse_qs(response.request.post_data or "")
        return posted.get(item_id) == [str(value)]

    return matches


@contextmanager
def _saving(page: Page, item_id: str, value: int) -> Iterator[None]:
    """Run the block, then wait until the server has answered the save of this value."""
    with page.expect_response(_is_save(item_id, value)) as reply:
        yield
    assert reply.value.ok, f"saving {item_id}={value} failed: {reply.value.status}"


def _id(question: Locator) -> str:
    return str(question.get_attribute("id")).removeprefix("q-")


def _questions(page: Page) -> list[Locator]:
    return page.locator("fieldset.question").all()


def _value_for(position: int) -> int:
    """Leadership items (first of each pair on a page) high, management items low."""
    return 5 if position % 2 == 0 else 2


def _answer_by_clicking(page: Page, skip: tuple[str, ...] = ()) -> None:
    for position, question in enumerate(_questions(page)):
        if _id(question) in skip:
            continue
        value = _value_for(position)
        with _saving(page, _id(question), value):
            question.get_by_role("radio", name=LABELS[value - 1], exact=True).check()


def _answer_with_the_keyboard(page: Page) -> None:
    """Tab into each radio group, Space picks 'Rarely', arrow keys move along the scale."""
    page.locator("main").focus()
    for position, question in enumerate(_questions(page)):
        page.keyboard.press("Tab")
        expect(question.locator("input[type=radio]").first).to_be_focused()
        value = _value_for(position)
        presses = ["Space", *["ArrowRight"] * (value - 1)]
        for key in presses[:-1]:
            page.keyboard.press(key)
        # htmx queues the last of several quick changes: wait for the final value.
        with _saving(page, _id(question), value):
            page.keyboard.press(presses[-1])
        expect(question.get_by_role("radio", name=LABELS[value - 1])).to_be_checked()


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
    missing = _id(_questions(page)[-1])
    _answer_by_clicking(page, skip=(missing,))
    page.get_by_role("button", name="Next").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("One question has no answer yet")
    expect(summary).to_contain_text("Question 12:")
    expect(page.locator(f"#q-{missing}")).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=shots / "missing-answer.png", full_page=True)
    with _saving(page, missing, 2):
        summary.get_by_role("link").click()
        page.locator(f"#q-{missing}").get_by_role("radio", name="Occasionally").check()
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
    expect(page.locator("figure.chart svg")).to_have_count(3)  # the plane, bars in two layouts
    expect(page.get_by_role("heading", name="Where to develop")).to_be_visible()
    assert page.locator(".activity").count() >= 2
    answers = ResponseSet.objects.get().answers
    assert len(answers) == 48
    assert answers[missing] == 2
    page.screenshot(path=shots / "report.png", full_page=True)


def test_it_updates_the_unanswered_questions_as_they_are_answered(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.wait_for_url("**/respond/*/1/")
    first, second, *_ = _questions(page)
    _answer_by_clicking(page, skip=(_id(first), _id(second)))
    page.get_by_role("button", name="Next").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("2 questions have no answer yet")

    with _saving(page, _id(second), 4):
        second.get_by_role("radio", name="Often").check()
    expect(summary).to_contain_text("One question has no answer yet")
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link")).to_contain_text("Question 1:")

    # Following the link puts keyboard focus on the question, so keys answer it.
    summary.get_by_role("link").click()
    expect(first.locator("input[type=radio]").first).to_be_focused()
    with _saving(page, _id(first), 1):
        page.keyboard.press("Space")
    expect(summary).not_to_contain_text("no answer yet")
    expect(summary).to_contain_text("Every question on this page has an answer now")
    expect(page).not_to_have_title(re.compile("^Error"))
    _next(page, 2)


def test_it_fits_a_phone_screen(page: Page, live_server: LiveServer, shots: Path) -> None:
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.wait_for_url("**/respond/*/1/")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"
    page.screenshot(path=shots / "phone-questionnaire.png", full_page=True)


@pytest.fixture
def demo_report(db: None) -> Assessment:
    return seed_demo()[0][0]


# Inline SVG scales with its width: drawn too wide, its labels shrink below what a
# screen can show legibly. 11 CSS pixels is the smallest text the page itself uses.
_TEXT_SIZES = """svg => [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
  .map(t => { const m = t.getScreenCTM();  // rotated labels scale through b
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); })"""

# Every text of the practices chart against every bar: no overlap, and each score
# starts past its own bar's end.
_LABEL_CLASHES = """svg => {
  const box = e => e.getBoundingClientRect();
  const bars = [...svg.querySelectorAll('rect.bar')].map(box);
  const clashes = [];
  for (const t of svg.querySelectorAll('text')) {
    const b = box(t);
    for (const r of bars) {
      const apart = b.right <= r.left || b.left >= r.right
        || b.bottom <= r.top || b.top >= r.bottom;
      if (!apart) clashes.push(t.textContent);
    }
  }
  return clashes;
}"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("size", "layout"), [(PHONE, "narrow"), (DESKTOP, "wide")])
def test_it_lays_the_practice_bars_out_readably(
    page: Page,
    live_server: LiveServer,
    demo_report: Assessment,
    shots: Path,
    size: dict[str, int],
    layout: str,
) -> None:
    page.set_viewport_size(size)
    page.goto(live_server.url + demo_report.get_absolute_url())
    bars = page.locator(f".chart__layout--{layout} svg")
    expect(bars).to_be_visible()
    other = "wide" if layout == "narrow" else "narrow"
    expect(page.locator(f".chart__layout--{other} svg")).to_be_hidden()
    for chart in (page.locator(".chart--plane svg"), bars):
        heights = chart.evaluate(_TEXT_SIZES)
        assert heights, "the chart has no text"
        assert min(heights) >= 11, f"chart text is {min(heights):.1f}px at {size['width']}px"
    assert bars.evaluate(_LABEL_CLASHES) == []
    card = page.locator(".report-section.practices").bounding_box()
    drawn = bars.bounding_box()
    assert card is not None
    assert drawn is not None
    if layout == "wide":  # on a desktop the chart fills most of its card
        assert drawn["width"] >= 0.6 * card["width"]
    page.screenshot(path=shots / f"report-{size['width']}.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_it_prints_the_report_on_a_few_whole_pages(
    page: Page, live_server: LiveServer, demo_report: Assessment, shots: Path
) -> None:
    page.goto(live_server.url + demo_report.get_absolute_url())
    pdf = page.pdf(format="A4")
    (shots / "report.pdf").write_bytes(pdf)
    printed = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 2 <= printed <= MAX_PRINTED_PAGES, f"the report prints on {printed} A4 pages"

    page.emulate_media(media="print")
    for figure in page.locator("figure.chart").all():
        assert figure.evaluate("f => getComputedStyle(f).breakInside") == "avoid"
    for chrome in (".site-header", ".site-footer", ".skip-link", ".private-note"):
        assert page.locator(chrome).evaluate("e => getComputedStyle(e).display") == "none"
    # On paper the practices chart is the wide one, names beside the bars.
    expect(page.locator(".chart__layout--wide svg")).to_be_visible()
    expect(page.locator(".chart__layout--narrow svg")).to_be_hidden()
