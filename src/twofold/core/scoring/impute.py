"""Filling missing answers before scoring, as ``psych::scoreItems`` can."""

from __future__ import annotations

from typing import Literal, get_args

import numpy as np

from twofold.core.errors import TwofoldError
from twofold.core.scoring.key import FloatArray

Imputation = Literal["none", "median", "mean"]
IMPUTATIONS: tuple[str, ...] = get_args(Imputation)


def impute(responses: FloatArray, method: str = "none") -> FloatArray:
    """Fill each missing cell with its item's median or mean over all respondents.

    ``"none"`` (the default) returns the matrix unchanged. An item nobody
    answered stays missing. Impute *keyed* answers: the median and mean of a
    reverse-keyed item are then on the keyed scale, as in psych.

    Examples
    --------
    >>> impute(np.array([[1.0, np.nan], [3.0, 2.0], [np.nan, 4.0]]), "mean")
    array([[1., 3.],
           [3., 2.],
           [2., 4.]])
    """
    if method not in IMPUTATIONS:
        raise TwofoldError(f"impute: expected one of {', '.join(IMPUTATIONS)}, got '{method}'")
    if method == "none":
        return responses
    missing = np.isnan(responses)
    if not missing.any():
        return responses
    empty = missing.all(axis=0)
    safe = np.where(empty, 0.0, responses)  # all-missing columns would warn; they stay NaN
    fill = np.nanmedian(safe, axis=0) if method == "median" else np.nanmean(safe, axis=0)
    fill[empty] = np.nan
    return np.where(missing, fill, responses)
