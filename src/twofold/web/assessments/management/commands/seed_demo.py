"""``seed_demo``: create the three demo assessments (safe to run again)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from twofold.web.assessments.demo import seed_demo


class Command(BaseCommand):
    help = (
        "Create three completed demo assessments of fictional people (an Integrator, "
        "a Visionary and a Steward) and print their report paths. Running it again "
        "creates nothing new."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for assessment, created in seed_demo():
            if options["verbosity"] < 1:
                continue
            state = "created" if created else "exists"
            self.stdout.write(
                f"{assessment.subject_name}: {assessment.get_absolute_url()} ({state})"
            )
