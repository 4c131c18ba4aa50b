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
    assert float(rows[0]["lead"]) == pytest.approx(13 / 3, abs=1e-15)
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
    assert float(row["leadership"]) == pytest.approx(4.0, abs=1e-12)
    assert float(row["management"]) == pytest.approx(4.0, abs=1e-12)
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
        ("respondent_id,l1,l2,l3,m1,m2\nr1,4,4,2,2,3", "line 1: missing an item column: m3"),
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
    cells = [rows[0]["A"], rows[0]["C"], rows[1]["A"]]
    assert [float(cell) for cell in cells] == pytest.approx([6.0, 3.0, 3.5], abs=1e-12)
    assert rows[1]["C"] == ""


def test_it_fills_missing_answers_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "respondent_id,C1\np1,2\np2,4\np3,")
    keys = ["--keys", "C=C1", "--min", "1", "--max", "5"]
    code, out, _ = score(runner, *keys, "--impute", "mean", "--responses", str(responses))
    assert code == 0
    p3 = next(r for r in csv.DictReader(io.StringIO(out)) if r["respondent_id"] == "p3")
    assert float(p3["C"]) == pytest.approx(3.0, abs=1e-12)


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


def test_it_writes_every_digit_so_the_scores_read_back_exactly(
    runner: CliRunner, tmp_path: Path
) -> None:
    # 2/3 and 13/3 need 16 or 17 significant digits; six decimals would be off by 3e-7.
    responses = write_csv(tmp_path / "r.csv", "respondent_id,A1,A2,A3\np1,1,1,\np2,4,4,5")
    keys = ["--keys", "A=A1,-A2,A3", "--min", "1", "--max", "5"]
    code, out, _ = score(runner, *keys, "--responses", str(responses))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert float(rows[0]["A"]) == (1 + 5) / 2
    assert float(rows[1]["A"]) == (4 + 2 + 5) / 3  # exactly the float of 11/3


def test_it_rounds_to_the_digits_asked_for(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "respondent_id,A1,A2,A3\np1,4,4,5\np2,3,3,3")
    keys = ["--keys", "A=A1,A2,A3", "--min", "1", "--max", "5"]
    code, out, _ = score(runner, *keys, "--digits", "2", "--responses", str(responses))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [rows[0]["A"], rows[1]["A"]] == ["4.33", "3"]


def test_it_scores_a_file_of_many_respondents_in_parts_like_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    # More rows than are scored at a time: each part must line up with its own ids.
    n = 120_001
    answers = [(i % 5 + 1, (i // 5) % 5 + 1) for i in range(n)]
    text = "respondent_id,A1,A2\n" + "".join(f"p{i},{a},{b}\n" for i, (a, b) in enumerate(answers))
    responses = tmp_path / "r.csv"
    responses.write_text(text)
    keys = ["--keys", "A=A1,A2", "--min", "1", "--max", "5"]
    code, out, _ = score(runner, *keys, "--responses", str(responses))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert len(rows) == n
    for i in (0, 49_999, 50_000, 100_000, n - 1):
        assert rows[i]["respondent_id"] == f"p{i}"
        assert float(rows[i]["A"]) == sum(answers[i]) / 2


def test_it_quotes_an_id_holding_a_comma(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", 'respondent_id,A1\n"Smith, Ann",2\nBob,4')
    keys = ["--keys", "A=A1", "--min", "1", "--max", "5"]
    code, out, _ = score(runner, *keys, "--responses", str(responses))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [row["respondent_id"] for row in rows] == ["Smith, Ann", "Bob"]


def test_it_reads_a_semicolon_file_with_decimal_commas(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "respondent_id;A1;A2\np1;3,0;4\np2;2;")
    keys = ["--keys", "A=A1,A2", "--min", "1", "--max", "5"]
    code, out, err = score(runner, *keys, "--responses", str(responses))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0, err
    assert [float(row["A"]) for row in rows] == [3.5, 2.0]


def test_it_reads_the_delimiter_it_is_told(runner: CliRunner, tmp_path: Path) -> None:
    # One column named "respondent_id;A1" would be read if the header decided alone.
    responses = write_csv(tmp_path / "r.csv", "respondent_id\tA1\np1\t3")
    keys = ["--keys", "A=A1", "--min", "1", "--max", "5"]
    args = [*keys, "--responses", str(responses)]
    code, out, _ = score(runner, *args, "--delimiter", "tab")
    assert code == 0
    assert float(next(csv.DictReader(io.StringIO(out)))["A"]) == 3.0
    code, _, err = score(runner, *args, "--delimiter", "comma")
    assert code == 2
    assert "missing an item column: A1" in err


def test_it_draws_no_progress_bar_when_stderr_is_not_a_terminal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file counts as big here; the runner's stderr is not a terminal.
    monkeypatch.setattr("twofold.cli.options.BAR_BYTES", 0)
    monkeypatch.setattr("twofold.cli.score.BAR_ROWS", 0)
    responses = write_csv(tmp_path / "r.csv", "respondent_id,A1\np1,2\np2,4")
    keys = ["--keys", "A=A1", "--min", "1", "--max", "5"]
    code, out, err = score(runner, *keys, "--responses", str(responses))
    assert code == 0
    assert err == ""
    assert out.splitlines()[0] == "respondent_id,A"


def test_it_writes_nothing_to_standard_output_when_the_norm_does_not_fit(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", GOOD)
    args = ["--instrument", str(tiny_file), "--responses", str(responses)]
    code, out, _ = score(runner, *args, "--norm", "tlmi-demo-simulated")
    assert code == 2
    assert out == ""


def test_it_warns_that_a_simulated_norm_is_not_for_real_scores(
    runner: CliRunner, tmp_path: Path
) -> None:
    from twofold.content import builtin_instrument

    items = builtin_instrument("tlmi").item_ids
    text = "respondent_id," + ",".join(items) + "\np1," + ",".join(["4"] * len(items))
    responses = write_csv(tmp_path / "r.csv", text)
    args = ["--instrument", "tlmi", "--responses", str(responses)]
    code, out, err = score(runner, *args, "--norm", "tlmi-demo-simulated")
    assert code == 0
    assert "leadership_pct" in out
    assert "simulated answers, not real people" in err
