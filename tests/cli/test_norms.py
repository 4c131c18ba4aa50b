"""``twofold norms``: build, show and list norm tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.cli.conftest import write_csv

from twofold.cli.main import cli

# Four answer sets whose tiny-instrument scores are easy to compute by hand.
ANSWERS = ("4,5,2,2,3,3", "3,3,3,4,4,4", "1,2,5,5,5,5", "2,2,4,3,,3")


def norm_group(people: int = 20) -> str:
    """A responses CSV of *people* respondents r1, r2, …, cycling through ANSWERS."""
    rows = [f"r{i + 1},{ANSWERS[i % len(ANSWERS)]}" for i in range(people)]
    return "respondent_id,l1,l2,l3,m1,m2,m3\n" + "\n".join(rows)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private TWOFOLD_HOME for each test, so that norms never leak between tests."""
    monkeypatch.setenv("TWOFOLD_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def norms(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["norms", *args])
    return result.exit_code, result.stdout, result.stderr


def build(
    runner: CliRunner, instrument: Path, responses: Path, *extra: str
) -> tuple[int, str, str]:
    args = ["build", "--instrument", str(instrument), "--responses", str(responses)]
    return norms(runner, *args, "--name", "pilot", *extra)


def test_it_builds_and_stores_a_norm(
    runner: CliRunner, tiny_file: Path, tmp_path: Path, home: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", norm_group())
    code, out, _ = build(runner, tiny_file, responses, "--description", "Pilot managers")
    assert code == 0
    assert "built norm 'pilot' for tiny@1.0 from 20 respondents" in out
    stored = json.loads((home / "norms" / "pilot.json").read_text())
    assert stored["instrument"] == {"id": "tiny", "version": "1.0"}
    assert stored["description"] == "Pilot managers"
    assert stored["scales"]["lead"]["n"] == 20


def test_it_refuses_a_norm_group_of_fewer_than_ten_people(
    runner: CliRunner, tiny_file: Path, tmp_path: Path, home: Path
) -> None:
    code, _, err = build(runner, tiny_file, write_csv(tmp_path / "r.csv", norm_group(9)))
    assert code == 2
    assert "a norm group needs at least 10 respondents, got 9" in err
    assert "percentile ranks from fewer than 10 people would mislead" in err
    assert "Traceback" not in err
    assert not (home / "norms" / "pilot.json").exists()


def test_it_names_the_scale_too_few_people_have_a_score_on(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    # Twelve people answered the leadership items, only r1 and r2 the management ones.
    rows = [f"r{i},4,5,2" + (",2,3,3" if i <= 2 else ",,,") for i in range(1, 13)]
    text = "respondent_id,l1,l2,l3,m1,m2,m3\n" + "\n".join(rows)
    code, _, err = build(runner, tiny_file, write_csv(tmp_path / "r.csv", text))
    assert code == 2
    assert "at least 10 respondents with a score, but man has 2, M has 2" in err


def test_it_warns_that_ranks_from_fewer_than_100_people_are_rough(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    code, _, err = build(runner, tiny_file, write_csv(tmp_path / "r.csv", norm_group(20)))
    assert code == 0
    assert (
        "note: percentile ranks are rough on scales with fewer than 100 respondents "
        "with a score: lead (20), man (20), L (20), M (20)"
    ) in err
    _, shown, _ = norms(runner, "show", "pilot")
    assert "Rough: fewer than 100 people with a score on lead (20), man (20)" in shown
    big = write_csv(tmp_path / "big.csv", norm_group(100))
    code, _, err = build(runner, tiny_file, big, "--replace")
    assert code == 0
    assert "rough" not in err
    assert "Rough" not in norms(runner, "show", "pilot")[1]


def test_it_refuses_to_overwrite_a_norm_without_replace(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", norm_group())
    assert build(runner, tiny_file, responses)[0] == 0
    code, _, err = build(runner, tiny_file, responses)
    assert code == 2
    assert "a norm called 'pilot' already exists" in err
    assert "--replace" in err
    assert build(runner, tiny_file, responses, "--replace")[0] == 0


def test_it_refuses_a_built_in_name(runner: CliRunner, tiny_file: Path, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", norm_group())
    args = ["build", "--instrument", str(tiny_file), "--responses", str(responses)]
    code, _, err = norms(runner, *args, "--name", "tlmi-demo-simulated")
    assert code == 2
    assert "built-in norm" in err


def test_it_names_the_line_and_column_of_a_bad_answer(
    runner: CliRunner, tiny_file: Path, tmp_path: Path, home: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", norm_group().replace("r2,3,3,3", "r2,3,9,3"))
    code, _, err = build(runner, tiny_file, responses)
    assert code == 2
    assert "line 3, column l2: '9' is not a whole number from 1 to 5" in err
    assert not (home / "norms" / "pilot.json").exists()


def test_it_refuses_a_name_that_cannot_be_a_file_name(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", norm_group())
    args = ["build", "--instrument", str(tiny_file), "--responses", str(responses)]
    code, _, err = norms(runner, *args, "--name", "../escape")
    assert code == 2
    assert "is not a norm name" in err


def test_it_shows_a_norm_as_a_table(runner: CliRunner, tiny_file: Path, tmp_path: Path) -> None:
    build(runner, tiny_file, write_csv(tmp_path / "r.csv", norm_group()))
    code, out, _ = norms(runner, "show", "pilot")
    assert code == 0
    assert "Norm 'pilot' for tiny@1.0" in out
    lead = next(line for line in out.splitlines() if line.startswith("lead "))
    # lead (l3 reverse-keyed) scores 13/3, 3, 4/3, 2, five each: n 20, mean 32/12 = 2.67
    assert lead.split()[1:4] == ["scale", "20", "2.67"]


def test_it_shows_the_demo_norm_as_simulated(runner: CliRunner) -> None:
    code, out, _ = norms(runner, "show", "tlmi-demo-simulated")
    assert code == 0
    assert "SIMULATED" in out
    code, out, _ = norms(runner, "show", "tlmi-demo-simulated", "--json")
    assert json.loads(out)["simulated"] is True


def test_it_names_the_known_norms_when_one_is_missing(runner: CliRunner) -> None:
    code, _, err = norms(runner, "show", "nope")
    assert code == 2
    assert "no norm called 'nope'" in err
    assert "tlmi-demo-simulated" in err


def test_it_lists_built_in_and_stored_norms(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    build(runner, tiny_file, write_csv(tmp_path / "r.csv", norm_group()))
    code, out, _ = norms(runner, "list")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert "built-in" in rows["tlmi-demo-simulated"]
    assert "[simulated]" in rows["tlmi-demo-simulated"]
    assert "stored" in rows["pilot"]


def test_it_lists_a_corrupt_norm_file_as_unreadable_with_the_reason(
    runner: CliRunner, home: Path
) -> None:
    (home / "norms").mkdir(parents=True)
    (home / "norms" / "broken.json").write_text("{")
    code, out, _ = norms(runner, "list")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert "built-in" in rows["tlmi-demo-simulated"]
    assert rows["broken"].startswith("broken")
    assert "unreadable: norm 'broken'" in rows["broken"]
    assert "is not a norm file: Invalid JSON" in rows["broken"]


def test_it_says_cleanly_why_a_corrupt_norm_cannot_be_shown(runner: CliRunner, home: Path) -> None:
    (home / "norms").mkdir(parents=True)
    (home / "norms" / "broken.json").write_text("{")
    code, _, err = norms(runner, "show", "broken")
    assert code == 2
    assert f"({home / 'norms' / 'broken.json'}) is not a norm file: Invalid JSON" in err
    assert ": :" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "other",
    ["lead=l1,l2,l3;man=m1,m2", "lead=l1,l2,-l3;man=m1,m2,m3", "lead=l1,l2,l3;mgmt=m1,m2,m3"],
)
def test_it_refuses_a_norm_built_from_other_inline_scales(
    runner: CliRunner, tmp_path: Path, home: Path, other: str
) -> None:
    responses = write_csv(tmp_path / "r.csv", norm_group())
    keys = ("--keys", "lead=l1,l2,l3;man=m1,m2,m3", "--min", "1", "--max", "5")
    code, _, _ = norms(runner, "build", *keys, "--responses", str(responses), "--name", "pilot")
    assert code == 0
    args = ["score", "--keys", other, "--min", "1", "--max", "5", "--responses", str(responses)]
    result = runner.invoke(cli, [*args, "--norm", "pilot"])
    assert result.exit_code == 2
    assert "norm 'pilot' belongs to keys-" in result.stderr
    same = runner.invoke(cli, ["score", *keys, "--responses", str(responses), "--norm", "pilot"])
    assert same.exit_code == 0, same.stderr
