"""Answers a realistic 360 might hold, simulated the same way on every run.

The model is simple, but each part of it is something a real 360 shows:

* Every participant has a true leadership and a true management level,
  correlated (people strong in one are somewhat likelier to be strong in the
  other), and each practice departs a little from its capability's level.
* Raters see the same person differently: each has a leniency of their own
  (some rate everyone high), and every answer carries noise.
* People rate themselves somewhat higher than others rate them, on average,
  and some much higher: the blind spots a 360 exists to show.
* Peers and others sometimes cannot observe a practice at all ("Not observed"),
  more often for the practices of formal authority they do not see.

Everything is drawn from one seeded generator per participant, in whole
arrays: a rater × item matrix at a time, no loop over raters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twofold.core.instrument import Instrument

__all__ = ["Traits", "simulate_360", "traits"]

FloatArray = npt.NDArray[np.float64]

#: Mean true level of both capabilities on a 1–5 scale, and its spread between people.
LEVEL, LEVEL_SD = 3.6, 0.45
#: Correlation of a person's true leadership and management levels.
LM_CORRELATION = 0.45
#: How far a practice departs from its capability's level, person by person.
PRACTICE_SD = 0.3
#: A rater's leniency (a personal offset on every answer) and an answer's noise.
LENIENCY_SD, NOISE_SD = 0.3, 0.55
#: Self-ratings: higher than others' on average, by a margin that varies by person.
SELF_INFLATION, SELF_INFLATION_SD = 0.3, 0.35
#: Chance that a peer or another rater cannot observe a practice at all, and that
#: any rater skips one item as "Not observed".
UNOBSERVED_PRACTICE, UNOBSERVED_ITEM = 0.05, 0.015
#: Practices seen from afar less often by people who are not in the line.
AUTHORITY_PRACTICES = frozenset({"exercising_authority", "controlling_risk", "directing_work"})


@dataclass(frozen=True)
class Traits:
    """A participant's true levels: leadership, management, and each practice."""

    leadership: float
    management: float
    practices: FloatArray  # (scales,)
    self_inflation: float


def traits(instrument: Instrument, rng: np.random.Generator) -> Traits:
    """Draw one participant's true levels."""
    covariance = LEVEL_SD**2 * np.array([[1.0, LM_CORRELATION], [LM_CORRELATION, 1.0]])
    # A 2 × 2 Cholesky by hand: numpy's multivariate_normal factorises through
    # BLAS, whose last bits differ between CPUs; this is the same on every one.
    a = np.sqrt(covariance[0, 0])
    b = covariance[1, 0] / a
    c = np.sqrt(covariance[1, 1] - b * b)
    z = rng.standard_normal(2)
    lead, manage = LEVEL + a * z[0], LEVEL + b * z[0] + c * z[1]
    base = np.array([lead if s.capability == "leadership" else manage for s in instrument.scales])
    practices = base + rng.normal(0.0, PRACTICE_SD, len(instrument.scales))
    return Traits(
        leadership=float(lead),
        management=float(manage),
        practices=practices,
        self_inflation=float(rng.normal(SELF_INFLATION, SELF_INFLATION_SD)),
    )


def simulate_360(
    instrument: Instrument, groups: Sequence[str], seed: int
) -> tuple[FloatArray, Traits]:
    """Answers of one participant's raters, one row per entry of ``groups``.

    Parameters
    ----------
    instrument
        The instrument answered.
    groups
        Each rater's group: ``self``, ``manager``, ``peers``, ``direct_reports``
        or ``others``.
    seed
        The same seed gives the same answers on every machine.

    Returns
    -------
    answers, traits
        ``(raters, items)`` whole numbers on the response scale, NaN for
        "Not observed" (never in the self row), and the traits they came from.
    """
    rng = np.random.default_rng(seed)
    truth = traits(instrument, rng)
    scale = instrument.response_scale
    labels = np.asarray(groups, dtype=object)
    n, items = labels.size, len(instrument.item_ids)
    # Which practice each item belongs to, and its keying, as item-long arrays.
    owner = np.concatenate([np.full(len(s.items), j) for j, s in enumerate(instrument.scales)])
    keys = np.array([item.key for s in instrument.scales for item in s.items], dtype=np.float64)
    is_self = labels == "self"
    leniency = np.where(is_self, truth.self_inflation, rng.normal(0.0, LENIENCY_SD, n))
    level = truth.practices[owner][None, :] + leniency[:, None]
    values = level + rng.normal(0.0, NOISE_SD, (n, items))
    values = np.where(keys[None, :] < 0, scale.min + scale.max - values, values)
    answers = np.clip(np.rint(values), scale.min, scale.max)
    # "Not observed": whole practices for raters outside the line, single items for anyone.
    distant = np.isin(labels, ["peers", "others"])
    authority = np.array([s.id in AUTHORITY_PRACTICES for s in instrument.scales])
    chance = np.where(authority, 3 * UNOBSERVED_PRACTICE, UNOBSERVED_PRACTICE)
    unseen = distant[:, None] & (rng.random((n, len(instrument.scales))) < chance[None, :])
    skipped = unseen[:, owner] | (rng.random((n, items)) < UNOBSERVED_ITEM)
    answers = np.where(skipped & ~is_self[:, None], np.nan, answers)
    return answers, truth
