"""People sign in and read a released 360 report in a real (headless) Chromium.

The participant signs in through the sign-in page, finds their report from
their organisation's home page, reads it on a phone, prints it and signs out
from it; an administrator gets from their home page to the released campaign
and from there to a participant's report. The tests wait on what the pages
show, never on the clock.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractBaseUser
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.signing_in import sign_in, with_password
from tests.web import campaign_rows as rows
from tests.web.campaign_rows import World, released_360

from twofold.web.assessments.models import RaterRole
from twofold.web.campaigns.models import Invitation, InvitationStatus, Participant, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
#: The report of ``released_360`` prints on 6 A4 pages; with the screen's
#: styles instead of the print stylesheet, a 360 report takes twice as many.
PRINTED_PAGES = range(4, 8)
#: What another participant of the same campaign was told: none of it may show.
OTHERS_COMMENT = "Olive plans every quarter"


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots and the printed report go to a temporary directory, never the repository."""
    return tmp_path_factory.mktemp("report-screenshots")


@pytest.fixture
def world() -> World:
    """Sam's 360 released (direct reports withheld), and Olive's, in a released campaign."""
    world = released_360()
    olive = Participant.objects.get(campaign=world.campaign, person=world.people["other"])
    assert olive.assessment is not None
    rows.release(
        olive,
        [
            rows.response_set(olive.assessment, RaterRole.SELF, rows.answers(2)),
            rows.response_set(
                olive.assessment,
                RaterRole.MANAGER,
                rows.answers(3),
                {"strength": OTHERS_COMMENT},
            ),
        ],
    )
    Invitation.objects.create(
        participant=olive,
        group=RaterRole.MANAGER,
        name="Mara Boss",
        email="mara.boss@acme.example",
        status=InvitationStatus.CLOSED,
    )
    world.campaign.status = Status.RELEASED  # as a release does once every participant is in
    world.campaign.save(update_fields=["status"])
    return world


def _user(world: World, who: str) -> AbstractBaseUser:
    return with_password(world.users[who])


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"


def test_it_shows_a_participant_their_released_report_and_nothing_of_anyone_else(
    page: Page, live_server: LiveServer, world: World, shots: Path
) -> None:
    sam = _user(world, "participant")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in(page, sam.get_username())
    page.wait_for_url(f"{live_server.url}/o/acme/")

    mine = page.get_by_role("region", name="Your 360s")
    expect(mine.get_by_role("heading", level=3)).to_have_text(["Spring 360 Released"])
    page.screenshot(path=shots / "home.png", full_page=True)
    mine.get_by_role("link", name="Read your 360 report").click()
    page.wait_for_url(f"{live_server.url}{world.url}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Subject")
    expect(page.get_by_role("list", name="Groups shown").get_by_role("listitem")).to_have_text(
        ["Self you", "Manager not anonymous", "Peers 3 raters", "All raters 4 raters"]
    )
    # The groups too small are named, with the reason, and no number of theirs anywhere.
    reason = (
        "so their scores are not shown: with so few, anyone could work out who gave which answer."
    )
    expect(page.locator("#withheld li")).to_have_text(
        [
            f"Direct reports: Fewer than 3 direct reports answered, {reason}",
            f"Others: Fewer than 3 other raters answered, {reason}",
        ]
    )
    expect(page.locator(".groups-table thead th")).to_have_text(
        ["Practice", "Self", "Manager", "Peers", "All raters", "Raters agree"]
    )
    expect(page.locator("figure.chart svg text", has_text="Direct reports")).to_have_count(0)
    comments = page.locator("#comments")
    expect(comments).to_contain_text("Keeps every promise")
    expect(comments).to_contain_text("Generous with time")
    expect(comments.locator(".comment-group--direct_reports")).to_contain_text(
        "their comments are not shown"
    )
    text = page.locator("body").inner_text()
    for secret in ("SECRET-DR-ONE", "SECRET-DR-TWO", "SECRET-DR-CHANGE"):
        assert secret not in text
    assert "Olive" not in text
    assert OTHERS_COMMENT not in text
    _fits(page)
    page.screenshot(path=shots / "report-375.png", full_page=True)

    # On paper: a few whole pages, without the site's header, the way back or the contents.
    pdf = page.pdf(format="A4")
    (shots / "report.pdf").write_bytes(pdf)
    printed = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert printed in PRINTED_PAGES, f"the report prints on {printed} A4 pages"
    page.emulate_media(media="print")
    for chrome in (".site-header", ".account-nav", ".crumbs", ".report-contents", ".site-footer"):
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.locator("#groups")).to_be_visible()
    # What a printed copy must carry: that it is confidential (the lock means nothing on paper).
    note = page.locator(".private-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("This report is confidential.")
    expect(note.locator("svg")).to_be_hidden()
    page.emulate_media(media="screen")

    # Signing out works from the report page itself, and the report then asks to sign in.
    page.get_by_role("navigation", name="Your account").get_by_role(
        "button", name="Sign out"
    ).click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto(f"{live_server.url}{world.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert "Sam Subject" not in page.locator("body").inner_text()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_takes_an_administrator_from_home_to_each_released_report(
    page: Page, live_server: LiveServer, world: World, shots: Path, size: dict[str, int]
) -> None:
    hana = _user(world, "admin")
    page.set_viewport_size(size)
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in(page, hana.get_username())
    page.wait_for_url(f"{live_server.url}/o/acme/")

    expect(page.get_by_text("No campaign is under way.")).to_be_visible()
    released = page.get_by_role("table", name="Reports released")
    released.get_by_role("link", name="Spring 360").click()
    page.wait_for_url(f"{live_server.url}/o/acme/campaigns/{world.campaign.pk}/")
    expect(page.get_by_role("link", name=re.compile("^Read the 360 report"))).to_have_count(2)
    page.screenshot(path=shots / f"campaign-{size['width']}.png", full_page=True)
    page.get_by_role("link", name="Read the 360 report of Sam Subject").click()
    page.wait_for_url(f"{live_server.url}{world.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Subject")

    # The way back: from the report to its campaign, then to Olive's report.
    page.get_by_role("navigation", name="You are here").get_by_role(
        "link", name="Spring 360"
    ).click()
    page.wait_for_url(f"{live_server.url}/o/acme/campaigns/{world.campaign.pk}/")
    page.get_by_role("link", name="Read the 360 report of Olive Other").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Olive Other")
    expect(page.locator("#comments")).to_contain_text(OTHERS_COMMENT)
    if size == PHONE:
        _fits(page)
