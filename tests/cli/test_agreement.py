"""``twofold agreement``: the table, the JSON fields, and clear errors for bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from numpy.testing import assert_allclose
from tests.cli.conftest import write_csv

from twofold.cli.main import cli

REFERENCE = Path(__file__).parents[1] / "reference"
RATERS = REFERENCE / "data" / "agreement_raters.csv"
KEYS = ["--keys", "a=a1,a2,-a3;b=b1,b2,b3", "--min", "1", "--max", "5"]


def agreement(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["agreement", *args])
    return result.exit_code, result.stdout, result.stderr


def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / "agreement_expected.json").read_text())
    return data


def test_it_prints_a_summary_per_scale(runner: CliRunner) -> None:
    code, out, _ = agreement(runner, *KEYS, "--responses", str(RATERS), "--group", "group")
    assert code == 0
    assert "40 groups, 196 raters; 1 group with one rater" in out
    # ICC(1), ICC(2) of scale a: .5618 and .8596 (multilevel::ICC1, ICC2), rounded in the table
    assert any(
        line.split()[:1] == ["a"] and line.split()[-2:] == ["0.56", "0.86"]
        for line in out.splitlines()
    )
    assert "nan" not in out.lower()


def test_it_prints_every_group_as_json_with_the_documented_fields(runner: CliRunner) -> None:
    code, out, _ = agreement(
        runner, *KEYS, "--responses", str(RATERS), "--group", "group", "--json"
    )
    assert code == 0
    data = json.loads(out)
    g05 = data["groups"]["g05"]["a"]
    assert set(g05) == {"rwg_j", "n", "items"}
    assert list(g05["items"]) == ["a1", "a2", "a3"]
    # multilevel::rwg.j and rwg on the same file (tests/reference/agreement.R)
    assert_allclose(g05["rwg_j"], expected()["rwg_j"]["a"]["g05"], rtol=1e-12)
    assert_allclose(g05["items"]["a1"], expected()["rwg_items"]["a1"]["g05"], rtol=1e-12)
    assert g05["n"] == expected()["rwg_j_n"]["a"]["g05"]
    assert set(data["icc"]["b"]) == {"icc1", "icc2"}
    assert_allclose(
        data["icc"]["b"]["icc1"], expected()["icc_group_means"]["b"]["icc1"], rtol=1e-12
    )


def test_it_gives_null_and_a_reason_where_a_group_has_one_rater(runner: CliRunner) -> None:
    code, out, _ = agreement(
        runner, *KEYS, "--responses", str(RATERS), "--group", "group", "--json"
    )
    assert code == 0
    alone = json.loads(out)["groups"]["g01"]["b"]
    assert alone["rwg_j"] is None
    assert alone["items"]["b1"] is None
    assert alone["reasons"]["rwg_j"] == "group has one rater"
    assert alone["reasons"]["items.b1"] == "group has one rater"


def test_it_works_with_an_instrument_file(
    runner: CliRunner, tiny_file: Path, tmp_path: Path
) -> None:
    responses = write_csv(
        tmp_path / "r.csv",
        """
        team,l1,l2,l3,m1,m2,m3
        x,4,4,2,3,3,3
        x,4,5,2,3,3,3
        y,1,1,5,2,2,2
        y,2,1,5,3,3,3
        """.replace("        ", ""),
    )
    code, out, _ = agreement(
        runner,
        "--instrument",
        str(tiny_file),
        "--responses",
        str(responses),
        "--group",
        "team",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    # Team x on lead: item variances 0, .5, 0 → mean 1/6, q = 1/12;
    # rwg(j) = 3 × 11/12 / (3 × 11/12 + 1/12) = 2.75 / 2.8333
    assert_allclose(data["groups"]["x"]["lead"]["rwg_j"], 2.75 / (2.75 + 1 / 12), rtol=1e-12)
    assert data["groups"]["x"]["man"]["rwg_j"] == 1.0
    assert data["icc"]["lead"]["icc2"] is not None


def test_it_says_why_iccs_are_undefined(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "team,a1,a2\nx,3,3\nx,4,4\n")
    keys = ["--keys", "a=a1,a2", "--min", "1", "--max", "5"]
    code, out, _ = agreement(
        runner, *keys, "--responses", str(responses), "--group", "team", "--json"
    )
    assert code == 0
    icc = json.loads(out)["icc"]["a"]
    assert icc["icc1"] is None
    assert icc["reasons"]["icc1"] == "fewer than two groups have a value"
    code, out, _ = agreement(runner, *keys, "--responses", str(responses), "--group", "team")
    assert "a: ICC1 undefined: fewer than two groups have a value" in out


def test_it_names_a_missing_group_column(runner: CliRunner) -> None:
    code, _, err = agreement(runner, *KEYS, "--responses", str(RATERS), "--group", "team")
    assert code == 2
    assert "line 1: no 'team' column" in err


def test_it_names_the_line_of_a_row_without_a_group(runner: CliRunner, tmp_path: Path) -> None:
    responses = tmp_path / "r.csv"
    shutil.copy(RATERS, responses)
    lines = responses.read_text().splitlines()
    lines[4] = lines[4].replace(lines[4].split(",")[1], "", 1)
    responses.write_text("\n".join(lines) + "\n")
    code, _, err = agreement(runner, *KEYS, "--responses", str(responses), "--group", "group")
    assert code == 2
    assert "line 5, column group: empty group value" in err


def test_it_names_the_line_and_column_of_a_bad_answer(runner: CliRunner, tmp_path: Path) -> None:
    responses = write_csv(tmp_path / "r.csv", "team,a1,a2\nx,3,7\nx,3,3\n")
    keys = ["--keys", "a=a1,a2", "--min", "1", "--max", "5"]
    code, _, err = agreement(runner, *keys, "--responses", str(responses), "--group", "team")
    assert code == 2
    assert "line 2, column a2: '7' is not a whole number from 1 to 5" in err


def test_it_refuses_an_item_as_the_group_column(runner: CliRunner) -> None:
    code, _, err = agreement(runner, *KEYS, "--responses", str(RATERS), "--group", "a1")
    assert code == 2
    assert "'a1' is an item column" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--responses", "x.csv", "--group", "g"],
        ["--keys", "a=a1", "--responses", "x.csv", "--group", "g"],
    ],
)
def test_it_needs_an_instrument_or_keys_with_a_range(runner: CliRunner, args: list[str]) -> None:
    code, _, err = agreement(runner, *args)
    assert code == 2
    assert "--instrument" in err or "--min" in err


def test_it_never_prints_nan(runner: CliRunner, tmp_path: Path) -> None:
    # Group x has one rater; in y only one rater answered both items: nothing is defined.
    responses = write_csv(tmp_path / "r.csv", "team,a1,a2\nx,3,\ny,,4\ny,2,2\n")
    keys = ["--keys", "a=a1,a2", "--min", "1", "--max", "5"]
    for extra in ([], ["--json"]):
        args = [*keys, "--responses", str(responses), "--group", "team", *extra]
        code, out, _ = agreement(runner, *args)
        assert code == 0
        assert "nan" not in out.lower()


def test_it_notes_the_columns_it_ignored(runner: CliRunner, tmp_path: Path) -> None:
    text = ",group,a1,a2,a3,b1,b2,b3,note\n" + "".join(
        f"{i},g{i % 2},{1 + i % 5},2,3,4,{1 + i % 3},2,x\n" for i in range(6)
    )
    responses = write_csv(tmp_path / "r.csv", text)
    code, _, err = agreement(runner, *KEYS, "--responses", str(responses), "--group", "group")
    assert code == 0
    assert "note: ignored columns: (unnamed), note" in err


def test_it_lists_the_columns_when_the_group_column_is_absent(runner: CliRunner) -> None:
    code, _, err = agreement(runner, *KEYS, "--responses", str(RATERS), "--group", "team")
    assert code == 2
    assert "no 'team' column (the columns are: rater, group, a1" in err


def test_it_refuses_a_group_column_that_gives_every_rater_a_group_of_their_own(
    runner: CliRunner, tmp_path: Path
) -> None:
    responses = write_csv(
        tmp_path / "r.csv", "rater,a1,a2,a3,b1,b2,b3\nx,4,4,4,3,3,3\ny,3,4,5,2,2,2"
    )
    code, _, err = agreement(runner, *KEYS, "--responses", str(responses), "--group", "rater")
    assert code == 2
    assert "every group has one rater" in err
