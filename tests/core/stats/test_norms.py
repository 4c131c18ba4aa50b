"""Norm tables: building, percentiles and T-scores, storage and the demo norm."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy import stats  # type: ignore[import-untyped]
from tests.reference.make_demo_norm import NAME as DEMO
from tests.reference.make_demo_norm import demo_norm

from twofold.content import builtin_instrument
from twofold.content.norm_store import NormStore, default_norm_directory
from twofold.core.instrument import Instrument, instrument_from_keys
from twofold.core.scoring import score
from twofold.core.stats.norms import (
    NormError,
    NormTable,
    build_norm,
    compare_to_norm,
    percentile,
    t_score,
)

# Three people whose tiny-instrument scores are easy to compute by hand; four of
# each make a norm group of twelve, the smallest size build_norm accepts being ten.
TRIO = [[4, 5, 2, 2, 3, 3], [3, 3, 3, 4, 4, 4], [1, 2, 5, 5, 5, 5]]
TWELVE = TRIO * 4
# Scores 2 (five people), 3 (one) and 4 (five): mean 3, SD √(10 / 10) = 1.
ELEVEN = [[2]] * 5 + [[3]] + [[4]] * 5

REFERENCE = Path(__file__).parents[2] / "reference"


@pytest.fixture
def one_item() -> Instrument:
    return instrument_from_keys("A=A1", 1, 5)


def norm_of(instrument: Instrument, answers: npt.ArrayLike, name: str = "test") -> NormTable:
    created = datetime(2026, 1, 2, tzinfo=UTC)
    return build_norm(instrument, answers, name, "a test group", "a test", created=created)


def test_it_describes_each_scale_and_composite(tiny: Instrument) -> None:
    norm = norm_of(tiny, TWELVE)
    assert list(norm.scales) == ["lead", "man", "L", "M"]
    lead = norm.scale("lead")  # keyed scores 13/3, 3, 4/3 (l3 is reverse-keyed), four each
    assert lead.kind == "scale"
    assert norm.scale("L").kind == "composite"
    assert lead.n == 12
    assert_allclose(lead.mean, np.mean([13 / 3, 3, 4 / 3]), rtol=1e-15)
    assert_allclose(lead.sd, np.std([13 / 3, 3, 4 / 3] * 4, ddof=1), rtol=1e-15)


def test_it_matches_r_quantile_type_7() -> None:
    # R: quantile(c(2, 3, 5, 3.5, 1, 3, 4.5, 1.5, 4, 2.5, 5, 3.5), probs, type = 7)
    want = json.loads((REFERENCE / "agreement_expected.json").read_text())["quantile_type7"]
    # each score s is the mean of the answers 2s - 1 and 1 on a 1-9 scale
    two_items = instrument_from_keys("A=A1,A2", 1, 9)
    entry = norm_of(two_items, [[2 * s - 1, 1] for s in want["scores"]])
    got = [entry.scale("A").percentiles[round(100 * p)] for p in want["probs"]]
    assert_allclose(got, want["values"], rtol=1e-12)


def test_it_ranks_a_score_as_the_share_below_plus_half_the_ties(one_item: Instrument) -> None:
    # Norm scores 1, 2, 2, 4, three times: a 2 has 3 below and 6 tied → (3 + 3) / 12
    # = 50%; a 3 has 9 below → 75%; a 0.5 → 0%; a 5 → 100%.
    norm = norm_of(one_item, [[1], [2], [2], [4]] * 3)
    assert_allclose(percentile(norm, "A", [2, 3, 0.5, 5]), [50, 75, 0, 100])
    assert np.isnan(percentile(norm, "A", [np.nan])[0])


def test_it_agrees_with_scipy_percentileofscore_kind_mean(one_item: Instrument) -> None:
    rng = np.random.default_rng(7)
    answers = rng.integers(1, 6, size=(200, 1)).astype(float)
    norm = norm_of(one_item, answers.tolist())
    for x in (1.0, 2.0, 2.5, 3.0, 5.0):
        want = stats.percentileofscore(answers.ravel(), x, kind="mean")
        assert_allclose(percentile(norm, "A", x), want, rtol=1e-12)


def test_it_gives_t_scores_from_the_norm_mean_and_sd(one_item: Instrument) -> None:
    # Mean 3, SD 1 → T(4) = 50 + 10 × 1 / 1 = 60, T(1) = 30, T(3.5) = 55
    norm = norm_of(one_item, ELEVEN)
    assert_allclose(t_score(norm, "A", [4.0, 1.0, 3.5]), [60.0, 30.0, 55.0], rtol=1e-15)


def test_it_has_no_t_score_when_the_norm_group_does_not_vary(one_item: Instrument) -> None:
    norm = norm_of(one_item, [[3]] * 12)
    assert np.isnan(t_score(norm, "A", [3.0])[0])
    result = compare_to_norm(norm, one_item, score(one_item, [[3]]))
    assert result.reasons == {"t_score.A": "the norm group's SD is undefined or zero"}


def test_it_reads_a_stored_null_as_an_undefined_value(one_item: Instrument, tmp_path: Path) -> None:
    # A norm file written before norm groups needed ten people may hold nulls.
    data = json.loads(norm_of(one_item, ELEVEN).to_json())
    data["scales"]["A"] |= {
        "n": 1,
        "sd": None,
        "values": [3.0],
        "counts": [1],
        "reasons": {"sd": "one respondent has a score"},
    }
    (tmp_path / "test.json").write_text(json.dumps(data))
    norm = NormStore(tmp_path).load("test")
    assert np.isnan(norm.scale("A").sd)
    assert np.isnan(t_score(norm, "A", [3.0])[0])
    assert json.loads(norm.to_json())["scales"]["A"]["sd"] is None


def test_it_refuses_scores_from_another_instrument_version(one_item: Instrument) -> None:
    norm = norm_of(one_item, ELEVEN)
    newer = one_item.model_copy(update={"version": "1.1"})
    older, later = re.escape(one_item.ref), re.escape(newer.ref)
    with pytest.raises(NormError, match=f"belongs to {older}.*from {later}"):
        compare_to_norm(norm, newer, score(newer, [[4]]))


def test_it_compares_scored_people_on_every_scale_and_composite(tiny: Instrument) -> None:
    norm = norm_of(tiny, TWELVE)
    result = compare_to_norm(norm, tiny, score(tiny, TRIO))
    assert result.ids == ("lead", "man", "L", "M")
    assert_allclose(result.percentile[:, 0], [100 * 2.5 / 3, 50, 100 * 0.5 / 3])
    assert_allclose(result.t_score.mean(axis=0), 50.0, rtol=1e-12)


def test_it_refuses_a_bad_name(one_item: Instrument) -> None:
    with pytest.raises(NormError, match="name: 'My Norm' is not a norm name"):
        norm_of(one_item, ELEVEN, name="My Norm")


def test_it_refuses_a_norm_group_of_fewer_than_ten_people(one_item: Instrument) -> None:
    with pytest.raises(
        NormError,
        match="a norm group needs at least 10 respondents, got 9; "
        "percentile ranks from fewer than 10 people would mislead",
    ):
        norm_of(one_item, ELEVEN[:9])


def test_it_names_each_scale_fewer_than_ten_people_have_a_score_on(tiny: Instrument) -> None:
    # Only the first two people answered the management items.
    answers = [row[:3] + ([np.nan] * 3 if i >= 2 else row[3:]) for i, row in enumerate(TWELVE)]
    with pytest.raises(NormError, match="with a score, but man has 2, M has 2; percentile"):
        norm_of(tiny, answers)


def test_it_names_the_scales_whose_ranks_are_rough(one_item: Instrument) -> None:
    assert norm_of(one_item, ELEVEN).rough_scales() == {"A": 11}
    assert norm_of(one_item, ELEVEN * 10).rough_scales() == {}
    assert demo_norm().rough_scales() == {}


def test_it_round_trips_through_a_store(one_item: Instrument, tmp_path: Path) -> None:
    store = NormStore(tmp_path / "norms")
    norm = norm_of(one_item, [[1], [2], [2], [4]] * 3)
    path = store.save(norm)
    assert path == tmp_path / "norms" / "test.json"
    loaded = store.load("test")
    # The file keeps 12 significant digits of each statistic, and reads back as written.
    assert loaded.to_json() == norm.to_json()
    assert_allclose(loaded.scale("A").mean, norm.scale("A").mean, rtol=1e-12)
    assert loaded.scale("A").values == norm.scale("A").values
    assert "test" in store.names()
    assert not store.is_builtin("test")


def test_it_refuses_to_overwrite_a_norm_unless_asked(one_item: Instrument, tmp_path: Path) -> None:
    store = NormStore(tmp_path)
    store.save(norm_of(one_item, [[1], [2]] * 5))
    with pytest.raises(NormError, match="a norm called 'test' already exists"):
        store.save(norm_of(one_item, [[3], [4]] * 5))
    store.save(norm_of(one_item, [[3], [4]] * 5), replace=True)
    assert store.load("test").scale("A").mean == 3.5


def test_it_refuses_to_store_over_a_built_in_norm(tmp_path: Path) -> None:
    with pytest.raises(NormError, match="built-in norm"):
        NormStore(tmp_path).save(demo_norm())


def test_it_names_a_missing_or_broken_norm(tmp_path: Path) -> None:
    store = NormStore(tmp_path)
    with pytest.raises(NormError, match=f"no norm called 'nope' \\(known: .*{DEMO}"):
        store.load("nope")
    with pytest.raises(NormError, match=r"no norm called '\.\./etc'"):
        store.load("../etc")
    (tmp_path / "broken.json").write_text('{"schema": "twofold-norm/1"}')
    with pytest.raises(
        NormError, match=r"norm 'broken' .* is not a norm file: name: Field required"
    ):
        store.load("broken")


def test_it_says_plainly_why_a_corrupt_norm_file_cannot_be_read(tmp_path: Path) -> None:
    store = NormStore(tmp_path)
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(NormError) as caught:
        store.load("broken")
    message = str(caught.value)
    assert message.startswith(f"norm 'broken' ({tmp_path / 'broken.json'}) is not a norm file: ")
    assert "Invalid JSON" in message
    assert "line 1 column 1" in message
    assert ": :" not in message
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe")
    with pytest.raises(NormError, match=r"'binary' .* is not a norm file: not UTF-8 text"):
        store.load("binary")


def test_it_says_a_norm_file_with_a_bad_name_cannot_be_used(
    one_item: Instrument, tmp_path: Path
) -> None:
    (tmp_path / "My Norm.json").write_text(norm_of(one_item, ELEVEN).to_json())
    with pytest.raises(NormError, match=r"'My Norm' .* its file name is not a norm name"):
        NormStore(tmp_path).load("My Norm")


def test_it_lists_an_unreadable_norm_with_the_reason_beside_the_good_ones(
    one_item: Instrument, tmp_path: Path
) -> None:
    store = NormStore(tmp_path)
    store.save(norm_of(one_item, ELEVEN))
    (tmp_path / "broken.json").write_text("{")
    entries = store.entries()
    assert list(entries) == sorted([DEMO, "test", "broken"])
    assert isinstance(entries["test"], NormTable)
    assert isinstance(entries[DEMO], NormTable)
    assert isinstance(entries["broken"], NormError)
    assert "is not a norm file: Invalid JSON" in str(entries["broken"])


def test_it_keeps_norms_under_twofold_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWOFOLD_HOME", "/srv/twofold")
    assert default_norm_directory() == Path("/srv/twofold/norms")
    monkeypatch.delenv("TWOFOLD_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", "/data")
    assert default_norm_directory() == Path("/data/twofold/norms")
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_norm_directory() == Path.home() / ".local/share/twofold/norms"


def test_it_ships_a_demo_norm_that_says_it_is_simulated(tmp_path: Path) -> None:
    norm = NormStore(tmp_path).load(DEMO)
    assert "simulated" in norm.name
    assert norm.simulated
    assert "Simulated respondents, not real people" in norm.description
    assert norm.instrument_ref == builtin_instrument("tlmi").ref
    assert min(entry.n for entry in norm.scales.values()) >= 2_000
    assert set(norm.scales) == {
        *(s.id for s in builtin_instrument("tlmi").scales),
        "leadership",
        "management",
    }


def _numbers_and_words(document: Any) -> tuple[list[float], list[object]]:
    """A JSON document's numbers, and everything else, in document order."""
    numbers: list[float] = []
    words: list[object] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                words.append(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, float | int) and not isinstance(node, bool):
            numbers.append(float(node))
        else:
            words.append(node)

    walk(document)
    return numbers, words


