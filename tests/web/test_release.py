"""Releasing a campaign's results: the service the release page calls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.assessments.models import RaterRole, ResponseSet
from twofold.web.audit.models import Action, Event
from twofold.web.campaigns import release as service
from twofold.web.campaigns.models import InvitationStatus, Release, ReleasedResponse, Status
from twofold.web.campaigns.release import release_participants, reopen
from twofold.web.campaigns.release_plans import REFUSED, RELEASED, UNCHANGED, ReleaseError
from twofold.web.campaigns.results import latest_release, released_response_sets

pytestmark = pytest.mark.django_db

RELEASE_TIME = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


@pytest.fixture
def org():
    return make.organisation()


@pytest.fixture
def admin(org):
    return make.account(org, Role.ADMIN, "hr@example.org")


@pytest.fixture
def campaign(org):
    return make.campaign(org)


def test_it_releases_every_participant_of_a_closed_campaign(campaign, admin) -> None:
    ada, bob = make.participant(campaign, "Ada Lovelace"), make.participant(campaign, "Bob Ross")
    make.raters(ada, "peers", 3)
    outcomes = release_participants([ada, bob], admin)
    assert [o.state for o in outcomes] == [RELEASED, RELEASED]
    assert [r.number for r in Release.objects.order_by("participant__person__name")] == [1, 1]
    assert Release.objects.get(participant=ada).released_by == admin
    campaign.refresh_from_db()
    assert campaign.status == Status.RELEASED
    ada.assessment.refresh_from_db()
    assert ada.assessment.answers_until == campaign.closed_at


def test_it_copies_the_answers_and_deletes_the_originals(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    given = [make.answers(v) for v in (2, 3, 5)]
    invitations = [
        make.rater(ada, "peers", f"Peer {i}", given=a, comments={"strength": f"Kind {i}"})
        for i, a in enumerate(given)
    ]
    originals = {i.response_set_id for i in invitations}
    release_participants([ada], admin)
    assert not ResponseSet.objects.filter(pk__in=originals).exists()
    copies = ResponseSet.objects.filter(assessment=ada.assessment, rater_role="peers")
    assert sorted(c.answers["env1"] for c in copies) == [2, 3, 5]
    assert sorted(c.comments["strength"] for c in copies) == ["Kind 0", "Kind 1", "Kind 2"]
    assert set(released_response_sets(ada)) == {*copies, ada.assessment.self_response_set()}
    assert set(latest_release(ada).responses.values_list("response_set", flat=True)) == {
        s.pk for s in released_response_sets(ada)
    }


def test_it_stamps_every_copy_with_the_release_time_alone(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    with time_machine.travel(RELEASE_TIME, tick=True):
        release_participants([ada], admin)
    for copy in ResponseSet.objects.filter(assessment=ada.assessment).exclude(rater_role="self"):
        assert copy.started_at == copy.updated_at == copy.submitted_at == RELEASE_TIME


def test_it_gives_every_copy_a_new_link_token(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    before = {i.response_set.respond_token for i in make.raters(ada, "peers", 3)}
    release_participants([ada], admin)
    after = set(
        ResponseSet.objects.filter(assessment=ada.assessment, rater_role="peers").values_list(
            "respond_token", flat=True
        )
    )
    assert len(after) == 3
    assert not before & after
    assert all(len(token) == 43 for token in after)


def test_it_deletes_answers_that_were_never_submitted(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    late = make.rater(ada, "others", "Late Larry", submitted=False)
    release_participants([ada], admin)
    assert not ResponseSet.objects.filter(pk=late.response_set_id).exists()
    assert ResponseSet.objects.filter(assessment=ada.assessment, rater_role="others").count() == 0


def test_it_closes_invitations_and_forgets_reminders(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    answered = make.rater(ada, "peers", "Pat", reminded=True)
    silent = make.rater(ada, "peers", "Sam", submitted=False, reminded=True)
    declined = make.rater(ada, "peers", "Dee", status=InvitationStatus.DECLINED)
    proposed = make.rater(ada, "others", "Olly", status=InvitationStatus.PROPOSED)
    release_participants([ada], admin)
    for invitation in (answered, silent, declined, proposed):
        invitation.refresh_from_db()
        assert invitation.response_set_id is None
        assert invitation.reminded_at is None
    assert {answered.status, silent.status, declined.status} == {InvitationStatus.CLOSED}
    assert proposed.status == InvitationStatus.PROPOSED  # never asked: nothing to hide


def test_it_keeps_the_participants_own_answers_as_they_are(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace", own=5)
    own = ada.assessment.self_response_set()
    release_participants([ada], admin)
    listed = ReleasedResponse.objects.get(response_set__rater_role=RaterRole.SELF)
    assert listed.response_set == own
    own.refresh_from_db()
    assert own.answers == make.answers(5)


def test_it_refuses_a_campaign_that_is_not_closed(org, admin) -> None:
    running = make.campaign(org, status=Status.OPEN)
    ada = make.participant(running, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    with pytest.raises(ReleaseError, match="once the campaign is closed"):
        release_participants([ada], admin)
    assert not Release.objects.exists()
    assert ada.invitations.filter(response_set__isnull=False).count() == 3


@pytest.mark.parametrize("role", [Role.MANAGER, Role.PARTICIPANT, Role.COACH])
def test_it_lets_nobody_but_an_administrator_release_by_default(campaign, org, role) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    someone = make.account(org, role, "someone@example.org", person=ada.person)
    with pytest.raises(PermissionDenied):
        release_participants([ada], someone)
    assert not Release.objects.exists()


def test_it_lets_a_coach_release_their_coachees_when_the_campaign_allows_it(org, admin) -> None:
    allowing = make.campaign(org, coach_may_release=True)
    ada, bob = make.participant(allowing, "Ada Lovelace"), make.participant(allowing, "Bob Ross")
    coach = make.coach_of(org, "coach@example.org", ada.person)
    with pytest.raises(PermissionDenied):
        release_participants([ada, bob], coach)
    assert not Release.objects.exists()
    [outcome] = release_participants([ada], coach)
    assert outcome.state == RELEASED
    allowing.refresh_from_db()
    assert allowing.status == Status.CLOSED  # Bob is not released yet
    release_participants([bob], admin)
    allowing.refresh_from_db()
    assert allowing.status == Status.RELEASED


def test_it_refuses_someone_of_another_organisation(campaign) -> None:
    elsewhere = make.organisation("globex")
    stranger = make.account(elsewhere, Role.ADMIN, "hr@globex.example")
    ada = make.participant(campaign, "Ada Lovelace")
    with pytest.raises(PermissionDenied):
        release_participants([ada], stranger)


def test_it_records_who_released_how_many_and_nothing_of_raters(campaign, admin) -> None:
    ada, bob = make.participant(campaign, "Ada Lovelace"), make.participant(campaign, "Bob Ross")
    make.raters(ada, "peers", 3)
    release_participants([ada, bob], admin)
    event = Event.objects.get(action=Action.CAMPAIGN_RELEASED)
    assert event.actor == admin
    assert event.object_type == "campaign"
    assert event.object_id == campaign.pk
    assert event.summary == "Spring 360: released 2 participants"
    assert "peers" not in event.summary


def test_it_releases_again_what_three_new_peers_answered(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3, given=make.answers(2))
    release_participants([ada], admin)
    reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), admin)
    make.raters(ada, "peers", 3, start=4, given=make.answers(5))
    _close(campaign)
    [outcome] = release_participants([ada], admin)
    assert outcome.state == RELEASED
    assert outcome.release.number == 2
    sets = released_response_sets(ada)
    assert sorted(s.answers["env1"] for s in sets if s.rater_role == "peers") == [2, 2, 2, 5, 5, 5]


def test_it_leaves_a_refused_participant_untouched(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    release_participants([ada], admin)
    reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), admin)
    late = make.rater(ada, "peers", "Late Pat", reminded=True)
    _close(campaign)
    [outcome] = release_participants([ada], admin)
    assert outcome.state == REFUSED
    assert outcome.release is None
    assert outcome.plan.verdict.concerns[0].text.startswith("1 peer answered")
    late.refresh_from_db()
    assert late.response_set is not None  # still theirs, until a release can include it
    assert late.status == InvitationStatus.SENT
    assert Release.objects.filter(participant=ada).count() == 1


def test_it_changes_nothing_for_a_participant_with_nothing_new(campaign, admin) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    release_participants([ada], admin)
    reopen(campaign, datetime(2030, 1, 1, tzinfo=UTC), admin)
    _close(campaign)
    [outcome] = release_participants([ada], admin)
    assert outcome.state == UNCHANGED
    assert Release.objects.filter(participant=ada).count() == 1


def test_it_releases_in_batches_as_one_would_alone(campaign, admin, monkeypatch) -> None:
    monkeypatch.setattr("twofold.web.campaigns.release.BATCH", 2)
    people = [make.participant(campaign, f"Person {i}") for i in range(5)]
    for person in people:
        make.raters(person, "peers", 3)
    outcomes = release_participants(people, admin)
    assert [o.state for o in outcomes] == [RELEASED] * 5
    for person in people:
        assert [s.rater_role for s in released_response_sets(person)].count("peers") == 3


def _close(campaign) -> None:
    """Close a re-opened campaign, as the campaign pages do."""
    campaign.status = Status.CLOSED
    campaign.closed_at = datetime(2029, 12, 1, tzinfo=UTC)
    campaign.save(update_fields=["status", "closed_at"])
    campaign.sync_answer_window()


def test_it_never_releases_twice_when_two_release_at_once(
    campaign, org, admin, monkeypatch
) -> None:
    ada = make.participant(campaign, "Ada Lovelace")
    make.raters(ada, "peers", 3)
    other = make.account(org, Role.ADMIN, "hr2@example.org")
    read = service.read_plans

    def meanwhile(*args):
        plans = read(*args)
        if not Release.objects.exists():  # the other administrator releases first
            monkeypatch.setattr(service, "read_plans", read)
            release_participants([ada], other)
            monkeypatch.setattr(service, "read_plans", meanwhile)
        return plans

    monkeypatch.setattr(service, "read_plans", meanwhile)
    [outcome] = release_participants([ada], admin)
    assert outcome.state == UNCHANGED
    assert Release.objects.get().released_by == other
    assert ResponseSet.objects.filter(assessment=ada.assessment, rater_role="peers").count() == 3


def test_a_participant_nobody_answered_for_gets_a_report_that_says_so(campaign, admin) -> None:
    """Released with no answers at all (not even their own), the report still opens."""
    ada = make.participant(campaign, "Ada Lovelace", own=None)
    release_participants([ada], admin)
    client = Client()
    client.force_login(admin)
    page = client.get(ada.assessment.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ada Lovelace" in text
    assert "No group has scores to show" in text
    assert "You did not answer enough questions for scores of your own." in text
    assert 'class="chart chart--groups"' not in text  # no chart of empty bars
    body = client.get(f"/api/reports/{ada.assessment.report_token}")
    assert body.status_code == 200
    groups = {g["group"]: g for g in body.json()["rater_groups"]}
    assert groups["all"]["withheld"] is True
    assert all(v is None for v in groups["all"]["scales"].values())
