"""GET /report/<token>/ for a campaign participant: the 360 report, to those allowed only."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from tests.web import campaign_rows as rows
from tests.web.campaign_rows import World, released_360

from twofold.web.assessments.models import RaterRole
from twofold.web.audit.models import Action, Event


@pytest.fixture(autouse=True)
def _login_url(settings: Any) -> None:
    # The sign-in page is the accounts app's; the redirect only needs its address.
    settings.LOGIN_URL = "/accounts/login/"


@pytest.fixture
def world(db: None) -> World:
    return released_360()


def _text(html: str) -> str:
    """What a reader sees: styles and tags (with SVG attributes) gone, entities read."""
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", html, flags=re.S)))


def _get(client: Client, world: World, who: str) -> str:
    client.force_login(world.users[who])
    response = client.get(world.url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_sends_an_anonymous_visitor_to_sign_in_and_back(client: Client, world: World) -> None:
    response = client.get(world.url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={world.url}"
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 200),
        ("coach", 200),
        ("other_coach", 404),
        ("manager", 200),
        ("participant", 200),
        ("other_participant", 404),
        ("outsider", 404),
    ],
)
def test_it_shows_the_report_only_to_those_allowed(
    client: Client, world: World, who: str, status: int
) -> None:
    client.force_login(world.users[who])
    response = client.get(world.url)
    assert response.status_code == status
    if status == 404:
        assert b"Sam Subject" not in response.content


def test_it_hides_the_report_from_the_manager_when_the_campaign_says_so(
    client: Client, db: None
) -> None:
    world = released_360(managers_see_reports=False)
    client.force_login(world.users["manager"])
    assert client.get(world.url).status_code == 404
    client.force_login(world.users["coach"])
    assert client.get(world.url).status_code == 200


def test_it_says_the_report_is_not_released_yet_without_any_number(
    client: Client, db: None
) -> None:
    world = released_360(released=False)
    client.force_login(world.users["participant"])
    response = client.get(world.url)
    text = _text(response.content.decode())
    assert response.status_code == 200
    assert "not released yet" in text
    assert "ready when the results of Spring 360 are released" in text
    # Not even the participant's own answers (all 5s) show before release.
    assert re.search(r"\d\.\d", text) is None
    assert Event.objects.count() == 0


def test_it_refuses_the_pending_page_to_those_not_allowed(client: Client, db: None) -> None:
    world = released_360(released=False)
    client.force_login(world.users["other_participant"])
    assert client.get(world.url).status_code == 404


def test_it_records_every_view_in_the_audit_log(client: Client, world: World) -> None:
    _get(client, world, "manager")
    _get(client, world, "manager")
    events = Event.objects.filter(action=Action.REPORT_VIEWED)
    assert events.count() == 2
    event = events.first()
    assert event is not None
    assert event.organisation == world.organisation
    assert event.actor == world.users["manager"]
    assert (event.object_type, event.object_id) == ("report", world.participant.pk)
    assert "Sam Subject" in event.summary
    assert "release 1" in event.summary


def test_it_shows_every_section_of_the_360_report(client: Client, world: World) -> None:
    text = _text(_get(client, world, "participant"))
    for heading in (
        "360 feedback report",
        "Summary",
        "Your profile, as your raters see it",
        "Your practices, group by group",
        "How you see yourself, and how others see you",
        "Blind spots and hidden strengths",
        "Where your raters agree, and where they do not",
        "What your raters wrote",
        "How sure is this?",
    ):
        assert heading in text, heading
    assert "Sam Subject" in text
    assert "Over-estimator" in text


def test_it_shows_each_shown_groups_scores_in_the_table(client: Client, world: World) -> None:
    html = _get(client, world, "admin")
    table = html[html.index('class="groups-table"') : html.index("</table>")]
    cells = re.findall(r'<td class="num">([^<]*)</td>', table)
    # Self 5.0, manager 4.0, peers 7/3 (2.3), all raters 11/4 (2.8), on each of the
    # 16 practices and both composites.
    assert cells.count("5.0") == cells.count("4.0") == 18
    assert cells.count("2.3") == 18
    assert cells.count("2.8") == 18


def test_it_names_a_withheld_group_with_the_reason_and_nothing_else(
    client: Client, world: World
) -> None:
    html = _get(client, world, "admin")
    text = _text(html)
    assert "Fewer than 3 direct reports answered, so their scores are not shown" in text
    assert "Fewer than 3 direct reports answered, so their comments are not shown" in text
    # Their mean (1.5) and their own scores (1.0, 2.0), in any form, and what they wrote.
    shown = text.replace("version 1.0", "")
    for number in ("1.5", "1.0", "2.0"):
        assert number not in shown, number
    assert "SECRET-DR" not in html
    # The direct reports are no column of the table and no series of the chart.
    table = html[html.index('class="groups-table"') : html.index("</table>")]
    assert "Direct reports" not in table
    assert "bar--direct_reports" not in html


def test_it_labels_the_manager_as_not_anonymous_and_shows_comments_by_group(
    client: Client, world: World
) -> None:
    text = _text(_get(client, world, "participant"))
    comments = text[text.index("What your raters wrote") :]
    assert "not anonymous" in comments
    assert "Keeps every promise" in comments
    for said in ("Generous with time", "Calm under pressure", "Say no more often", "Great coach"):
        assert said in comments
    assert "Greatest strength" in comments


def test_it_shows_a_blind_spot_in_plain_words(client: Client, world: World) -> None:
    text = _text(_get(client, world, "participant"))
    # Self 5.0 against all raters 2.75 (shown 2.8): a gap of +2.2 beyond its 0.7 margin.
    assert (
        "Envisioning: you rate yourself 5.0, your raters 2.8. The difference, +2.2, is more "
        "than the 0.7 that measurement error alone could explain" in " ".join(text.split())
    )


def test_it_is_computed_from_the_release_only(client: Client, world: World) -> None:
    before = _get(client, world, "admin")
    # A rater answering after the release changes nothing, whatever they answer.
    rows.response_set(world.assessment, RaterRole.PEERS, rows.answers(1), {"strength": "LATE"})
    after = _get(client, world, "admin")
    assert "LATE" not in after
    table = after[after.index('class="groups-table"') : after.index("</table>")]
    assert table == before[before.index('class="groups-table"') : before.index("</table>")]


def test_it_shows_the_latest_release(client: Client, world: World) -> None:
    later = [
        rows.response_set(world.assessment, RaterRole.DIRECT_REPORTS, rows.answers(3), {})
        for _ in range(2)
    ]
    rows.release(world.participant, later)
    text = _text(_get(client, world, "admin"))
    # Four direct reports now: shown, at (1 + 2 + 3 + 3) / 4 = 2.25 (2.3).
    assert "Fewer than 3 direct reports" not in text
    assert "SECRET-DR-ONE" in text


def test_it_is_private_and_not_cached(client: Client, world: World) -> None:
    client.force_login(world.users["participant"])
    response = client.get(world.url)
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"].startswith("noindex")


@pytest.mark.parametrize("released", [True, False])
def test_it_leads_back_to_the_campaign_and_the_organisation(
    client: Client, db: None, released: bool
) -> None:
    world = released_360(released=released)
    client.force_login(world.users["participant"])
    html = client.get(world.url).content.decode()
    crumbs = html[html.index('class="crumbs"') : html.index("</nav>", html.index('class="crumbs"'))]
    assert 'href="/o/acme/"' in crumbs
    assert f'href="/o/acme/campaigns/{world.campaign.pk}/"' in crumbs
    # Where it leads, the participant may go: their own card in the campaign.
    assert client.get(f"/o/acme/campaigns/{world.campaign.pk}/").status_code == 200
