"""GET and POST /o/<slug>/campaigns/<pk>/participants/ : who a draft campaign assesses."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.campaigns.helpers import DEADLINE, participant_of

from twofold.web.campaigns import campaign_settings
from twofold.web.campaigns.models import Campaign
from twofold.web.organisations.models import Organisation, Person, Team


def _url(campaign: Campaign) -> str:
    return f"/o/acme/campaigns/{campaign.pk}/participants/"


def _names(campaign: Campaign) -> list[str]:
    return list(campaign.participants.values_list("person__name", flat=True))


def test_it_lists_participants_and_the_people_not_in_yet(
    client_for: Callable[[User], Client], admin: User, draft: Campaign
) -> None:
    response = client_for(admin).get(_url(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 people will be assessed in this campaign." in page
    assert page.count('name="people"') == 5  # Zoe, Mia, Olu, Cat, Eve
    assert 'Remove<span class="visually-hidden"> Ann Archer</span>' in page


def test_it_finds_people_by_name_email_title_or_team(
    client_for: Callable[[User], Client], admin: User, draft: Campaign
) -> None:
    client = client_for(admin)
    for query, found in (("cat", 1), ("lead", 2), ("operations", 3), ("eve@", 1), ("zz", 0)):
        page = client.get(_url(draft), {"q": query}).content.decode()
        assert page.count('name="people"') == found, query


def test_it_adds_the_people_picked(
    client_for: Callable[[User], Client], admin: User, draft: Campaign, people: dict[str, Person]
) -> None:
    client = client_for(admin)
    data = {"action": "add", "people": [people["cat"].pk, people["eve"].pk]}
    response = client.post(_url(draft), data)
    assert response.status_code == 302
    assert _names(draft) == ["Ann Archer", "Ben Baker", "Cat Cohen", "Dan Dias", "Eve Evans"]
    page = client.get(response["Location"]).content.decode()
    assert page.count("2 people added.") == 1  # in the page's own place, not the base's too


def test_it_adds_a_whole_team(
    client_for: Callable[[User], Client], admin: User, draft: Campaign, teams: dict[str, Team]
) -> None:
    client_for(admin).post(_url(draft), {"action": "add", "team": teams["operations"].pk})
    assert _names(draft) == [
        "Ann Archer",
        "Ben Baker",
        "Dan Dias",
        "Eve Evans",
        "Olu Okafor",
        "Zoe Zhang",
    ]


def test_it_asks_for_someone_when_nobody_is_picked(
    client_for: Callable[[User], Client], admin: User, draft: Campaign
) -> None:
    response = client_for(admin).post(_url(draft), {"action": "add"})
    assert response.status_code == 400
    assert "Choose at least one person, or a team." in response.content.decode()


def test_it_refuses_people_of_another_organisation(
    client_for: Callable[[User], Client], admin: User, draft: Campaign, outsider: User
) -> None:
    gus = outsider.memberships.get().person
    assert gus is not None
    response = client_for(admin).post(_url(draft), {"action": "add", "people": [gus.pk]})
    assert response.status_code == 400
    assert len(_names(draft)) == 3


def test_it_removes_a_participant(
    client_for: Callable[[User], Client], admin: User, draft: Campaign, people: dict[str, Person]
) -> None:
    ben = participant_of(draft, people["ben"])
    response = client_for(admin).post(_url(draft), {"action": "remove", "participant": ben.pk})
    assert response.status_code == 302
    assert _names(draft) == ["Ann Archer", "Dan Dias"]


def test_it_fixes_participants_once_open(
    client_for: Callable[[User], Client], admin: User, opened: Campaign, people: dict[str, Person]
) -> None:
    response = client_for(admin).post(_url(opened), {"action": "add", "people": [people["cat"].pk]})
    assert response.status_code == 302
    assert response["Location"] == f"/o/acme/campaigns/{opened.pk}/"
    assert len(_names(opened)) == 3


@pytest.mark.parametrize("role", ["manager", "coach", "participant", "outsider"])
def test_it_is_for_administrators_only(
    request: pytest.FixtureRequest,
    client_for: Callable[[User], Client],
    draft: Campaign,
    people: dict[str, Person],
    role: str,
) -> None:
    client = client_for(request.getfixturevalue(role))
    assert client.get(_url(draft)).status_code == 404
    response = client.post(_url(draft), {"action": "add", "people": [people["cat"].pk]})
    assert response.status_code == 404
    assert len(_names(draft)) == 3


@pytest.mark.parametrize("chosen", ["abc", "", "999999"])
def test_it_404s_for_a_participant_not_in_the_campaign(
    client_for: Callable[[User], Client], admin: User, draft: Campaign, chosen: str
) -> None:
    response = client_for(admin).post(_url(draft), {"action": "remove", "participant": chosen})
    assert response.status_code == 404
    assert len(_names(draft)) == 3


def test_it_says_what_to_do_when_the_organisation_has_nobody_yet(
    client_for: Callable[[User], Client], admin: User, org: Organisation
) -> None:
    empty = campaign_settings.create_campaign(org, "First 360", DEADLINE, by=admin)
    page = client_for(admin).get(_url(empty)).content.decode()
    assert "Nobody is in the organisation yet" in page
    assert 'href="/o/acme/people/import/"' in page
    assert "Everyone in the organisation is in the campaign." not in page


def test_it_says_once_how_many_were_added(
    client_for: Callable[[User], Client], admin: User, draft: Campaign, people: dict[str, Person]
) -> None:
    response = client_for(admin).post(
        _url(draft), {"action": "add", "people": [people["cat"].pk]}, follow=True
    )
    assert response.content.decode().count("1 person added.") == 1
