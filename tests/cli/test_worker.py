"""twofold worker: runs what the web server queued, from the database queue."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.web.campaigns.nominations.world import build

from twofold.cli.main import cli
from twofold.web.campaigns import invitations, tasks
from twofold.web.campaigns.models import Invitation

# The worker closes the connection between tasks, as it should in production,
# which a test inside one transaction does not survive.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def signal_handlers() -> Iterator[None]:
    """The worker takes over Ctrl-C and SIGTERM to stop cleanly; give them back afterwards."""
    names = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    saved = {name: signal.getsignal(name) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(name, handler)


INVITATION_TASK = "twofold.web.campaigns.tasks.email_invitation"


def manager_invitation() -> Invitation:
    """Mia, invited as Pat's manager, with her email queued in the database.

    Building the organisation also queues its accounts' invitations to choose a
    password; those are not what these tests are about, so they are dropped.
    """
    world = build()
    DBTaskResult.objects.all().delete()
    invitation = world.participant.invitations.get(group="manager")
    assert invitations.send(invitation) is True
    return invitation


def test_it_sends_the_queued_emails_and_exits_in_batch_mode(runner: CliRunner) -> None:
    invitation = manager_invitation()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == INVITATION_TASK
    assert mail.outbox == []

    result = runner.invoke(cli, ["worker", "--batch"])

    assert result.exit_code == 0, result.output
    assert [message.to for message in mail.outbox] == [["mia@acme.example"]]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_it_leaves_a_task_queued_for_later_in_the_queue(runner: CliRunner) -> None:
    world = build()
    DBTaskResult.objects.all().delete()
    later = timezone.now() + timedelta(days=3)
    tasks.send_reminders.using(run_after=later).enqueue(world.campaign.pk, 7)

    result = runner.invoke(cli, ["worker", "--batch"])

    assert result.exit_code == 0, result.output
    assert DBTaskResult.objects.get().status == "READY"
    assert mail.outbox == []


def test_a_task_the_worker_runs_twice_sends_once(runner: CliRunner) -> None:
    invitation = manager_invitation()
    tasks.email_invitation.enqueue(invitation.pk)

    result = runner.invoke(cli, ["worker", "--batch"])

    assert result.exit_code == 0, result.output
    assert len(mail.outbox) == 1
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_it_says_where_links_lead_when_site_url_is_unset(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    result = runner.invoke(cli, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    default = "Emails will link to http://localhost:8000 (the default); to change it, set SITE_URL"
    assert default in result.output


def test_it_says_nothing_of_links_when_site_url_is_set(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITE_URL", "https://twofold.example.org")
    result = runner.invoke(cli, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    assert "SITE_URL" not in result.output


@pytest.mark.parametrize("args", [["--interval", "0"], ["--max-tasks", "0"]])
def test_it_refuses_bad_options(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, ["worker", *args])
    assert result.exit_code == 2
    assert args[0] in result.stderr
