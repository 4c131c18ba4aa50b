"""McDonald's omega total from a one-factor minimum-residual (minres) model, and SMCs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twofold.core.errors import TwofoldError
from twofold.core.scoring.key import BoolArray, FloatArray
from twofold.core.stats.covariance import undefined_pair

__all__ = [
    "MIN_UNIQUENESS",
    "OneFactorFit",
    "omega_total",
    "one_factor_minres",
    "scale_omega",
    "scale_omegas",
    "smc",
]

IntArray = npt.NDArray[np.intp]
FLIPPED = "the correlations of the flipped items sum to zero or less"
NAN = float("nan")
MIN_UNIQUENESS = 0.005
"""Smallest uniqueness allowed, as in ``psych::fa`` (its ``lower = .005``)."""


@dataclass(frozen=True, eq=False)
class OneFactorFit:
    """A one-factor model of a correlation matrix.

    Attributes
    ----------
    loadings
        ``(k,)`` loading of each item; their sum is made non-negative.
    uniquenesses
        ``(k,)`` :math:`1 - \\lambda_i^2`.
    residual
        Sum of squared off-diagonal residuals :math:`\\sum_{i<j}(r_{ij} - \\lambda_i\\lambda_j)^2`.
    heywood
        True when an item's uniqueness is held at 0.005 (a Heywood case); its
        communality :math:`\\lambda_i^2` may then exceed 1, as in ``psych``.
    """

    loadings: FloatArray
    uniquenesses: FloatArray
    residual: float
    heywood: bool


def smc(r: FloatArray) -> FloatArray:
    """Squared multiple correlation of each item with all the others.

    Parameters
    ----------
    r
        ``(k, k)`` correlation matrix without NaN.

    Returns
    -------
    numpy.ndarray
        ``(k,)`` values in [0, 1].

    Notes
    -----
    :math:`\\mathrm{smc}_i = 1 - 1 / (R^{+})_{ii}`, with :math:`R^{+}` the
    Moore–Penrose inverse (singular values below :math:`\\sqrt{\\epsilon}`
    times the largest are treated as zero), clipped to [0, 1], exactly as
    ``psych::smc`` does. For a single item it is 0.

    References
    ----------
    Guttman, L. (1945). A basis for analyzing test-retest reliability.
    *Psychometrika*, 10(4), 255–282.

    Revelle, W. *psych: Procedures for Psychological, Psychometric, and
    Personality Research*, ``smc`` and ``Pinv``. R package version 2.2.9.

    Examples
    --------
    >>> smc(np.array([[1.0, 0.5], [0.5, 1.0]]))  # in R: psych::smc(R)
    array([0.25, 0.25])
    """
    matrix = np.asarray(r, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or np.isnan(matrix).any():
        raise TwofoldError("r: expected a square correlation matrix without NaN")
    values: FloatArray = _smc_stack(matrix[None])[0]
    return values


def _smc_stack(stack: FloatArray) -> FloatArray:
    """:func:`smc` of each ``(k, k)`` matrix of an ``(s, k, k)`` stack."""
    if stack.shape[-1] == 1:
        return np.zeros(stack.shape[:-1])
    inverse = np.linalg.pinv(stack, rtol=np.sqrt(np.finfo(np.float64).eps))
    with np.errstate(divide="ignore"):
        values = 1.0 - 1.0 / np.diagonal(inverse, axis1=-2, axis2=-1)
    return np.asarray(np.clip(values, 0.0, 1.0), dtype=np.float64)


def _checked_correlation(r: FloatArray) -> FloatArray:
    matrix = np.asarray(r, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise TwofoldError(f"r: expected a square correlation matrix, got shape {matrix.shape}")
    if np.isnan(matrix).any():
        raise TwofoldError("r: the correlation matrix has undefined (NaN) entries")
    if matrix.shape[0] < 3:
        raise TwofoldError(f"r: a one-factor model needs at least 3 items, got {matrix.shape[0]}")
    return matrix


def _least_squares(matrix: FloatArray, held: BoolArray, start: FloatArray) -> FloatArray:
    """Loadings minimising F (see :func:`one_factor_minres`), by Levenberg–Marquardt.

    Each stacked ``(k, k)`` matrix is fitted on its own, all in one loop;
    a fit stops when it has converged and the others go on.

    With :math:`E = R - \\lambda\\lambda^\\top` (diagonal: :math:`1 - \\psi_{\\min} -
    \\lambda_i^2` for held items, 0 for the others), the gradient is
    :math:`-4E\\lambda` and the Gauss–Newton matrix :math:`2(\\lambda\\lambda^\\top +
    \\operatorname{diag}(s - 2\\lambda_i^2))`, :math:`s = \\sum_i \\lambda_i^2`, plus
    :math:`4\\lambda_i^2` on the diagonal for held items.
    """
    limit = 1.0 - MIN_UNIQUENESS
    diagonal = np.arange(matrix.shape[-1])

    def residual(lam: FloatArray, at: IntArray) -> FloatArray:
        e = matrix[at] - lam[:, :, None] * lam[:, None, :]
        e[:, diagonal, diagonal] = np.where(held[at], limit - lam**2, 0.0)
        return e

    lam = np.array(start, dtype=np.float64)
    everyone = np.arange(len(lam))
    e = residual(lam, everyone)
    cost, damping = np.sum(e * e, axis=(1, 2)), np.full(len(lam), 1e-3)
    going = everyone
    for _ in range(1000):
        if going.size == 0:
            break
        now, squares = lam[going], lam[going] ** 2
        normal = 2.0 * now[:, :, None] * now[:, None, :]
        normal[:, diagonal, diagonal] += 2.0 * (
            squares.sum(axis=1, keepdims=True) - 2.0 * squares + 2.0 * held[going] * squares
        )
        lifted = normal.copy()
        lifted[:, diagonal, diagonal] += damping[going, None] * (
            normal[:, diagonal, diagonal] + 1e-12
        )
        step = np.linalg.solve(lifted, 2.0 * (e[going] @ now[:, :, None]))[:, :, 0]
        trial = now + step
        e_trial = residual(trial, going)
        trial_cost = np.sum(e_trial * e_trial, axis=(1, 2))
        better = trial_cost <= cost[going]
        won, lost = going[better], going[~better]
        lam[won], e[won], cost[won] = trial[better], e_trial[better], trial_cost[better]
        damping[won] = np.maximum(damping[won] / 10.0, 1e-15)
        damping[lost] *= 10.0
        # Convergence is quadratic near the minimum: after an accepted step below
        # 1e-10 the loadings are already exact to machine precision.
        size = np.max(np.abs(step[better]), axis=1, initial=0.0)
        done = size <= 1e-10 * np.maximum(1.0, np.max(np.abs(lam[won]), axis=1, initial=0.0))
        stopped = np.concatenate([won[done], lost[damping[lost] > 1e15]])
        going = np.setdiff1d(going, stopped, assume_unique=True)
    return np.where(lam.sum(axis=1, keepdims=True) >= 0, lam, -lam)


def _fit_stack(matrix: FloatArray) -> tuple[FloatArray, BoolArray]:
    """Loadings and held items of one-factor minres fits to an ``(s, k, k)`` stack."""
    s, k = matrix.shape[:2]
    reduced = matrix.copy()
    diagonal = np.arange(k)
    reduced[:, diagonal, diagonal] = _smc_stack(matrix)
    values, vectors = np.linalg.eigh(reduced)
    loadings = vectors[:, :, -1] * np.sqrt(np.maximum(values[:, -1:], 0.0))
    held = np.zeros((s, k), dtype=bool)
    limit = 1.0 - MIN_UNIQUENESS
    refit = np.arange(s)
    for _ in range(k + 1):  # active set: hold the items whose communality passes the limit
        loadings[refit] = _least_squares(matrix[refit], held[refit], loadings[refit])
        now = held[refit] | (loadings[refit] ** 2 > limit)
        now &= ~(held[refit] & (loadings[refit] ** 2 < limit))
        changed = (now != held[refit]).any(axis=1)
        held[refit] = now
        refit = refit[changed]
        if refit.size == 0:
            break
    return loadings, held


def one_factor_minres(r: FloatArray) -> OneFactorFit:
    """Fit one factor to a correlation matrix by minimum residuals, as ``psych::fa``.

    Parameters
    ----------
    r
        ``(k, k)`` correlation matrix, ``k >= 3``, without NaN.

    Returns
    -------
    OneFactorFit

    Raises
    ------
    TwofoldError
        For fewer than 3 items (2 correlations cannot identify 3 loadings) or
        a matrix with NaN.

    Notes
    -----
    The loadings :math:`\\lambda` minimise the off-diagonal residuals

    .. math::

        F(\\lambda) = \\sum_{i \\ne j} (r_{ij} - \\lambda_i \\lambda_j)^2
        + \\sum_{i \\in H} (1 - \\psi_{\\min} - \\lambda_i^2)^2,

    with :math:`\\psi_{\\min} = 0.005`, solved by Levenberg–Marquardt with the
    analytic Gauss–Newton matrix to machine precision, starting from the first
    principal axis of :math:`R` with squared multiple correlations on the
    diagonal. :math:`H` is empty unless a loading would exceed
    :math:`\\sqrt{1 - \\psi_{\\min}}` (a Heywood case); those items' uniquenesses
    are then held at :math:`\\psi_{\\min}`, and their loadings still come from
    the first eigenvector of :math:`R - \\operatorname{diag}(\\psi)`, so a
    communality can exceed 1, as in psych. ``psych::fa(r, 1, fm = "minres")``
    searches over the uniquenesses :math:`\\psi \\in [0.005, 1]` with L-BFGS-B
    and the gradient :math:`\\operatorname{diag}(\\lambda\\lambda^\\top + \\Psi - R)`,
    which vanishes where each free communality is :math:`1 - \\psi_i`: the point
    found here. It stops at its default tolerance, so its loadings differ by up
    to about 2e-5 and its omega total by about 5e-8; in a Heywood case it stops
    further away, and the two agree to about 1e-3.

    References
    ----------
    Harman, H. H., & Jones, W. H. (1966). Factor analysis by minimizing
    residuals (minres). *Psychometrika*, 31(3), 351–368.

    Revelle, W. *psych: Procedures for Psychological, Psychometric, and
    Personality Research*, ``fa``. R package version 2.2.9.

    Examples
    --------
    >>> r = np.array([[1.0, 0.42, 0.35], [0.42, 1.0, 0.30], [0.35, 0.30, 1.0]])
    >>> fit = one_factor_minres(r)  # in R: psych::fa(r, 1, fm = "minres")$loadings
    >>> np.round(fit.loadings, 6)
    array([0.7, 0.6, 0.5])
    """
    matrix = _checked_correlation(r)
    fitted, holds = _fit_stack(matrix[None])
    loadings, held = fitted[0], holds[0]
    residual = matrix - np.outer(loadings, loadings)
    np.fill_diagonal(residual, 0.0)
    return OneFactorFit(
        loadings=loadings,
        uniquenesses=1.0 - loadings**2,
        residual=float(np.sum(np.triu(residual, 1) ** 2)),
        heywood=bool(held.any()),
    )


def omega_total(r: FloatArray) -> float:
    """McDonald's omega total of the unit-weighted sum of the items.

    Parameters
    ----------
    r
        ``(k, k)`` correlation matrix of the keyed items, ``k >= 3``, without NaN.

    Returns
    -------
    float

    Raises
    ------
    TwofoldError
        For fewer than 3 items or a matrix with NaN.

    Notes
    -----
    With the loadings :math:`\\lambda_i` and uniquenesses
    :math:`u_i^2 = 1 - \\lambda_i^2` of a one-factor minres model
    (:func:`one_factor_minres`), and :math:`V_t = \\sum_{ij} s_i s_j r_{ij}`
    the variance of the standardised sum after reversing items that load
    negatively (:math:`s_i = \\operatorname{sign}\\lambda_i`),

    .. math::

        \\omega_t = \\frac{V_t - \\sum_i u_i^2}{V_t}.

    This is ``psych::omega(x, nfactors = 1, fm = "minres")$omega.tot``, with
    its default ``flip = TRUE``; ``psych`` factors ``cor(x, use =
    "pairwise")``.

    References
    ----------
    McDonald, R. P. (1999). *Test Theory: A Unified Treatment*. Mahwah, NJ:
    Lawrence Erlbaum Associates.

    Revelle, W. *psych: Procedures for Psychological, Psychometric, and
    Personality Research*, ``omega``. R package version 2.2.9.

    Examples
    --------
    >>> r = np.array([[1.0, 0.42, 0.35], [0.42, 1.0, 0.30], [0.35, 0.30, 1.0]])
    >>> round(omega_total(r), 6)  # in R: psych::omega(r, 1, fm = "minres")$omega.tot
    0.63035
    """
    matrix = _checked_correlation(r)
    value = float(_omega_stack(matrix[None])[0])
    if np.isnan(value):
        raise TwofoldError(f"r: {FLIPPED}")
    return value


def _omega_stack(stack: FloatArray) -> FloatArray:
    """Omega total of each matrix of an ``(s, k, k)`` stack; NaN where the flipped
    items' correlations sum to zero or less (see :func:`omega_total`)."""
    loadings, _ = _fit_stack(stack)
    signs = np.where(loadings < 0, -1.0, 1.0)
    totals = (signs[:, None, :] @ stack @ signs[:, :, None])[:, 0, 0]
    unique = (1.0 - loadings**2).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, (totals - unique) / totals, np.nan)


