"""The agreement analysis of raters grouped by whom they rated, for every group at once.

A 360 campaign's raters of one participant form a group; this module runs the
statistics of :mod:`twofold.core.stats.agreement` and :mod:`twofold.core.stats.icc`
together, so the CLI, the bench and the campaign reports all get the same result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twofold.core.instrument import Instrument
from twofold.core.scoring import ScoringKey, score
from twofold.core.stats.agreement import Groups, Rwg, rwg, rwg_j, uniform_null_variance
from twofold.core.stats.icc import GroupMeansICC, group_means_icc_columns

__all__ = ["AgreementResult", "compute_agreement"]


@dataclass(frozen=True, eq=False)
class AgreementResult:
    """rwg(j) per group and scale, rwg per group and item, ICCs per scale."""

    instrument: Instrument
    groups: Groups
    key: ScoringKey
    rwg_j: Rwg
    rwg: Rwg
    icc: tuple[GroupMeansICC, ...]


def compute_agreement(
    instrument: Instrument, responses: npt.NDArray[np.float64], labels: tuple[str, ...]
) -> AgreementResult:
    """rwg(j), rwg and ICC(1)/ICC(2) for raters grouped by ``labels``.

    Parameters
    ----------
    instrument
        The instrument answered; its response range sets the uniform null.
    responses
        ``(n, k)`` answers, one row per rater; NaN is missing.
    labels
        ``n`` group labels, e.g. the participant each rater rated.

    Returns
    -------
    AgreementResult

    Notes
    -----
    The ICCs come from the raters' scale scores as :func:`twofold.core.scoring.score`
    gives them (at least half of a scale's items answered), so they agree with
    ``twofold score``; scoring also checks the answers' range.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=A1,A2", 1, 5)
    >>> answers = np.array([[4.0, 4.0], [4.0, 5.0], [1.0, 2.0], [2.0, 1.0]])
    >>> result = compute_agreement(inst, answers, ("p1", "p1", "p2", "p2"))
    >>> result.rwg_j.values.shape  # groups x scales
    (2, 1)
    """
    key = ScoringKey.from_instrument(instrument)
    groups = Groups.from_labels(np.asarray(labels))
    sigma = uniform_null_variance(key.low, key.high)
    scales = score(instrument, responses, key=key).scales
    return AgreementResult(
        instrument=instrument,
        groups=groups,
        key=key,
        rwg_j=rwg_j(responses, groups, sigma, key.items_to_scales),
        rwg=rwg(responses, groups, sigma),
        icc=group_means_icc_columns(scales, groups),
    )
