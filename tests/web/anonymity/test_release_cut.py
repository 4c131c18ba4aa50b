"""Attack: tie a rater to their answers in the database after release.

A database administrator has every table. After release no row may point
from an invitation (who was asked) to a response set (what was answered):
no foreign key, no times shared with the originals, no link token kept, and
no order of ids that follows the order of invitations.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.assessments.models import ResponseSet
from twofold.web.campaigns import tasks
from twofold.web.campaigns.models import Invitation, ReleasedResponse
from twofold.web.campaigns.release import release_participants

pytestmark = pytest.mark.django_db

RELEASED_AT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
RATERS = 12


@pytest.fixture
def cut():
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada = make.participant(campaign, "Ada Lovelace")
    before = {}
    for i in range(RATERS):
        # Each rater answers at their own time, in the order they were invited.
        with time_machine.travel(RELEASED_AT - timedelta(days=5, minutes=-i), tick=False):
            invitation = make.rater(ada, "peers", f"Peer {i:02}", comments={"strength": f"#{i}"})
        before[invitation.pk] = ResponseSet.objects.values().get(pk=invitation.response_set_id)
    with time_machine.travel(RELEASED_AT, tick=False):
        release_participants([ada], hr)
    return ada, before


def test_it_leaves_no_invitation_pointing_at_answers(cut) -> None:
    ada, _ = cut
    assert not Invitation.objects.filter(response_set__isnull=False).exists()
    copies = ResponseSet.objects.filter(assessment=ada.assessment, rater_role="peers")
    assert copies.count() == RATERS
    assert not copies.filter(invitation__isnull=False).exists()


def test_it_keeps_no_original_row_token_or_time(cut) -> None:
    ada, before = cut
    copies = list(
        ResponseSet.objects.filter(assessment=ada.assessment, rater_role="peers").values()
    )
    old_ids = {row["id"] for row in before.values()}
    old_tokens = {row["respond_token"] for row in before.values()}
    old_times = {
        row[f] for row in before.values() for f in ("started_at", "updated_at", "submitted_at")
    }
    assert not ResponseSet.objects.filter(pk__in=old_ids).exists()
    for copy in copies:
        assert copy["respond_token"] not in old_tokens
        assert {copy["started_at"], copy["updated_at"], copy["submitted_at"]} == {RELEASED_AT}
    assert RELEASED_AT not in old_times


def test_it_orders_the_copies_by_chance_not_by_invitation(cut) -> None:
    ada, _ = cut
    copies = ResponseSet.objects.filter(assessment=ada.assessment, rater_role="peers")
    order = [int(c.comments["strength"][1:]) for c in copies.order_by("pk")]
    assert sorted(order) == list(range(RATERS))
    assert order != list(range(RATERS))  # 1 chance in 12! (about 2 × 10⁻⁹) to fail
    listed = ReleasedResponse.objects.filter(response_set__in=copies).order_by("pk")
    assert [r.response_set_id for r in listed] == list(
        copies.order_by("pk").values_list("pk", flat=True)
    )


def test_it_leaves_invitations_telling_only_who_was_asked(cut) -> None:
    ada, _ = cut
    rows = list(ada.invitations.values("status", "reminded_at", "response_set"))
    assert {row["status"] for row in rows} == {"closed"}
    assert {row["reminded_at"] for row in rows} == {None}
    assert {row["response_set"] for row in rows} == {None}


def test_it_leaves_no_task_about_the_released_or_their_raters() -> None:
    # A reminder's row in the task queue would say its rater had not answered
    # by that day, and a reminder day's result how many had not. The release
    # deletes every task about its participants and their raters, and the
    # campaign's reminder days that have run; Bob, not released, keeps his.
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada, bob = make.participant(campaign, "Ada Lovelace"), make.participant(campaign, "Bob Ross")
    late = make.rater(ada, "peers", "Peer late")
    for i in range(3):
        make.rater(ada, "peers", f"Peer {i}")
    bobs = make.rater(bob, "peers", "Peer of Bob")
    about_ada = {
        tasks.email_invitation: (late.pk,),
        tasks.remind_rater: (late.pk,),
        tasks.email_participant_opening: (ada.pk,),
        tasks.email_approvers: (ada.pk,),
        tasks.remind_participant: (ada.pk,),
        tasks.send_reminders: (campaign.pk, 2),
    }
    # Every kind of task the campaigns queue: a new one must be placed here.
    assert set(about_ada) == {t for t in vars(tasks).values() if isinstance(t, Task)}
    for task, args in about_ada.items():
        task.enqueue(*args)
    DBTaskResult.objects.filter(task_path=tasks.send_reminders.module_path).update(
        status=TaskResultStatus.SUCCESSFUL, return_value=1, finished_at=timezone.now()
    )
    tasks.email_invitation.enqueue(invitation_id=late.pk)
    kept = [
        tasks.send_reminders.enqueue(campaign.pk, 7),  # not run yet: the campaign and a day
        tasks.remind_rater.enqueue(bobs.pk),
        tasks.remind_participant.enqueue(bob.pk),
    ]
    release_participants([ada], hr)
    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {
        result.id for result in kept
    }
