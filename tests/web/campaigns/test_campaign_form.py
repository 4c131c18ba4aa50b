"""CampaignForm: every setting's problem is said in plain words, on its own field."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from twofold.web.campaigns import campaign_settings, changes, lifecycle
from twofold.web.campaigns.campaign_forms import CampaignForm
from twofold.web.campaigns.models import Campaign


def valid(**changes: str) -> dict[str, str]:
    """A valid posted campaign form (the defaults), with ``changes``."""
    data = {
        "name": "Spring 360",
        "deadline_0": "2027-03-31",
        "deadline_1": "17:00",
        "instrument": "tlmi",
        "reminder_days": "7, 2",
        "managers_see_reports": "on",
    }
    defaults = {"manager": 1, "peers": 3, "direct_reports": 3, "others": 3, "all": 4}
    for kind in ("scores", "comments"):
        for group, k in defaults.items():
            data[f"{kind}_{group}"] = str(k)
    for group, (low, high) in {
        "peers": (3, 8),
        "direct_reports": (0, 10),
        "others": (0, 5),
    }.items():
        data[f"limits_{group}_min"], data[f"limits_{group}_max"] = str(low), str(high)
    return {**data, **changes}


def errors(data: dict[str, str], campaign: Campaign | None = None) -> dict[str, list[str]]:
    form = CampaignForm(data, campaign=campaign)
    form.is_valid()
    return dict(form.errors)


def test_it_accepts_the_defaults(db: None) -> None:
    form = CampaignForm(valid())
    assert form.is_valid(), form.errors
    settings = form.settings()
    assert settings["reminder_days"] == [7, 2]
    assert settings["policy"]["scores"]["all"] == 4
    assert settings["nomination_limits"]["peers"] == [3, 8]
    assert settings["deadline"].isoformat() == "2027-03-31T17:00:00+00:00"
    assert settings["managers_see_reports"] is True
    assert settings["coach_may_release"] is False


def test_it_needs_a_name(db: None) -> None:
    assert errors(valid(name="")) == {"name": ["This field is required."]}


@pytest.mark.parametrize(
    ("date", "time", "message"),
    [
        ("2027-02-28", "17:00", "Choose a time in the future."),
        ("2027-03-01", "09:00", "Choose a time in the future."),
        ("", "", "Enter a date and a time."),
        ("2027-03-31", "", "Enter a date and a time."),
        ("31/03/2027", "17:00", "Enter a date such as 2027-03-31."),
        ("2027-03-31", "5pm", "Enter a time such as 17:00."),
    ],
)
def test_it_needs_a_deadline_in_the_future(db: None, date: str, time: str, message: str) -> None:
    assert errors(valid(deadline_0=date, deadline_1=time)) == {"deadline": [message]}


def test_it_offers_only_the_built_in_instruments(db: None) -> None:
    assert errors(valid(instrument="nope")) == {
        "instrument": ["Select a valid choice. nope is not one of the available choices."]
    }


@pytest.mark.parametrize(
    "field", ["scores_peers", "scores_direct_reports", "scores_others", "scores_all"]
)
def test_it_never_lets_an_anonymous_group_below_two(db: None, field: str) -> None:
    comments = field.replace("scores", "comments")
    assert errors(valid(**{field: "1", comments: "1"})) == {
        field: ["Choose 2 or more: a group of one person is never anonymous."],
        comments: ["Choose 2 or more: a group of one person is never anonymous."],
    }


def test_it_shows_a_manager_from_one_rater(db: None) -> None:
    assert errors(valid(scores_manager="1", comments_manager="1")) == {}


def test_it_lets_the_manager_be_anonymous_too(db: None) -> None:
    assert errors(valid(scores_manager="2", comments_manager="2")) == {}


@pytest.mark.parametrize("value", ["0", "-5"])
def test_it_needs_at_least_one_rater(db: None, value: str) -> None:
    assert errors(valid(scores_manager=value)) == {"scores_manager": ["Choose 1 or more."]}


@pytest.mark.parametrize("value", ["-5", "0"])
@pytest.mark.parametrize("field", ["scores_peers", "comments_others", "scores_all"])
def test_it_names_an_anonymous_groups_real_minimum_for_any_number_below_it(
    db: None, field: str, value: str
) -> None:
    # Not "greater than or equal to 1": 1 is refused too, so the message names 2.
    assert errors(valid(**{field: value}))[field] == [
        "Choose 2 or more: a group of one person is never anonymous."
    ]


def test_it_gives_the_browser_each_groups_minimum(db: None) -> None:
    form = CampaignForm()
    assert 'min="1"' in str(form["scores_manager"])
    assert 'min="2"' in str(form["scores_peers"])
    assert 'min="2"' in str(form["comments_all"])


def test_it_wants_comments_to_need_at_least_as_many_raters_as_scores(db: None) -> None:
    assert errors(valid(scores_peers="4", comments_peers="3")) == {
        "comments_peers": [
            "Choose at least the score threshold (4): comments are easier to recognise than scores."
        ]
    }


def test_it_caps_thresholds(db: None) -> None:
    assert errors(valid(comments_all="51")) == {
        "comments_all": ["Ensure this value is less than or equal to 50."]
    }


def test_it_wants_a_number(db: None) -> None:
    assert errors(valid(scores_others="three")) == {"scores_others": ["Enter a whole number."]}


def test_it_wants_the_fewest_nominations_no_more_than_the_most(db: None) -> None:
    assert errors(valid(limits_others_min="4", limits_others_max="2")) == {
        "limits_others_min": ["Choose at most 2, the most that may be nominated."]
    }


@pytest.mark.parametrize("fewest", ["1", "2"])
def test_it_refuses_a_minimum_that_could_never_be_shown(db: None, fewest: str) -> None:
    assert errors(valid(limits_direct_reports_min=fewest)) == {
        "limits_direct_reports_min": [
            "Choose 0 or at least 3: fewer than 3 answers are never shown."
        ]
    }


@pytest.mark.parametrize("fewest", ["0", "3", "4"])
def test_it_accepts_a_minimum_of_none_or_enough(db: None, fewest: str) -> None:
    assert errors(valid(limits_direct_reports_min=fewest)) == {}


def test_it_judges_minimums_by_the_threshold_given(db: None) -> None:
    data = valid(scores_peers="5", comments_peers="5", limits_peers_min="3")
    assert errors(data) == {
        "limits_peers_min": ["Choose 0 or at least 5: fewer than 5 answers are never shown."]
    }


def test_it_caps_nominations(db: None) -> None:
    assert errors(valid(limits_peers_max="51")) == {
        "limits_peers_max": ["Ensure this value is less than or equal to 50."]
    }


@pytest.mark.parametrize(
    ("text", "days"),
    [("7, 2", [7, 2]), ("2 7", [7, 2]), ("14;7;7;1", [14, 7, 1]), ("", []), (" ", [])],
)
def test_it_reads_reminder_days(db: None, text: str, days: list[int]) -> None:
    form = CampaignForm(valid(reminder_days=text))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reminder_days"] == days


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("7, two", "“two” is not a whole number of days; write them like “7, 2”."),
        ("7, -1", "“-1” is not a whole number of days; write them like “7, 2”."),
        ("7, 0", "Each day must be from 1 to 60; 0 is not."),
        ("61", "Each day must be from 1 to 60; 61 is not."),
        ("1, 2, 3, 4, 5, 6", "Choose at most 5 days."),
    ],
)
def test_it_says_what_is_wrong_with_reminder_days(db: None, text: str, message: str) -> None:
    assert errors(valid(reminder_days=text)) == {"reminder_days": [message]}


def test_it_lists_every_problem_at_once(db: None) -> None:
    data = valid(name="", scores_peers="1", limits_others_min="9", reminder_days="0")
    assert set(errors(data)) == {
        "name",
        "scores_peers",
        "limits_others_min",
        "reminder_days",
    }


def test_it_starts_from_the_campaigns_settings(draft: Campaign) -> None:
    form = CampaignForm(campaign=draft)
    assert form["name"].value() == "Spring 360"
    assert form["scores_all"].value() == 4
    assert form["limits_peers_max"].value() == 8
    assert form["reminder_days"].value() == "7, 2"


def test_it_fixes_an_open_campaigns_deadline_instrument_and_limits(opened: Campaign) -> None:
    form = CampaignForm(valid(deadline_0="2027-12-31", limits_peers_max="20"), campaign=opened)
    assert form.is_valid(), form.errors
    assert form["deadline"].field.disabled
    assert form["limits_peers_max"].field.disabled
    assert set(form.settings()) == {
        "name",
        "policy",
        "reminder_days",
        "coach_may_release",
        "managers_see_reports",
    }


def test_it_says_an_open_campaigns_thresholds_only_rise(opened: Campaign) -> None:
    data = valid(scores_peers="2", comments_peers="2")
    assert errors(data, campaign=opened) == {
        "scores_peers": [
            "Choose 3 or more: thresholds can only be raised once the campaign is open."
        ],
        "comments_peers": [
            "Choose 3 or more: thresholds can only be raised once the campaign is open."
        ],
    }


def test_it_lets_a_draft_lower_thresholds(draft: Campaign) -> None:
    assert errors(valid(scores_peers="2", comments_peers="2"), campaign=draft) == {}


def test_it_puts_a_services_problem_on_its_field(draft: Campaign, admin: User) -> None:
    form = CampaignForm(valid(), campaign=Campaign.objects.get(pk=draft.pk))
    assert form.is_valid()
    lifecycle.launch(draft, by=admin)  # someone else launched it meanwhile
    with pytest.raises(changes.SetupError) as caught:
        campaign_settings.update_campaign(draft, by=admin, **form.settings())
    form.add_problems(caught.value.problems)
    assert form.errors["deadline"] == ["This can no longer change: the campaign is open."]


def test_it_orders_fields_as_the_page_shows_them(db: None) -> None:
    names = list(CampaignForm().fields)
    assert names[:4] == ["name", "deadline", "instrument", "scores_manager"]
    assert names.index("limits_others_max") < names.index("reminder_days")
    assert names[-1] == "managers_see_reports"
