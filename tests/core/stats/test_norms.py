"""Norm tables: building, percentiles and T-scores, storage and the demo norm."""

from __future__ import annotations

import json
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
from twofold.core.instrument import Instrument, instrument_from_keys
from twofold.core.scoring import score
from twofold.core.stats.norms import (
    NormError,
    NormStore,
    NormTable,
    build_norm,
    compare_to_norm,
    default_norm_directory,
    percentile,
    t_score,
)

REFERENCE = Path(__file__).parents[2] / "reference"


@pytest.fixture
def one_item() -> Instrument:
    return instrument_from_keys("A=A1", 1, 5)


def norm_of(instrument: Instrument, answers: npt.ArrayLike, name: str = "test") -> NormTable:
    created = datetime(2026, 1, 2, tzinfo=UTC)
    return build_norm(instrument, answers, name, "a test group", "a test", created=created)


def test_it_describes_each_scale_and_composite(tiny: Instrument) -> None:
    answers = [[4, 5, 2, 2, 3, 3], [3, 3, 3, 4, 4, 4], [1, 2, 5, 5, 5, 5]]
    norm = norm_of(tiny, answers)
    assert list(norm.scales) == ["lead", "man", "L", "M"]
    lead = norm.scale("lead")  # keyed scores 13/3, 3, 4/3 (l3 is reverse-keyed)
    assert lead.kind == "scale"
    assert norm.scale("L").kind == "composite"
    assert lead.n == 3
    assert_allclose(lead.mean, np.mean([13 / 3, 3, 4 / 3]), rtol=1e-15)
    assert_allclose(lead.sd, np.std([13 / 3, 3, 4 / 3], ddof=1), rtol=1e-15)


def test_it_matches_r_quantile_type_7() -> None:
    # R: quantile(c(2, 3, 5, 3.5, 1, 3, 4.5), probs, type = 7)
    want = json.loads((REFERENCE / "agreement_expected.json").read_text())["quantile_type7"]
    # each score s is the mean of the answers 2s - 1 and 1 on a 1-9 scale
    two_items = instrument_from_keys("A=A1,A2", 1, 9)
    entry = norm_of(two_items, [[2 * s - 1, 1] for s in want["scores"]])
    got = [entry.scale("A").percentiles[round(100 * p)] for p in want["probs"]]
    assert_allclose(got, want["values"], rtol=1e-12)


def test_it_ranks_a_score_as_the_share_below_plus_half_the_ties(one_item: Instrument) -> None:
    # Norm scores 1, 2, 2, 4: a 2 has 1 below and 2 tied → (1 + 1) / 4 = 50%;
    # a 3 has 3 below → 75%; a 0.5 → 0%; a 5 → 100%.
    norm = norm_of(one_item, [[1], [2], [2], [4]])
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
    # Scores 1, 3, 5: mean 3, SD 2 → T(4) = 50 + 10 × 1 / 2 = 55, T(1) = 40
    norm = norm_of(one_item, [[1], [3], [5]])
    assert_allclose(t_score(norm, "A", [4.0, 1.0]), [55.0, 40.0], rtol=1e-15)


def test_it_has_no_t_score_when_the_norm_group_does_not_vary(one_item: Instrument) -> None:
    norm = norm_of(one_item, [[3], [3], [3]])
    assert np.isnan(t_score(norm, "A", [3.0])[0])
    result = compare_to_norm(norm, one_item, score(one_item, [[3]]))
    assert result.reasons == {"t_score.A": "the norm group's SD is undefined or zero"}


def test_it_stores_undefined_values_as_null_with_a_reason(tiny: Instrument) -> None:
    answers = [[4, 5, 2, np.nan, np.nan, np.nan], [3, 3, 3, np.nan, np.nan, 4]]
    data = json.loads(norm_of(tiny, answers).to_json())
    assert data["scales"]["man"]["mean"] is None
    assert data["scales"]["man"]["reasons"]["mean"] == "no respondent has a score"
    assert data["scales"]["L"]["sd"] is not None


def test_it_refuses_scores_from_another_instrument_version(one_item: Instrument) -> None:
    norm = norm_of(one_item, [[1], [3], [5]])
    newer = one_item.model_copy(update={"version": "1.1"})
    with pytest.raises(NormError, match=r"belongs to inline-keys@1\.0.*from inline-keys@1\.1"):
        compare_to_norm(norm, newer, score(newer, [[4]]))


def test_it_compares_scored_people_on_every_scale_and_composite(tiny: Instrument) -> None:
    answers = [[4, 5, 2, 2, 3, 3], [3, 3, 3, 4, 4, 4], [1, 2, 5, 5, 5, 5]]
    norm = norm_of(tiny, answers)
    result = compare_to_norm(norm, tiny, score(tiny, answers))
    assert result.ids == ("lead", "man", "L", "M")
    assert_allclose(result.percentile[:, 0], [100 * 2.5 / 3, 50, 100 * 0.5 / 3])
    assert_allclose(result.t_score.mean(axis=0), 50.0, rtol=1e-12)


def test_it_refuses_a_bad_name_and_a_tiny_norm_group(one_item: Instrument) -> None:
    with pytest.raises(NormError, match="name: 'My Norm' is not a norm name"):
        norm_of(one_item, [[1], [2]], name="My Norm")
    with pytest.raises(NormError, match="at least 2 respondents"):
        norm_of(one_item, [[1]])


def test_it_round_trips_through_a_store(one_item: Instrument, tmp_path: Path) -> None:
    store = NormStore(tmp_path / "norms")
    norm = norm_of(one_item, [[1], [2], [2], [4]])
    path = store.save(norm)
    assert path == tmp_path / "norms" / "test.json"
    loaded = store.load("test")
    assert loaded == norm
    assert "test" in store.names()
    assert not store.is_builtin("test")


def test_it_refuses_to_overwrite_a_norm_unless_asked(one_item: Instrument, tmp_path: Path) -> None:
    store = NormStore(tmp_path)
    store.save(norm_of(one_item, [[1], [2]]))
    with pytest.raises(NormError, match="a norm called 'test' already exists"):
        store.save(norm_of(one_item, [[3], [4]]))
    store.save(norm_of(one_item, [[3], [4]]), replace=True)
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


def test_it_ships_the_demo_norm_its_script_builds(tmp_path: Path) -> None:
    shipped = NormStore(tmp_path).load(DEMO)
    assert shipped.to_json() == demo_norm().to_json()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=60), st.lists(st.floats(0, 6)))
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
