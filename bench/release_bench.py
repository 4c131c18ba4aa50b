"""Release a closed campaign of 1,000 participants × 10 raters on SQLite, and time it.

Each participant has their own answers and ten raters (a manager, four peers,
three direct reports, two others) who all submitted, with comments, so every
release copies ten response sets, deletes the originals and closes ten
invitations. The campaign is built in bulk in a fresh data directory, then
released by the administrator through
:func:`twofold.web.campaigns.release.release_participants`, as the release
page does; the time is the release alone. Target: under 10 seconds.

With ``--again``, the campaign is then re-opened, three more peers' answers are
written for each participant, and it is closed and released a second time; that
release is timed too, against the same target. It judges every participant
beside their first release and copies every set again, the first release's
with the new ones.

Run it on its own: ``.venv/bin/python bench/release_bench.py`` (``--help``
for the sizes). The machine's load average is printed beside the result,
since other work on the machine shows in it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta

import numpy as np

TARGET_SECONDS = 10.0
GROUPS = ["manager"] + ["peers"] * 4 + ["direct_reports"] * 3 + ["others"] * 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument(
        "--again", action="store_true", help="also re-open, add three peers each, and release again"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="twofold-release-bench-") as home:
        os.environ["TWOFOLD_HOME"] = home
        os.environ.pop("DATABASE_URL", None)
        from twofold.cli.database import open_database

        open_database()
        campaign, admin = build(args.participants)
        times = [release(campaign, admin)]
        if args.again:
            add_peers(campaign, admin)
            times.append(release(campaign, admin))
    raters = args.participants * len(GROUPS)
    print(
        f"released {args.participants:,} participants × {len(GROUPS)} raters ({raters:,} answers)"
    )
    for label, (seconds, cpu) in zip(("first", "second"), times, strict=False):
        print(
            f"  {label} release: {seconds:.2f} s (target under {TARGET_SECONDS:.0f} s); "
            f"CPU {cpu:.2f} s"
        )
    print(f"  load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    if any(seconds >= TARGET_SECONDS for seconds, _ in times):
        sys.exit(1)


def build(participants: int):  # type: ignore[no-untyped-def]
    """A closed campaign whose raters have all answered, made in bulk."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from twofold.content import builtin_instrument
    from twofold.web.accounts.models import Membership, Role
    from twofold.web.assessments.models import Assessment, ResponseSet
    from twofold.web.campaigns.models import Campaign, Invitation, Participant, Status
    from twofold.web.organisations.models import Organisation, Person

    instrument = builtin_instrument("tlmi")
    rng = np.random.default_rng(20261203)
    now = timezone.now()
    with transaction.atomic():
        org = Organisation.objects.create(name="Bench", slug="bench")
        admin = get_user_model().objects.create_user("hr@bench.example", "hr@bench.example")
        Membership.objects.create(user=admin, organisation=org, role=Role.ADMIN)
        campaign = Campaign.objects.create(
            organisation=org,
            name="Bench 360",
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            status=Status.CLOSED,
            deadline=now - timedelta(days=1),
            closed_at=now - timedelta(hours=1),
        )
        people = Person.objects.bulk_create(
            Person(organisation=org, name=f"Person {i}", email=f"p{i}@bench.example")
            for i in range(participants)
        )
        assessments = Assessment.objects.bulk_create(
            Assessment(
                subject_name=p.name,
                instrument_id=instrument.id,
                instrument_version=instrument.version,
                answers_until=campaign.closed_at,
            )
            for p in people
        )
        chosen = Participant.objects.bulk_create(
            Participant(campaign=campaign, person=p, assessment=a)
            for p, a in zip(people, assessments, strict=True)
        )
        sets = []
        for a in assessments:
            for group in ["self", *GROUPS]:
                answers = dict(
                    zip(
                        instrument.item_ids,
                        rng.integers(1, 6, instrument.item_ids.__len__()).tolist(),
                        strict=True,
                    )
                )
                sets.append(
                    ResponseSet(
                        assessment=a,
                        rater_role=group,
                        instrument_id=instrument.id,
                        instrument_version=instrument.version,
                        answers=answers,
                        comments={} if group == "self" else {"strength": "Listens well."},
                        submitted_at=now - timedelta(days=2),
                    )
                )
        sets = ResponseSet.objects.bulk_create(sets, batch_size=2000)
        by_assessment: dict[int, list[ResponseSet]] = {}
        for s in sets:
            if s.rater_role != "self":
                by_assessment.setdefault(s.assessment_id, []).append(s)
        Invitation.objects.bulk_create(
            (
                Invitation(
                    participant=p,
                    group=s.rater_role,
                    name=f"Rater {i}",
                    email=f"r{p.pk}-{i}@bench.example",
                    status="sent",
                    response_set=s,
                    sent_at=now - timedelta(days=5),
                )
                for p in chosen
                for i, s in enumerate(by_assessment[p.assessment_id])
            ),
            batch_size=2000,
        )
    return campaign, admin


def add_peers(campaign, admin) -> None:  # type: ignore[no-untyped-def]
    """Re-open the released campaign, let three more peers of each participant answer, close it."""
    from django.utils import timezone

    from twofold.content import builtin_instrument
    from twofold.web.assessments.models import ResponseSet
    from twofold.web.campaigns.models import Status
    from twofold.web.campaigns.release import reopen

    instrument = builtin_instrument("tlmi")
    rng = np.random.default_rng(20270112)
    now = timezone.now()
    reopen(campaign, now + timedelta(days=7), admin)
    ResponseSet.objects.bulk_create(
        (
            ResponseSet(
                assessment_id=participant.assessment_id,
                rater_role="peers",
                instrument_id=instrument.id,
                instrument_version=instrument.version,
                answers=dict(
                    zip(
                        instrument.item_ids,
                        rng.integers(1, 6, len(instrument.item_ids)).tolist(),
                        strict=True,
                    )
                ),
                comments={"strength": "Explains why."},
                submitted_at=now,
            )
            for participant in campaign.participants.all()
            for _ in range(3)
        ),
        batch_size=2000,
    )
    campaign.status, campaign.closed_at = Status.CLOSED, now
    campaign.save(update_fields=["status", "closed_at"])
    campaign.sync_answer_window()


def release(campaign, admin) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    from twofold.web.campaigns.release import release_participants
    from twofold.web.campaigns.release_plans import RELEASED

    participants = list(campaign.participants.all())
    start, cpu = time.perf_counter(), time.process_time()
    outcomes = release_participants(participants, admin)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert all(o.state == RELEASED for o in outcomes)
    return seconds, cpu


if __name__ == "__main__":
    main()
