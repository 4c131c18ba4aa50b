"""Reading responses tables: extra columns kept on request, ids optional for research files."""

from __future__ import annotations

import pytest

from twofold.core.errors import ResponsesError
from twofold.core.responses import parse_responses


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
