"""Scale and composite scores for every respondent at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from twofold.core.errors import ResponsesError
from twofold.core.instrument import Instrument
from twofold.core.output import optional
from twofold.core.scoring.exact import on_grid
from twofold.core.scoring.impute import impute as fill_missing
from twofold.core.scoring.key import BoolArray, FloatArray, ScoringKey
from twofold.core.scoring.profile import Placements, classify

DEFAULT_MIN_ANSWERED = 0.5
ROWS = 16_384
"""Respondents checked and summed at a time: the temporaries stay small and are reused
instead of claiming fresh memory the size of the whole matrix."""
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True, eq=False)
class Scores:
    """Scores of ``n`` respondents; NaN marks a score that could not be given.

    Attributes
    ----------
    scales
        ``(n, s)`` mean of the answered keyed items of each scale.
    answered
        ``(n, s)`` number of items answered in each scale.
    composites
        ``(n, c)`` mean of the composite's scale scores.
    profile
        Lean, interval and region per respondent, or None when the instrument
        defines no leadership × management profile.
    """

    key: ScoringKey
    scales: FloatArray
    answered: npt.NDArray[np.int64]
    composites: FloatArray
    profile: Placements | None

    @property
    def n(self) -> int:
        return int(self.scales.shape[0])

    def scale(self, scale_id: str) -> FloatArray:
        return self.scales[:, self.key.scale_ids.index(scale_id)]

    def composite(self, composite_id: str) -> FloatArray:
        return self.composites[:, self.key.composite_ids.index(composite_id)]

    def respondent(self, index: int) -> dict[str, Any]:
        """One respondent's result as plain Python values (None for no score)."""
        result: dict[str, Any] = {
            "scales": {
                sid: {
                    "score": optional(self.scales[index, j]),
                    "answered": int(self.answered[index, j]),
                }
                for j, sid in enumerate(self.key.scale_ids)
            },
            "composites": {
                cid: optional(self.composites[index, m])
                for m, cid in enumerate(self.key.composite_ids)
            },
        }
        result["profile"] = None if self.profile is None else self.profile.respondent(index)
        return result


def check_range(key: ScoringKey, responses: FloatArray) -> None:
    """Refuse values outside the response scale or between its points.

    Raises
    ------
    ResponsesError
        Naming the first bad cells by row (0-based respondent index) and item id.
    """
    if responses.ndim != 2 or responses.shape[1] != len(key.item_ids):
        raise ResponsesError(
            [
                f"expected a respondents × items matrix with {len(key.item_ids)} columns, "
                f"got shape {responses.shape}"
            ]
        )
    found = [_bad_cells(key, responses[at : at + ROWS], at) for at in _starts(responses)]
    if any(rows.size for rows, _ in found):
        rows = np.concatenate([rows for rows, _ in found])
        cols = np.concatenate([cols for _, cols in found])
        raise ResponsesError(
            [
                f"row {r}, item {key.item_ids[c]}: {responses[r, c]:g} is not a whole number "
                f"from {key.low} to {key.high}"
                for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
            ]
        )


def _starts(values: FloatArray) -> range:
    return range(0, values.shape[0], ROWS)


def _bad_cells(key: ScoringKey, part: FloatArray, start: int) -> tuple[IntArray, IntArray]:
    """Rows (counted from ``start``) and columns of answers off the response scale."""
    present = ~np.isnan(part)
    bad = present & ((part < key.low) | (part > key.high) | (part != np.rint(part)))
    rows, cols = np.nonzero(bad)
    return rows + start, cols


def score(
    instrument: Instrument,
    responses: npt.ArrayLike,
    *,
    min_answered: float = DEFAULT_MIN_ANSWERED,
    impute: str = "none",
    key: ScoringKey | None = None,
) -> Scores:
    """Score a respondents × items matrix.

    Parameters
    ----------
    instrument
        The instrument answered; its item order is the column order.
    responses
        ``(n, k)`` answers on the instrument's response scale; NaN is missing
        (unanswered or "Not observed").
    min_answered
        Fraction of a scale's items that must be answered for a score; a scale
        with fewer gets none (NaN). The same fraction of a composite's scales
        must have a score for the composite to get one.
    impute
        ``"none"`` (default), ``"median"`` or ``"mean"``: fill a missing
        keyed answer with its item's median or mean over all respondents
        before scoring (see :func:`twofold.core.scoring.impute.impute`).
    key
        A precompiled :class:`ScoringKey`, to skip compiling it on every call.

    Returns
    -------
    Scores

    Notes
    -----
    With keyed answers :math:`y_{ri}` (a reverse-keyed answer :math:`x` becomes
    :math:`\\min + \\max - x`) and :math:`A_{rj}` the items of scale *j* that
    respondent *r* answered, the scale score is
    :math:`\\bar y_{rj} = \\frac{1}{|A_{rj}|}\\sum_{i \\in A_{rj}} y_{ri}`, given when
    :math:`|A_{rj}| \\ge` ``min_answered`` × (items in the scale). A composite is
    the mean of its scales' scores. Without imputation the answers are whole
    numbers and every score is computed exactly (see
    :mod:`twofold.core.scoring.exact`), so equal answers give equal scores on
    every machine.

    R's ``psych::scoreItems(keys, x, impute = "none", totals = FALSE)`` scores
    anyone with one answer on a scale; the scale scores here equal it when
    ``min_answered`` lets one answer count (at most 1/k for *k* items), and equal
    its ``impute = "median"`` and ``"mean"`` with the same ``impute`` here.

    Examples
    --------
    >>> from twofold.content import builtin_instrument
    >>> tlmi = builtin_instrument("tlmi")
    >>> answers = np.full((1, len(tlmi.items)), 4.0)
    >>> result = score(tlmi, answers)
    >>> float(result.composite("leadership")[0])
    4.0
    """
    if not 0 < min_answered <= 1:
        raise ResponsesError([f"min_answered: expected a fraction in (0, 1], got {min_answered}"])
    key = key or ScoringKey.from_instrument(instrument)
    matrix = np.asarray(responses, dtype=np.float64)
    check_range(key, matrix)
    keyed = fill_missing(key.apply_keys(matrix), impute)
    scale_scores, answered = _means(keyed, key.items_to_scales, min_answered)
    composites, _ = _means(scale_scores, key.scales_to_composites, min_answered)
    # Imputed answers are means and medians, not whole numbers: no grid holds them.
    grid = key.composite_grid if impute == "none" else None
    if grid is not None:
        composites = on_grid(composites, grid)
    profile = None
    if instrument.profile is not None:
        profile = classify(instrument, instrument.profile, key, composites, grid)
    return Scores(
        key=key,
        scales=scale_scores,
        answered=answered.astype(np.int64),
        composites=composites,
        profile=profile,
    )


def _means(
    values: FloatArray, membership: FloatArray, min_answered: float
) -> tuple[FloatArray, FloatArray]:
    """Mean of the present values in each group, NaN where too few are present."""
    counts = np.empty((values.shape[0], membership.shape[1]))
    sums = np.empty_like(counts)
    for start in _starts(values):
        part = values[start : start + ROWS]
        present: BoolArray = ~np.isnan(part)
        counts[start : start + ROWS] = present.astype(np.float64) @ membership
        sums[start : start + ROWS] = np.where(present, part, 0.0) @ membership
    needed = min_answered * membership.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / counts
    means[counts < needed] = np.nan
    return means, counts
