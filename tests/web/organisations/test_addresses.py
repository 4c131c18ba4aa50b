"""breakable_email: an email address that a narrow line breaks after its "@", not mid-word."""

from __future__ import annotations

from django.utils.html import strip_tags
from tests.web.org_fixtures import OrgWorld

from twofold.web.organisations.templatetags.addresses import breakable_email


def test_it_breaks_after_the_at_first_and_before_a_dot_only_inside_a_side() -> None:
    assert breakable_email("hana.kobayashi@harbourvale.example") == (
        '<span class="email-part">hana<wbr>.kobayashi@</span><wbr>'
        '<span class="email-part">harbourvale<wbr>.example</span>'
    )


def test_it_shows_the_same_address() -> None:
    address = "ada.lead@mail.acme.example"
    assert strip_tags(breakable_email(address)) == address


def test_it_escapes_what_it_is_given() -> None:
    assert "<b>" not in breakable_email("<b>@x.example")
    assert strip_tags(breakable_email("<b>@x.example")) == "&lt;b&gt;@x.example"
    assert breakable_email("not <an> address") == "not &lt;an&gt; address"


def test_the_accounts_page_lets_each_address_break_after_its_at(org_world: OrgWorld) -> None:
    page = org_world.client_as("admin").get("/o/acme/members/").content.decode()
    assert '<span class="email-part">hana@</span><wbr><span class="email-part">acme' in page
    # Kit has no person, so the address is their name too.
    assert page.count('<span class="email-part">kit@</span>') == 2