def test_it_ships_the_demo_norm_its_script_builds(tmp_path: Path) -> None:
    # Another CPU sums in another order: the numbers agree to what the file keeps
    # (12 significant digits), everything else exactly.
    shipped = _numbers_and_words(json.loads(NormStore(tmp_path).load(DEMO).to_json()))
    rebuilt = _numbers_and_words(json.loads(demo_norm().to_json()))
    assert shipped[1] == rebuilt[1]
    assert_allclose(shipped[0], rebuilt[0], rtol=1e-10, atol=0)


def test_it_writes_statistics_to_twelve_significant_digits() -> None:
    inst = instrument_from_keys("A=A1,A2,A3", 1, 5)
    # Twelve people, four each scoring 5/3, 7/3 and 3.
    answers = [[1, 2, 2]] * 4 + [[2, 2, 3]] * 4 + [[3, 3, 3]] * 4
    written = json.loads(norm_of(inst, answers).to_json())["scales"]["A"]
    assert written["mean"] == 2.33333333333  # (4·5/3 + 4·7/3 + 4·3) / 12 = 7/3
    assert written["values"] == [5 / 3, 7 / 3, 3.0]  # exact scores are kept whole


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=10, max_size=60), st.lists(st.floats(0, 6)))
def test_it_keeps_percentile_ranks_in_range_and_in_order(
    norm_answers: list[int], xs: list[float]
) -> None:
    norm = norm_of(instrument_from_keys("A=A1", 1, 5), [[a] for a in norm_answers])
    ranks = percentile(norm, "A", sorted(xs))
    assert np.all((ranks >= 0) & (ranks <= 100))
    assert np.all(np.diff(ranks) >= 0)
    # The norm group's own ranks average exactly 50 under the midpoint definition.
    own: Any = percentile(norm, "A", norm_answers)
    assert_allclose(own.mean(), 50.0, rtol=1e-12)


def test_it_ties_a_score_that_differs_from_a_norm_score_only_by_rounding() -> None:
    inst = instrument_from_keys("A=A1,A2,A3", 1, 5)
    norm = norm_of(inst, [[1, 2, 2]] * 4 + [[2, 2, 3]] * 4 + [[3, 3, 3]] * 4)
    # Four of twelve below 7/3 and four at it: (4 + 4/2) / 12 = 50%, whichever
    # neighbouring double a computation of 7/3 lands on.
    near = [np.nextafter(7 / 3, 0), 7 / 3, np.nextafter(7 / 3, 3)]
    assert_allclose(percentile(norm, "A", near), [50.0, 50.0, 50.0], rtol=0, atol=1e-12)
