"""The Accounts and roles page on a phone: an email address breaks after its "@", not mid-word."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer
from tests.browser.signing_in import sign_in, with_password
from tests.web.org_fixtures import OrgWorld, add_account, make_world

from twofold.web.accounts.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
LONG = "hana.kobayashi@harbourvale.example"


@pytest.fixture
def world() -> OrgWorld:
    return make_world()


def test_a_long_address_wraps_after_its_at_on_a_phone(
    page: Page, live_server: LiveServer, world: OrgWorld
) -> None:
    add_account(world.organisation, Role.PARTICIPANT, email=LONG)
    admin = with_password(world.users["admin"])
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in(page, admin.get_username())
    page.goto(f"{live_server.url}/o/acme/members/")

    email = page.locator(".member__email", has_text="harbourvale")
    assert email.inner_text().replace("\n", "") == LONG
    local, domain = email.locator(".email-part").all()
    # Two lines, split at the "@", each side whole on its own line.
    local_box, domain_box = local.bounding_box(), domain.bounding_box()
    assert local_box is not None
    assert domain_box is not None
    assert domain_box["y"] >= local_box["y"] + local_box["height"] - 1
    line = float(email.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert local_box["height"] < 1.5 * line
    assert domain_box["height"] < 1.5 * line
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"
