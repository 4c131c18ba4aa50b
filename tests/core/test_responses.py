"""Reading responses tables: the shapes spreadsheets save, extra columns, optional ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from twofold.core.errors import ResponsesError
from twofold.core.responses import ResponseTable, parse_responses, read_responses_csv


def rows(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.strip().splitlines()]


def test_it_keeps_a_named_column_beside_the_answers() -> None:
    table = parse_responses(
        rows("respondent_id,team,a\nr1,red,1\nr2,blue,2"), ["a"], 1, 5, keep=["team"]
    )
    assert table.kept == {"team": ("red", "blue")}
    assert table.ignored_columns == ()


def test_it_names_rows_by_line_when_ids_are_optional() -> None:
    table = parse_responses(rows("a,b\n1,2\n\n3,4"), ["a", "b"], 1, 5, require_id=False)
    assert table.respondent_ids == ("line 2", "line 4")
    assert table.matrix.tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_it_names_a_kept_column_that_is_absent() -> None:
    with pytest.raises(ResponsesError) as caught:
        parse_responses(rows("respondent_id,a\nr1,1"), ["a"], 1, 5, keep=["team"])
    assert caught.value.problems == ["line 1: no 'team' column (the columns are: respondent_id, a)"]


def test_it_names_a_row_with_the_wrong_number_of_cells() -> None:
    with pytest.raises(ResponsesError) as caught:
        parse_responses(rows("respondent_id,a\nr1,1,9"), ["a"], 1, 5)
    assert caught.value.problems == ["line 2: 3 cells, expected 2 as in the header"]


def test_it_reads_na_as_r_writes_a_missing_answer() -> None:
    table = parse_responses(rows("respondent_id,a,b\nr1,NA,2\nr2,3, NA "), ["a", "b"], 1, 5)
    assert table.matrix.tolist() == [
        [pytest.approx(float("nan"), nan_ok=True), 2.0],
        [3.0, pytest.approx(float("nan"), nan_ok=True)],
    ]


def test_it_still_refuses_other_words_for_a_missing_answer() -> None:
    with pytest.raises(ResponsesError) as caught:
        parse_responses(rows("respondent_id,a\nr1,n/a"), ["a"], 1, 5)
    assert caught.value.problems == ["line 2, column a: 'n/a' is not a number"]


def read(path: Path, text: str | bytes, items: list[str], **options: Any) -> ResponseTable:
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    return read_responses_csv(path, items, 1, 5, **options)


@pytest.mark.parametrize(
    "text",
    [
        "respondent_id,a,b\nr1,1,2\nr2,3,\n",
        "respondent_id;a;b\nr1;1;2\nr2;3;\n",
        "respondent_id\ta\tb\nr1\t1\t2\nr2\t3\t\n",
        "respondent_id;a;b\r\nr1;1,0;2\r\nr2;3,0;\r\n",  # Excel in much of Europe
        "\ufeffrespondent_id,a,b\r\nr1,1,2\r\nr2,3,\r\n",  # Excel's "CSV UTF-8"
    ],
)
def test_it_reads_the_files_spreadsheets_write(tmp_path: Path, text: str) -> None:
    table = read(tmp_path / "r.csv", text, ["a", "b"])
    assert table.respondent_ids == ("r1", "r2")
    assert table.matrix.tolist()[0] == [1.0, 2.0]
    assert table.matrix[1, 0] == 3.0
    assert np.isnan(table.matrix[1, 1])


def test_it_reads_a_decimal_comma_only_in_a_semicolon_file(tmp_path: Path) -> None:
    with pytest.raises(ResponsesError) as caught:
        read(tmp_path / "r.csv", 'respondent_id,a\nr1,"3,0"\n', ["a"])
    assert caught.value.problems == ["line 2, column a: '3,0' is not a number"]


def test_it_names_a_decimal_comma_answer_that_is_not_whole(tmp_path: Path) -> None:
    with pytest.raises(ResponsesError) as caught:
        read(tmp_path / "r.csv", "respondent_id;a\nr1;3,5\n", ["a"])
    assert caught.value.problems == ["line 2, column a: '3,5' is not a whole number from 1 to 5"]


def test_it_passes_over_the_empty_columns_and_rows_a_spreadsheet_leaves(tmp_path: Path) -> None:
    text = "respondent_id,a,b,,\nr1,1,2,,\n,,,,\nr2,3,4,,\n,,,,\n"
    table = read(tmp_path / "r.csv", text, ["a", "b"])
    assert table.respondent_ids == ("r1", "r2")
    assert table.matrix.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert table.ignored_columns == ()


def test_it_reports_an_unnamed_column_that_holds_something(tmp_path: Path) -> None:
    table = read(tmp_path / "r.csv", ",respondent_id,a,\n0,r1,1,\n1,r2,2,\n", ["a"])
    assert table.ignored_columns == ("",)


def test_it_still_refuses_a_named_column_given_twice(tmp_path: Path) -> None:
    with pytest.raises(ResponsesError) as caught:
        read(tmp_path / "r.csv", "respondent_id,a,a,,\nr1,1,2,,\n", ["a"])
    assert caught.value.problems == ["line 1: column 'a' appears more than once"]


def test_it_reads_a_windows_1252_file_and_says_so(tmp_path: Path) -> None:
    text = "respondent_id,name,a\nr1,Ann,1\nr2,Jürgen Müller,2\n".encode("cp1252")
    table = read(tmp_path / "r.csv", text, ["a"])
    assert table.respondent_ids == ("r1", "r2")
    assert table.matrix.tolist() == [[1.0], [2.0]]
    (note,) = table.notes
    assert "is not UTF-8 (first on line 3)" in note
    assert "save the file as CSV UTF-8" in note


def test_it_keeps_a_windows_1252_name_as_written(tmp_path: Path) -> None:
    text = "respondent_id,team,a\nr1,Zürich,1\n".encode("cp1252")
    table = read(tmp_path / "r.csv", text, ["a"], keep=["team"])
    assert table.kept == {"team": ("Zürich",)}


def test_it_names_the_line_of_a_file_that_is_not_text(tmp_path: Path) -> None:
    # 0x81 is neither UTF-8 nor Windows-1252: no byte offset, but the line and the fix.
    text = b"respondent_id,a\nr1,1\nr2\x81,2\n"
    with pytest.raises(ResponsesError) as caught:
        read(tmp_path / "r.csv", text, ["a"])
    (problem,) = caught.value.problems
    assert problem.startswith("line 3: not readable as text")
    assert "save the file as CSV UTF-8" in problem


def test_it_reads_the_utf_16_that_excel_calls_unicode_text(tmp_path: Path) -> None:
    text = "respondent_id\ta\nr1\t4\n".encode("utf-16")
    table = read(tmp_path / "r.csv", text, ["a"])
    assert table.respondent_ids == ("r1",)
    assert table.matrix.tolist() == [[4.0]]


def test_it_hints_at_the_delimiter_when_the_header_is_one_column(tmp_path: Path) -> None:
    with pytest.raises(ResponsesError) as caught:
        read(tmp_path / "r.csv", "respondent_id|a\nr1|1\n", ["a"], require_id=False)
    (problem,) = caught.value.problems
    assert problem.startswith("line 1: missing an item column: a (the header is one column")


def test_it_names_bad_cells_beyond_the_first_chunk(tmp_path: Path) -> None:
    # Rows are read in chunks: a line number must count every row before it.
    rows_before = 45_000
    text = "a\n" + "1\n" * rows_before + "9\n"
    with pytest.raises(ResponsesError) as caught:
        read(tmp_path / "r.csv", text, ["a"], require_id=False)
    assert caught.value.problems == [
        f"line {rows_before + 2}, column a: '9' is not a whole number from 1 to 5"
    ]


def test_it_stores_a_wide_scale_without_losing_answers() -> None:
    table = parse_responses(rows("a\n0\n300\n"), ["a"], 0, 300, require_id=False)
    assert table.matrix.tolist() == [[0.0], [300.0]]


@pytest.mark.parametrize("text", [b"", b"\xef\xbb\xbf"])
def test_it_calls_an_empty_file_empty(tmp_path: Path, text: bytes) -> None:
    with pytest.raises(ResponsesError) as caught:
        read(tmp_path / "r.csv", text, ["a"])
    assert caught.value.problems == ["the file is empty: expected a header row"]
