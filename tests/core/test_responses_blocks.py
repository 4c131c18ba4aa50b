"""The numpy route for plain blocks reads every file exactly as the csv module does.

A file is read block by block; a plain block is split with numpy, anything
else goes to the csv module. Whatever the mix, the table (or the list of
problems) must be the one the csv module alone gives.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from twofold.core.errors import ResponsesError
from twofold.core.responses import blocks, parse_responses, read_responses_csv

ANSWERS = ["", "1", "2", "3", "5", " 4", "NA", "3.0", "9", "x", "na", "0", "3,0", '"2"']
IDS = ["r1", "r2", "r3", "Zoë", "", " r4 ", "r1"]


@st.composite
def files(draw: st.DrawFn) -> tuple[str, str]:
    """A small responses file as text, and its delimiter."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    trailing = draw(st.integers(0, 2))  # Excel's empty unnamed columns
    header = ["respondent_id", "a", "team", "b", *[""] * trailing]
    lines = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 12))):
        shape = draw(st.sampled_from(["row", "row", "row", "blank", "empties", "short"]))
        if shape == "blank":
            lines.append("")
        elif shape == "empties":
            lines.append(delimiter * (len(header) - 1))
        else:
            cells = [
                draw(st.sampled_from(IDS)),
                draw(st.sampled_from(ANSWERS)),
                draw(st.sampled_from(["red", "", "blue"])),
                draw(st.sampled_from(ANSWERS)),
                *[draw(st.sampled_from(["", "", "7"])) for _ in range(trailing)],
            ]
            lines.append(delimiter.join(cells[:-1] if shape == "short" else cells))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    end = draw(st.sampled_from([newline, ""]))
    return newline.join(lines) + end, delimiter


def outcome(read: object) -> object:
    """What reading gives: the table's content, or the problems it raised."""
    try:
        table = read()  # type: ignore[operator]
    except ResponsesError as exc:
        return ("problems", exc.problems)
    return (
        table.respondent_ids,
        table.codes.tolist(),
        table.ignored_columns,
        table.kept,
    )


@settings(deadline=None, max_examples=300)
@given(files(), st.sampled_from([1, 16, 64, 1 << 20]))
def test_it_reads_any_mix_of_blocks_as_the_csv_module_does(
    file: tuple[str, str], block_bytes: int
) -> None:
    text, delimiter = file
    items, options = ["a", "b"], {"keep": ["team"]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.csv"
        path.write_bytes(text.encode())
        saved = blocks.BLOCK_BYTES
        blocks.BLOCK_BYTES = block_bytes  # many small blocks: plain ones and others mixed
        try:
            ours = outcome(lambda: read_responses_csv(path, items, 1, 5, **options))
        finally:
            blocks.BLOCK_BYTES = saved
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    theirs = outcome(
        lambda: parse_responses(
            rows, items, 1, 5, str(path), decimal_comma=delimiter == ";", **options
        )
    )
    assert ours == theirs


def test_it_reads_a_big_plain_file_by_the_numpy_route(tmp_path: Path) -> None:
    # Every answer and id must land in its own row and column across block ends.
    rng = np.random.default_rng(7)
    answers = rng.integers(0, 6, size=(30_000, 3))  # 0 is an empty cell
    lines = ["respondent_id,a,b,c"] + [
        f"p{i}," + ",".join("" if v == 0 else str(v) for v in row)
        for i, row in enumerate(answers.tolist())
    ]
    path = tmp_path / "r.csv"
    path.write_text("\n".join(lines) + "\n")
    table = read_responses_csv(path, ["c", "a", "b"], 1, 5)
    assert table.respondent_ids == tuple(f"p{i}" for i in range(30_000))
    expected = np.where(answers == 0, np.nan, answers)[:, [2, 0, 1]]
    np.testing.assert_array_equal(table.matrix, expected)
