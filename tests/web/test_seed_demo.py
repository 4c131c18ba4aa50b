"""manage.py seed_demo, and the demo report paths the CLI prints."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from twofold.content import builtin_instrument
from twofold.web.assessments import services
from twofold.web.assessments.models import Assessment


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_it_creates_three_completed_demo_assessments(db: None) -> None:
    output = _seed()
    demos = Assessment.objects.filter(is_demo=True, completed_at__isnull=False)
    assert demos.count() == 3
    for demo in demos:
        assert f"/report/{demo.report_token}/" in output


def test_it_shows_three_different_regions(db: None) -> None:
    _seed()
    regions = {
        services.report_for(demo).profile.region  # type: ignore[union-attr]
        for demo in Assessment.objects.filter(is_demo=True)
    }
    assert regions == {"integrator", "visionary", "steward"}


def test_it_is_idempotent(db: None) -> None:
    _seed()
    answers = {a.pk: a.self_response_set().answers for a in Assessment.objects.all()}
    output = _seed()
    assert Assessment.objects.count() == 3
    assert {a.pk: a.self_response_set().answers for a in Assessment.objects.all()} == answers
    assert output.count("(exists)") == 3


# Each demo person's 48 answers in the inventory's item order, as this code
# produced them when the demo was written: every installation must show them.
DEMO_ANSWERS = {
    "Demo — Sam Okafor": "344455545433544544444544445454545333555444444444",
    "Demo — Lena Fischer": "445333445234444343444333445342444323544333554222",
    "Demo — Ravi Menon": "223544223454222544333445333544223545322455332445",
}


def test_it_gives_the_same_answers_on_every_installation(db: None) -> None:
    _seed()
    item_ids = builtin_instrument("tlmi").item_ids
    stored = {
        a.subject_name: "".join(str(a.self_response_set().answers[i]) for i in item_ids)
        for a in Assessment.objects.filter(is_demo=True)
    }
    assert stored == DEMO_ANSWERS


def test_demo_report_paths_lists_only_demos(db: None, completed: Assessment) -> None:
    _seed()
    paths = services.demo_report_paths()
    assert len(paths) == 3
    assert all(p.startswith("/report/") for p in paths)
    assert f"/report/{completed.report_token}/" not in paths


def test_it_stays_quiet_at_verbosity_zero(db: None) -> None:
    # `twofold serve --demo` prints the full links itself.
    out = StringIO()
    call_command("seed_demo", stdout=out, verbosity=0)
    assert out.getvalue() == ""
