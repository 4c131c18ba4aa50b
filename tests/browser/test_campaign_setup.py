"""An administrator signs in, sets up and launches a 360 campaign, in a real (headless) Chromium.

Everything goes through the pages, on a phone, partly by keyboard: the
sign-in page (no session made for the test), the organisation's home, the
new campaign's settings, its participants and the launch. The tests wait on
what the pages show, never on the clock.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.signing_in import PASSWORD, with_password
from tests.web.campaigns.helpers import account

from twofold.web.accounts.models import Role
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus, Status
from twofold.web.organisations.models import Organisation, Person, Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
HANA = "hana@acme.example"
MIA = "mia@acme.example"
TEAM = ("Ann Archer", "Ben Baker", "Cat Cohen")


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots go to a temporary directory, never into the repository."""
    return tmp_path_factory.mktemp("setup-screenshots")


@pytest.fixture
def acme() -> Organisation:
    """Acme: Mia, a manager, her team of three, and Hana, the administrator, with a password."""
    acme = Organisation.objects.create(name="Acme", slug="acme")
    product = Team.objects.create(organisation=acme, name="Product")
    mia = Person.objects.create(organisation=acme, name="Mia Moreau", email=MIA)
    for name in TEAM:
        email = name.split()[0].lower() + "@acme.example"
        Person.objects.create(organisation=acme, name=name, email=email, team=product, manager=mia)
    with_password(account(acme, HANA, Role.ADMIN))
    return acme


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width}px wide"


def _sign_in_by_keyboard(page: Page) -> None:
    """A wrong password first: the address stays, and the cursor waits in the password box."""
    expect(page.get_by_label("Email")).to_be_focused()
    page.keyboard.type(HANA)
    page.keyboard.press("Tab")
    page.keyboard.type("not my password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text(
        "That email and password do not match an account. Check both and try again."
    )
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    expect(page.get_by_label("Email")).to_have_value(HANA)
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")


def test_an_administrator_signs_in_and_launches_a_campaign_on_a_phone(
    page: Page,
    live_server: LiveServer,
    acme: Organisation,
    mailoutbox: list[EmailMessage],
    shots: Path,
) -> None:
    page.set_viewport_size(PHONE)
    home = f"{live_server.url}/o/acme/"
    page.goto(home)
    # Signed out, the organisation's home sends to the sign-in page, which says why.
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/o/acme/")
    expect(page.get_by_text("The page you asked for is for signed-in members")).to_be_visible()
    page.screenshot(path=shots / "sign-in.png", full_page=True)
    _sign_in_by_keyboard(page)
    page.wait_for_url(home)

    expect(page.get_by_text("No campaign is under way.")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="New campaign").click()

    # The deadline comes filled in (three weeks ahead, 17:00); a threshold of
    # one is refused beside its field.
    expect(page.get_by_label("Time")).to_have_value("17:00")
    page.get_by_label("Name").fill("Spring 360")
    page.get_by_label("Peers: scores").fill("1")
    page.get_by_role("button", name="Create the campaign").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#id_scores_peers_error")).to_have_text(
        "Choose 2 or more: a group of one person is never anonymous."
    )
    _fits(page)
    page.get_by_label("Peers: scores").fill("3")
    page.get_by_role("button", name="Create the campaign").click()

    # Participants: a whole team, then one person picked with the keyboard.
    # Each message shows once (two would break these locators' strictness).
    expect(page.get_by_text("Campaign created. Now choose who takes part.")).to_be_visible()
    page.get_by_label("Or add a whole team").select_option(label="Product")
    page.get_by_role("button", name="Add the team").click()
    expect(page.get_by_text("3 people added.")).to_be_visible()
    page.get_by_label("Mia Moreau").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add the people chosen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 person added.")).to_be_visible()
    expect(page.get_by_text("4 people will be assessed in this campaign.")).to_be_visible()
    expect(page.get_by_text("Everyone in the organisation is in the campaign.")).to_be_visible()
    _fits(page)
    page.screenshot(path=shots / "participants.png", full_page=True)

    page.get_by_role("link", name="Launch…").click()
    expect(page.get_by_text("3 participants have a manager in the org chart")).to_be_visible()
    _fits(page)
    page.get_by_role("button", name="Launch the campaign").focus()
    page.keyboard.press("Enter")
    campaign = Campaign.objects.get()
    page.wait_for_url(f"{home}campaigns/{campaign.pk}/")
    expect(page.get_by_text("The campaign is open.")).to_be_visible()
    expect(page.locator(".progress-card")).to_have_count(4)
    for name in TEAM:
        card = page.locator(".progress-card", has=page.get_by_role("heading", name=name))
        expect(card.locator(".waiting-list")).to_have_text("Manager: Mia Moreau")
    _fits(page)
    page.screenshot(path=shots / "open.png", full_page=True)

    # Back home, the campaign is under way; the worker sends Mia her three invitations.
    page.get_by_role("navigation", name="You are here").get_by_role("link", name="Acme").click()
    page.wait_for_url(home)
    row = page.get_by_role("row", name=re.compile("^Spring 360"))
    expect(row).to_contain_text("Open")
    expect(row).to_contain_text("0% (0 of 7)")
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    campaign.refresh_from_db()
    assert campaign.status == Status.OPEN
    assert timedelta(days=20) < campaign.deadline - timezone.now() < timedelta(days=22)
    assert campaign.participants.filter(assessment__isnull=False).count() == 4
    sent = Invitation.objects.filter(email=MIA, status=InvitationStatus.SENT)
    assert sorted(sent.values_list("participant__person__name", flat=True)) == list(TEAM)
    to_mia = sorted(m.subject for m in mailoutbox if m.to == [MIA])
    asked = [subject for subject in to_mia if subject.endswith("would value your feedback")]
    assert asked == [f"{name} would value your feedback" for name in TEAM]
