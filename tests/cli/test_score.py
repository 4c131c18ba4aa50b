"""``twofold score``: good files score, bad files get a clear error and no output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.cli.conftest import write_csv

from twofold.cli.main import cli

GOOD = """
respondent_id,name,l1,l2,l3,m1,m2,m3
r1,Ann,4,5,2,2,3,
r2,Bob,3,,,4,4,4
"""


def score(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["score", *args])
    return result.exit_code, result.stdout, result.stderr


def test_it_writes_one_column_per_scale_and_composite(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GOOD)
    code, out, err = score(runner, "--instrument", str(tiny_file), "--responses", str(responses))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:5] == ["respondent_id", "lead", "man", "L", "M"]
    assert rows[0]["lead"] == "4.333333"
    assert rows[0]["region"] == "visionary"
    assert rows[1]["lead"] == ""
    assert "note: ignored columns: name" in err


def test_it_writes_json_with_the_instrument_version(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GOOD)
    out_file = tmp_path / "scores.json"
    args = ["--instrument", str(tiny_file), "--responses", str(responses)]
    code, _, _ = score(runner, *args, "--format", "json", "--out", str(out_file))
    data = json.loads(out_file.read_text())
    assert code == 0
    assert data["instrument"] == "tiny@1.0"
    assert data["respondents"][1]["scales"]["lead"] == {"score": None, "answered": 1}


def test_it_scores_with_a_builtin_instrument_by_id(runner: CliRunner, tmp_path: Path) -> None:
    from twofold.content import builtin_instrument

    items = builtin_instrument("tlmi").item_ids
    text = "respondent_id," + ",".join(items) + "\np1," + ",".join(["4"] * len(items))
    responses = write_csv(tmp_path / "r.csv", text)
    code, out, _ = score(runner, "--instrument", "tlmi", "--responses", str(responses))
    assert code == 0
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["leadership"] == "4"
    assert row["management"] == "4"
    assert row["balanced"] == "true"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "respondent_id,l1,l2,l3,m1,m2,m3\nr1,4,x,2,2,3,1",
            "line 2, column l2: 'x' is not a number",
        ),
        (
            "respondent_id,l1,l2,l3,m1,m2,m3\nr1,4,4,2,2,3,1\nr2,4,9,2,2,3,1",
            "line 3, column l2: '9' is not a whole number from 1 to 5",
        ),
        (
            "respondent_id,l1,l2,l3,m1,m2,m3\nr1,4,4,2,2,3,1\nr1,4,4,2,2,3,1",
            "line 3, column respondent_id: 'r1' repeats the id on line 2",
        ),
        ("respondent_id,l1,l2,l3,m1,m2\nr1,4,4,2,2,3", "line 1: missing item column(s): m3"),
        ("id,l1,l2,l3,m1,m2,m3\nr1,4,4,2,2,3,1", "line 1: no 'respondent_id' column"),
        ("respondent_id,l1,l2,l3,m1,m2,m3\nr1,4,4,2,2,3,nan", "'nan' is not a whole number"),
        ("respondent_id,l1,l2,l3,m1,m2,m3\nr1,4,4.5,2,2,3,1", "'4.5' is not a whole number"),
    ],
)
def test_it_names_the_line_and_column_of_bad_input_and_writes_nothing(
    runner: CliRunner, tiny_file: Path, tmp_path: Path, body: str, message: str
) -> None:
    responses = write_csv(tmp_path / "r.csv", body)
    out_file = tmp_path / "scores.csv"
    args = ["--instrument", str(tiny_file), "--responses", str(responses), "--out", str(out_file)]
    code, _, err = score(runner, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert not out_file.exists()


def test_it_refuses_a_file_with_no_respondents(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", "respondent_id,l1,l2,l3,m1,m2,m3")
    out_file = tmp_path / "scores.csv"
    args = ["--instrument", str(tiny_file), "--responses", str(responses), "--out", str(out_file)]
    code, _, err = score(runner, *args)
    assert code == 2
    assert f"{responses}: no respondents" in err
    assert not out_file.exists()


def test_it_refuses_to_write_the_scores_over_the_responses_file(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GOOD)
    (tmp_path / "sub").mkdir()
    for out_file in (responses, tmp_path / "sub" / ".." / "r.csv"):
        args = ["--instrument", str(tiny_file), "--responses", str(responses)]
        code, _, err = score(runner, *args, "--out", str(out_file))
        assert code == 2
        assert f"--out: would overwrite the responses file {responses}" in err
    assert responses.read_text() == GOOD.strip() + "\n"


def test_it_explains_an_unknown_instrument_id(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", GOOD)
    code, _, err = score(runner, "--instrument", "nope", "--responses", str(responses))
    assert code == 2
    assert "A problem in nope:" in err
    assert "no built-in instrument and no file by that name (built-in: tlmi)" in err


def test_it_scores_scales_given_inline_as_keys(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "respondent_id,A1,A2,C1\np1,1,6,3\np2,6,6,")
    keys = ["--keys", "A=-A1,A2;C=C1", "--min", "1", "--max", "6"]
    code, out, _ = score(runner, *keys, "--responses", str(responses))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [rows[0]["A"], rows[0]["C"], rows[1]["A"], rows[1]["C"]] == ["6", "3", "3.5", ""]


def test_it_fills_missing_answers_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "respondent_id,C1\np1,2\np2,4\np3,")
    keys = ["--keys", "C=C1", "--min", "1", "--max", "5"]
    code, out, _ = score(runner, *keys, "--impute", "mean", "--responses", str(responses))
    assert code == 0
    assert (
        next(r for r in csv.DictReader(io.StringIO(out)) if r["respondent_id"] == "p3")["C"] == "3"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--keys", "A=A1"], "--keys needs --min and --max"),
        ([], "give either --instrument"),
        (["--keys", "A=", "--min", "1", "--max", "5"], "expected NAME=ITEM,ITEM"),
    ],
)
def test_it_explains_bad_scale_options(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    responses = write_csv(tmp_path / "r.csv", "respondent_id,A1\np1,1")
    code, _, err = score(runner, *args, "--responses", str(responses))
    assert code == 2
    assert message in err


def test_it_adds_percentiles_and_t_scores_against_a_norm(runner: CliRunner, tmp_path: Path) -> None:
    from twofold.content import builtin_instrument

    items = builtin_instrument("tlmi").item_ids
    text = "respondent_id," + ",".join(items) + "\np1," + ",".join(["5"] * len(items))
    responses = write_csv(tmp_path / "r.csv", text)
    args = ["--instrument", "tlmi", "--responses", str(responses)]
    code, out, _ = score(runner, *args, "--norm", "tlmi-demo-simulated")
    row = next(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert float(row["leadership_pct"]) > 99
    assert float(row["leadership_t"]) > 70


def test_it_names_the_norm_option_when_the_norm_does_not_exist(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GOOD)
    args = ["--instrument", str(tiny_file), "--responses", str(responses)]
    code, _, err = score(runner, *args, "--norm", "nosuch")
    assert code == 2
    assert err.startswith("Error: --norm: no norm called 'nosuch' (known: ")
    assert "tlmi-demo-simulated" in err


def test_it_refuses_a_norm_of_another_instrument(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GOOD)
    args = ["--instrument", str(tiny_file), "--responses", str(responses)]
    code, _, err = score(runner, *args, "--norm", "tlmi-demo-simulated")
    assert code == 2
    assert "tlmi@1.0" in err


def test_it_refuses_a_scale_named_like_another_output_column(
    runner: CliRunner, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", "respondent_id,a1,a2\np1,1,2\np2,3,4")
    keys = ["--keys", "respondent_id=a1,a2", "--min", "1", "--max", "5"]
    code, out, err = score(runner, *keys, "--responses", str(responses))
    assert code == 2
    assert "two columns called respondent_id" in err
    assert out == ""
