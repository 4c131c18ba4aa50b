"""``twofold norms``: build, show and list norm tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.cli.conftest import write_csv

from twofold.cli.main import cli

GROUP = """
respondent_id,l1,l2,l3,m1,m2,m3
r1,4,5,2,2,3,3
r2,3,3,3,4,4,4
r3,1,2,5,5,5,5
r4,2,2,4,3,,3
"""


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
    responses = write_csv(tmp_path / "r.csv", GROUP)
    code, out, _ = build(runner, tiny_file, responses, "--description", "Pilot managers")
    assert code == 0
    assert "built norm 'pilot' for tiny@1.0 from 4 respondent(s)" in out
    stored = json.loads((home / "norms" / "pilot.json").read_text())
    assert stored["instrument"] == {"id": "tiny", "version": "1.0"}
    assert stored["description"] == "Pilot managers"
    assert stored["scales"]["lead"]["n"] == 4


def test_it_refuses_to_overwrite_a_norm_without_replace(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GROUP)
    assert build(runner, tiny_file, responses)[0] == 0
    code, _, err = build(runner, tiny_file, responses)
    assert code == 2
    assert "a norm called 'pilot' already exists" in err
    assert "--replace" in err
    assert build(runner, tiny_file, responses, "--replace")[0] == 0


def test_it_refuses_a_built_in_name(runner: CliRunner, tiny_file: Path, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", GROUP)
    args = ["build", "--instrument", str(tiny_file), "--responses", str(responses)]
    code, _, err = norms(runner, *args, "--name", "tlmi-demo-simulated")
    assert code == 2
    assert "built-in norm" in err


def test_it_names_the_line_and_column_of_a_bad_answer(
    runner: CliRunner, tiny_file: Path, tmp_path: Path, home: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GROUP.replace("r2,3,3,3", "r2,3,9,3"))
    code, _, err = build(runner, tiny_file, responses)
    assert code == 2
    assert "line 3, column l2: '9' is not a whole number from 1 to 5" in err
    assert not (home / "norms" / "pilot.json").exists()


def test_it_refuses_a_name_that_cannot_be_a_file_name(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GROUP)
    args = ["build", "--instrument", str(tiny_file), "--responses", str(responses)]
    code, _, err = norms(runner, *args, "--name", "../escape")
    assert code == 2
    assert "is not a norm name" in err


def test_it_shows_a_norm_as_a_table(runner: CliRunner, tiny_file: Path, tmp_path: Path) -> None:
    build(runner, tiny_file, write_csv(tmp_path / "r.csv", GROUP))
    code, out, _ = norms(runner, "show", "pilot")
    assert code == 0
    assert "Norm 'pilot' for tiny@1.0" in out
    lead = next(line for line in out.splitlines() if line.startswith("lead "))
    # lead (l3 reverse-keyed) scores 13/3, 3, 4/3, 2: n 4, mean 32/12 = 2.67
    assert lead.split()[1:4] == ["scale", "4", "2.67"]


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
    build(runner, tiny_file, write_csv(tmp_path / "r.csv", GROUP))
    code, out, _ = norms(runner, "list")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert "built-in" in rows["tlmi-demo-simulated"]
    assert "[simulated]" in rows["tlmi-demo-simulated"]
    assert "stored" in rows["pilot"]
