"""An instrument compiled into the arrays that scoring multiplies with.

Scoring every respondent at once is a pair of matrix products: answered items
times the item-to-scale membership, and scale scores times the scale-to-composite
membership. Compiling those matrices once per instrument keeps the hot path free
of Python loops.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twofold.core.instrument import Instrument
from twofold.core.scoring.exact import composite_grid

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class ScoringKey:
    """The arrays derived from an instrument.

    Attributes
    ----------
    item_ids, scale_ids, composite_ids
        Column labels of the item, scale and composite matrices.
    reverse
        ``(k,)`` True where an item is reverse-keyed.
    items_to_scales
        ``(k, s)`` 1.0 where item *i* belongs to scale *j*.
    scales_to_composites
        ``(s, c)`` 1.0 where scale *j* belongs to composite *m*.
    low, high
        The response range; a reverse-keyed answer *x* scores ``low + high - x``.
    composite_grid
        Every composite score of whole-number answers is a multiple of
        ``1 / composite_grid`` (see :mod:`twofold.core.scoring.exact`).
    """

    item_ids: tuple[str, ...]
    scale_ids: tuple[str, ...]
    composite_ids: tuple[str, ...]
    reverse: BoolArray
    items_to_scales: FloatArray
    scales_to_composites: FloatArray
    low: int
    high: int
    composite_grid: int

    @classmethod
    def from_instrument(cls, instrument: Instrument) -> ScoringKey:
        scale_ids = tuple(s.id for s in instrument.scales)
        items_to_scales = np.zeros((len(instrument.items), len(scale_ids)))
        row = 0
        for j, scale in enumerate(instrument.scales):
            items_to_scales[row : row + len(scale.items), j] = 1.0
            row += len(scale.items)
        scales_to_composites = np.zeros((len(scale_ids), len(instrument.composites)))
        for m, composite in enumerate(instrument.composites):
            for ref in composite.scales:
                scales_to_composites[scale_ids.index(ref), m] = 1.0
        return cls(
            item_ids=instrument.item_ids,
            scale_ids=scale_ids,
            composite_ids=tuple(c.id for c in instrument.composites),
            reverse=np.array([item.key == -1 for item in instrument.items], dtype=bool),
            items_to_scales=items_to_scales,
            scales_to_composites=scales_to_composites,
            low=instrument.response_scale.min,
            high=instrument.response_scale.max,
            composite_grid=math.lcm(
                1,
                *(
                    composite_grid([len(instrument.scale(ref).items) for ref in c.scales])
                    for c in instrument.composites
                ),
            ),
        )

    def apply_keys(self, responses: FloatArray) -> FloatArray:
        """Reverse the reverse-keyed columns; NaN (missing) stays NaN.

        Without a reverse-keyed item the answers themselves come back, not a
        copy: nothing downstream writes to them, and a 360 campaign's answers
        are hundreds of megabytes.
        """
        if not self.reverse.any():
            return responses
        return np.where(self.reverse, self.low + self.high - responses, responses)