def scale_omega(r: FloatArray, item_ids: Sequence[str]) -> tuple[float, str | None]:
    """Omega total of a scale, or NaN and the reason it is undefined.

    Parameters
    ----------
    r
        ``(k, k)`` correlations of the keyed items, NaN where undefined:
        ``cor(x, use = "pairwise")`` as ``psych::omega`` factors it
        (:meth:`~twofold.core.stats.covariance.PairMoments.correlation`).
    item_ids
        Names of the ``k`` items, used in the reason.

    Returns
    -------
    tuple of float and str or None
        Omega total (see :func:`omega_total`) and None, or NaN and the reason.

    Notes
    -----
    Undefined for fewer than 3 items (one factor is not identified), when a
    correlation is undefined (an item constant on the rows it shares with
    another, or two items never answered together), and when the correlations
    of the flipped items sum to zero or less.

    References
    ----------
    McDonald, R. P. (1999). *Test Theory: A Unified Treatment*. Mahwah, NJ:
    Lawrence Erlbaum Associates.

    Revelle, W. *psych: Procedures for Psychological, Psychometric, and
    Personality Research*, ``omega``. R package version 2.2.9.

    Examples
    --------
    >>> scale_omega(np.array([[1.0, 0.5], [0.5, 1.0]]), ["a", "b"])
    (nan, 'a one-factor model needs at least 3 items')
    """
    return scale_omegas([r], [item_ids])[0]


