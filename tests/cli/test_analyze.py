"""``twofold analyze``: a readable table, full-precision JSON, clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from numpy.testing import assert_allclose
from tests.cli.conftest import write_csv

from twofold.cli.main import cli
from twofold.core.instrument import instrument_from_keys

DATA = Path(__file__).parents[1] / "reference" / "data"
COMPLETE = DATA / "reliability_complete.csv"
EXPECTED = DATA.parent / "reliability_expected.json"
KEYS = ["--keys", "A=a1,a2,a3,-a4,a5,a6", "--min", "1", "--max", "6"]
SCALE_FIELDS = {
    "n",
    "mean",
    "sd",
    "alpha",
    "alpha_std",
    "lambda6",
    "average_r",
    "omega_total",
    "sem",
    "alpha_ci95",
    "items",
    "reasons",
}
SMALL = """
x1,x2,x3,y1,team
1,2,2,4,north
2,2,3,5,north
3,4,3,3,south
4,4,5,,south
"""


def analyze(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["analyze", *args])
    return result.exit_code, result.stdout, result.stderr


def as_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    code, out, _ = analyze(runner, *args, "--json")
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    return data


def test_it_prints_the_coefficients_of_each_scale(runner: CliRunner) -> None:
    code, out, _ = analyze(runner, *KEYS, "--responses", str(COMPLETE))
    assert code == 0
    assert "alpha 0.763 [0.691, 0.823]" in out
    assert "omega total 0.770" in out


def test_it_flags_an_item_without_which_alpha_rises(runner: CliRunner) -> None:
    _, out, _ = analyze(runner, *KEYS, "--responses", str(COMPLETE))
    row = next(line for line in out.splitlines() if line.strip().startswith("a6 "))
    assert "← alpha rises to 0.765 without it" in row


def test_it_flags_an_item_with_a_low_corrected_item_total_correlation(
    runner: CliRunner, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", SMALL)
    _, out, _ = analyze(
        runner, "--keys", "X=x1,x2,-x3", "--min", "1", "--max", "5", "--responses", str(responses)
    )
    row = next(line for line in out.splitlines() if line.strip().startswith("x3 "))
    assert "r.drop" in row.split("←")[1]


def test_it_leaves_unflagged_items_alone(runner: CliRunner) -> None:
    _, out, _ = analyze(runner, *KEYS, "--responses", str(COMPLETE))
    row = next(line for line in out.splitlines() if line.strip().startswith("a1 "))
    assert "←" not in row


def test_it_prints_json_with_exactly_the_agreed_fields(runner: CliRunner) -> None:
    data = as_json(runner, *KEYS, "--responses", str(COMPLETE))
    assert set(data["scales"]["A"]) == SCALE_FIELDS


def test_it_prints_the_items_with_exactly_the_agreed_fields(runner: CliRunner) -> None:
    data = as_json(runner, *KEYS, "--responses", str(COMPLETE))
    item_fields = {"n", "mean", "sd", "r_drop", "alpha_if_deleted", "reasons"}
    assert all(set(item) == item_fields for item in data["scales"]["A"]["items"].values())


def test_it_prints_json_at_full_precision(runner: CliRunner) -> None:
    # In R (tests/reference/reliability.R): psych::alpha(x)$total$raw_alpha and
    # psych::alpha.ci, written with 15 significant digits.
    want = json.loads(EXPECTED.read_text())["complete"]["pairwise"]
    data = as_json(runner, *KEYS, "--responses", str(COMPLETE))
    scale = data["scales"]["A"]
    got = [scale["alpha"], scale["alpha_ci95"]["lower"], scale["alpha_ci95"]["upper"]]
    lower, upper = want["alpha_ci95"]["lower"], want["alpha_ci95"]["upper"]
    assert_allclose(got, [want["alpha"], lower, upper], rtol=1e-13)


def test_it_names_the_instrument_and_the_options_in_json(runner: CliRunner) -> None:
    data = as_json(
        runner, *KEYS, "--responses", str(COMPLETE), "--impute", "median", "--missing", "listwise"
    )
    head = (data["instrument"], data["impute"], data["missing"])
    inline = instrument_from_keys("A=a1,a2,a3,-a4,a5,a6", 1, 6).ref  # a fingerprint of the keys
    assert head == (inline, "median", "listwise")


def test_it_writes_null_with_a_reason_for_an_undefined_value(
    runner: CliRunner, tmp_path: Path
) -> None:
    responses = write_csv(tmp_path / "r.csv", SMALL)
    data = as_json(
        runner,
        "--keys",
        "X=x1,x2,x3;Y=y1",
        "--min",
        "1",
        "--max",
        "5",
        "--responses",
        str(responses),
    )
    scale = data["scales"]["Y"]
    assert (scale["alpha"], scale["reasons"]["alpha"]) == (None, "scale has one item")


def test_it_never_prints_nan_as_a_number(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", SMALL)
    _, out, _ = analyze(
        runner,
        "--keys",
        "X=x1,x2,x3;Y=y1",
        "--min",
        "1",
        "--max",
        "5",
        "--responses",
        str(responses),
    )
    assert "nan" not in out.lower()


def test_it_reads_the_scales_of_an_instrument_file(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    text = "l1,l2,l3,m1,m2,m3\n4,5,2,2,3,3\n3,4,2,4,4,4\n2,2,4,3,3,2\n5,4,1,4,5,4\n"
    responses = write_csv(tmp_path / "r.csv", text)
    data = as_json(runner, "--instrument", str(tiny_file), "--responses", str(responses))
    assert set(data["scales"]) == {"lead", "man"}


def test_it_notes_the_columns_it_ignored(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", SMALL)
    _, _, err = analyze(
        runner, "--keys", "X=x1,x2,x3", "--min", "1", "--max", "5", "--responses", str(responses)
    )
    assert "note: ignored columns: y1, team" in err


def test_it_names_the_line_and_column_of_a_bad_answer(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "x1,x2,x3\n1,2,3\n2,9,3\n")
    code, _, err = analyze(
        runner, "--keys", "X=x1,x2,x3", "--min", "1", "--max", "5", "--responses", str(responses)
    )
    assert code == 2
    assert "line 3, column x2: '9' is not a whole number from 1 to 5" in err


def test_it_refuses_keys_without_a_response_range(runner: CliRunner) -> None:
    code, _, err = analyze(runner, "--keys", "X=x1,x2", "--responses", str(COMPLETE))
    assert code == 2
    assert "--keys needs --min and --max" in err


def test_it_refuses_a_file_without_answers(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "x1,x2,x3")
    code, _, err = analyze(
        runner, "--keys", "X=x1,x2,x3", "--min", "1", "--max", "5", "--responses", str(responses)
    )
    assert code == 2
    assert "no rows of answers" in err


def test_it_refuses_an_unknown_missing_policy(runner: CliRunner) -> None:
    code, _, err = analyze(runner, *KEYS, "--responses", str(COMPLETE), "--missing", "all")
    assert code == 2
    assert "'all' is not one of 'pairwise', 'listwise'" in err


def test_it_names_the_built_in_instruments_for_an_unknown_id(runner: CliRunner) -> None:
    code, _, err = analyze(runner, "--instrument", "TLMI", "--responses", str(COMPLETE))
    assert code == 2
    assert "no built-in instrument and no file by that name (built-in: tlmi)" in err


def test_it_reports_a_data_folder_it_cannot_use_without_a_traceback(
    runner: CliRunner, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    rows = "".join(f"{1 + i % 5},{1 + i % 3},{1 + i % 4}\n" for i in range(20))
    responses = write_csv(tmp_path / "r.csv", "x1,x2,x3\n" + rows)
    keys = ("--keys", "X=x1,x2,x3", "--min", "1", "--max", "5")
    result = runner.invoke(
        cli,
        ["norms", "build", *keys, "--responses", str(responses), "--name", "mine"],
        env={"TWOFOLD_HOME": str(blocker / "home")},
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "Not a directory" in result.output


def test_it_takes_a_built_in_instrument_by_id_and_version(runner: CliRunner) -> None:
    code, _, err = analyze(runner, "--instrument", "tlmi@2.0", "--responses", str(COMPLETE))
    assert code == 2
    assert "the built-in tlmi is version 1.0, not 2.0" in err
    code, _, err = analyze(runner, "--instrument", "tlmi@1.0", "--responses", str(COMPLETE))
    assert "missing item columns" in err  # the TLMI was found; the file has other items
