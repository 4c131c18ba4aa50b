"""The demo's simulated 360 answers: the same on every run, and shaped like a real 360's."""

from __future__ import annotations

import numpy as np

from twofold.content import builtin_instrument
from twofold.core.scoring import score
from twofold.web.demo.simulate import simulate_360

TLMI = builtin_instrument("tlmi")
GROUPS = ["self", "manager", *["peers"] * 4, *["direct_reports"] * 4, *["others"] * 3]


def test_it_gives_the_same_answers_for_the_same_seed() -> None:
    first, _ = simulate_360(TLMI, GROUPS, 7)
    again, _ = simulate_360(TLMI, GROUPS, 7)
    other, _ = simulate_360(TLMI, GROUPS, 8)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(np.nan_to_num(first), np.nan_to_num(other))


def test_it_answers_on_the_scale_and_never_says_not_observed_about_oneself() -> None:
    answers, _ = simulate_360(TLMI, GROUPS, 3)
    given = answers[~np.isnan(answers)]
    assert set(np.unique(given)) <= {1.0, 2.0, 3.0, 4.0, 5.0}
    assert not np.isnan(answers[0]).any()
    assert np.isnan(answers[1:]).any()  # someone could not observe something


def test_people_rate_themselves_higher_than_others_do_on_average() -> None:
    gaps = []
    for seed in range(200):
        answers, _ = simulate_360(TLMI, GROUPS, seed)
        overall = np.nanmean(score(TLMI, answers).scales, axis=1)
        gaps.append(overall[0] - overall[1:].mean())
    # The model's inflation is 0.3 on average; 200 people put the mean well above 0.
    assert 0.1 < float(np.mean(gaps)) < 0.5
