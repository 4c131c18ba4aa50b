"""An administrator sets up and launches a 360 campaign in a real (headless) Chromium.

Signing in belongs to the accounts pages; here the administrator's session is
made by Django's test client and handed to the browser, so the test covers the
campaign pages alone.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.web.campaigns.helpers import account

from twofold.web.accounts.models import Role
from twofold.web.campaigns.models import Campaign, Invitation, Status
from twofold.web.organisations.models import Organisation, Person, Team

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def signed_in(page: Page, live_server: LiveServer, transactional_db: None) -> Page:
    """Acme (a manager, Mia, and her team of three) and its administrator's browser."""
    acme = Organisation.objects.create(name="Acme", slug="acme")
    product = Team.objects.create(organisation=acme, name="Product")
    mia = Person.objects.create(organisation=acme, name="Mia Moreau", email="mia@acme.example")
    for name in ("Ann Archer", "Ben Baker", "Cat Cohen"):
        Person.objects.create(
            organisation=acme,
            name=name,
            email=name.split()[0].lower() + "@acme.example",
            team=product,
            manager=mia,
        )
    client = Client()
    client.force_login(account(acme, "hana@acme.example", Role.ADMIN))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return page


def test_an_administrator_creates_and_launches_a_campaign_on_a_phone(
    signed_in: Page, live_server: LiveServer
) -> None:
    page = signed_in
    page.set_viewport_size(PHONE)
    deadline = timezone.now() + timedelta(days=21)

    page.goto(live_server.url + "/o/acme/")
    page.get_by_role("link", name="New campaign").click()
    page.get_by_label("Name").fill("Spring 360")
    page.get_by_label("Date").fill(deadline.strftime("%Y-%m-%d"))
    page.get_by_label("Time").fill("17:00")
    page.get_by_label("Peers: scores").fill("1")  # not allowed: shown beside the field
    page.get_by_role("button", name="Create the campaign").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#id_scores_peers_error")).to_have_text(
        "Choose 2 or more: a group of one person is never anonymous."
    )
    page.get_by_label("Peers: scores").fill("3")
    page.get_by_role("button", name="Create the campaign").click()

    # Participants: a whole team, then one person picked with the keyboard.
    expect(page.get_by_role("heading", name="Participants")).to_be_visible()
    page.get_by_label("Or add a whole team").select_option(label="Product")
    page.get_by_role("button", name="Add the team").click()
    expect(page.get_by_text("3 people added.")).to_be_visible()
    page.get_by_label("Mia Moreau").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Add the people chosen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("4 people will be assessed in this campaign.")).to_be_visible()

    page.get_by_role("link", name="Launch…").click()
    expect(page.get_by_text("3 participants have a manager in the org chart")).to_be_visible()
    page.get_by_role("button", name="Launch the campaign").click()
    expect(page.get_by_text("The campaign is open.")).to_be_visible()
    expect(page.locator(".progress-card")).to_have_count(4)

    campaign = Campaign.objects.get()
    assert campaign.status == Status.OPEN
    assert campaign.participants.filter(assessment__isnull=False).count() == 4
    assert Invitation.objects.filter(name="Mia Moreau").count() == 3
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