def scale_omegas(
    correlations: Sequence[FloatArray], item_ids: Sequence[Sequence[str]]
) -> list[tuple[float, str | None]]:
    """:func:`scale_omega` of several scales; scales of one size are fitted together.

    Parameters
    ----------
    correlations, item_ids
        Per scale, as in :func:`scale_omega`.

    Returns
    -------
    list of tuple of float and str or None
        Per scale, omega total and None, or NaN and the reason.

    Notes
    -----
    Fitting a stack of equal-sized matrices in one Levenberg–Marquardt loop
    gives each the same loadings as a fit of its own; it only saves the
    per-call overhead that dominates for matrices this small.

    Examples
    --------
    >>> r = np.array([[1.0, 0.42, 0.35], [0.42, 1.0, 0.30], [0.35, 0.30, 1.0]])
    >>> [(round(value, 6), why) for value, why in scale_omegas([r, r], [["a", "b", "c"]] * 2)]
    [(0.63035, None), (0.63035, None)]
    """
    results: list[tuple[float, str | None]] = [(NAN, None)] * len(correlations)
    by_size: dict[int, list[int]] = {}
    for s, (r, ids) in enumerate(zip(correlations, item_ids, strict=True)):
        pair = undefined_pair(r)
        if r.shape[0] < 3:
            results[s] = NAN, "a one-factor model needs at least 3 items"
        elif pair is not None:
            results[s] = NAN, f"correlation of {ids[pair[0]]} and {ids[pair[1]]} is undefined"
        else:
            by_size.setdefault(r.shape[0], []).append(s)
    for members in by_size.values():
        stack = np.stack([np.asarray(correlations[s], dtype=np.float64) for s in members])
        for s, value in zip(members, _omega_stack(stack).tolist(), strict=True):
            results[s] = (NAN, FLIPPED) if np.isnan(value) else (value, None)
    return results
