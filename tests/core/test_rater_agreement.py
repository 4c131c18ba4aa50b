"""Agreement of the raters behind "all raters": the same raters, and at least three.

Hand-computed rwg(j) on a 1–5 scale (null variance 2) for one practice of three
questions: with item variances v₁, v₂, v₃, q = mean(v) / 2 and
rwg(j) = 3 (1 − q) / (3 (1 − q) + q).
"""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from twofold.core.anonymity import AnonymityPolicy, release_rater_groups
from twofold.core.anonymity.agreement import NOT_SHOWN, TOO_FEW, all_raters_agreement
from twofold.core.instrument import instrument_from_keys

ONE = instrument_from_keys("P=p1,p2,p3", 1, 5)
NAN = np.nan


def _agreement(rows: list[list[float]], labels: list[str], policy: AnonymityPolicy | None = None):
    release = release_rater_groups(ONE, rows, labels, policy)
    return all_raters_agreement(ONE, rows, labels, release)


def test_it_uses_only_the_raters_in_the_shown_all_raters_score() -> None:
    # Manager and three peers: items 4, 4, 4, 5 → variance 1/4 each, q = 1/8,
    # rwg(j) = 2.625 / 2.75 = 21/22. The lone other is withheld and left out of
    # "all raters", so their 1s must not count here either.
    rows = [[4, 4, 4], [4, 4, 4], [4, 4, 4], [5, 5, 5], [1, 1, 1]]
    labels = ["manager", "peers", "peers", "peers", "others"]
    agreement = _agreement(rows, labels)
    assert_allclose(agreement.values, [21 / 22], rtol=1e-12)
    assert agreement.reasons == (None,)
    assert not agreement.wide[0]


def test_it_keeps_pooled_withheld_raters() -> None:
    # Two peers and two others, pooled: items 1, 5, 1, 5 → variance 16/3 > 2,
    # truncated: q = 1 and rwg(j) = 0, wide disagreement.
    rows = [[1, 1, 1], [5, 5, 5], [1, 1, 1], [5, 5, 5]]
    agreement = _agreement(rows, ["peers", "peers", "others", "others"])
    assert agreement.values.tolist() == [0.0]
    assert agreement.wide.tolist() == [True]


def test_it_needs_three_raters_who_answered_every_question() -> None:
    # Four raters count for the practice, but two skipped a question: rwg(j)
    # drops them, and two raters' spread beside their mean would give both answers.
    rows = [[4, 4, 4], [3, 3, 3], [4, NAN, 4], [NAN, 2, 2]]
    agreement = _agreement(rows, ["manager", "peers", "peers", "peers"])
    assert np.isnan(agreement.values[0])
    assert agreement.reasons == (TOO_FEW,)
    assert agreement.wide.tolist() == [False]


def test_it_gives_nothing_where_all_raters_is_not_shown() -> None:
    agreement = _agreement([[4, 4, 4], [3, 3, 3], [2, 2, 2]], ["peers"] * 3)
    assert np.isnan(agreement.values[0])
    assert agreement.reasons == (NOT_SHOWN,)


def test_it_counts_three_raters_when_the_policy_shows_three() -> None:
    # Items 3, 4, 5 (variance 1) on every question: q = 1/2, rwg(j) = 1.5 / 2 = 3/4.
    scores = {"manager": 1, "peers": 3, "direct_reports": 3, "others": 3, "all": 3}
    policy = AnonymityPolicy(scores=scores, comments=scores)
    agreement = _agreement([[3, 3, 3], [4, 4, 4], [5, 5, 5]], ["peers"] * 3, policy)
    assert_allclose(agreement.values, [0.75], rtol=1e-12)
