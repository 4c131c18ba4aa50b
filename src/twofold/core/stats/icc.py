"""Intraclass correlations: of raters nested in groups, and the six of Shrout and Fleiss.

- :func:`group_means_icc`: ICC(1) and ICC(2) of group means from a one-way
  ANOVA, for raters nested in groups (each participant has their own raters), as
  ``multilevel::ICC1`` and ``ICC2``.
- :func:`shrout_fleiss`: the six ICCs with confidence intervals for a complete
  targets × raters matrix (every target rated by the same raters), as
  ``psych::ICC(x, lmer = FALSE)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import fdtrc, fdtri  # type: ignore[import-untyped]

from twofold.core.errors import TwofoldError
from twofold.core.stats.agreement import Groups, as_matrix, group_moments

__all__ = [
    "ICC_TYPES",
    "GroupMeansICC",
    "IccEstimate",
    "ShroutFleiss",
    "group_means_icc",
    "group_means_icc_columns",
    "shrout_fleiss",
]

ICC_TYPES = ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")
_MEANINGS = (
    "single rater, absolute agreement, one-way random",
    "single random rater, absolute agreement, two-way random",
    "single fixed rater, consistency, two-way mixed",
    "mean of k raters, absolute agreement, one-way random",
    "mean of k random raters, absolute agreement, two-way random",
    "mean of k fixed raters, consistency, two-way mixed",
)


@dataclass(frozen=True)
class GroupMeansICC:
    """ICC(1) and ICC(2) of one variable from a one-way ANOVA by group.

    ``reasons`` maps ``icc1`` / ``icc2`` to why the value is NaN.
    """

    icc1: float
    icc2: float
    ms_between: float
    ms_within: float
    df_between: int
    df_within: int
    mean_group_size: float
    n: int
    reasons: dict[str, str]


def group_means_icc(y: npt.ArrayLike, groups: Groups) -> GroupMeansICC:
    """ICC(1) and ICC(2) of a variable measured on raters nested in groups.

    Parameters
    ----------
    y
        ``(n,)`` one value per row (e.g. a rater's scale score); NaN rows are dropped.
    groups
        The group of each row.

    Returns
    -------
    GroupMeansICC

    Notes
    -----
    From the one-way ANOVA of *y* by group over the rows with a value, with
    :math:`G` groups that keep a row, :math:`N` rows, mean squares
    :math:`MSB` (df :math:`G - 1`) and :math:`MSW` (df :math:`N - G`) and the
    mean group size :math:`\\bar k = N / G`:

    .. math::

       ICC(1) = \\frac{MSB - MSW}{MSB + (\\bar k - 1) MSW}, \\qquad
       ICC(2) = \\frac{MSB - MSW}{MSB}

    ICC(1) is the reliability of one rater, ICC(2) that of a group mean. Both
    match ``multilevel::ICC1(aov(y ~ group))`` and ``ICC2``, which use the
    plain mean group size even for unequal groups and do not truncate negative
    values. ICC(2) is NaN where MSB is zero (R: -Inf).

    References
    ----------
    Bliese, P. D. (2000). Within-group agreement, non-independence, and
    reliability: Implications for data aggregation and analysis. In K. J. Klein
    & S. W. J. Kozlowski (Eds.), *Multilevel theory, research, and methods in
    organizations* (pp. 349–381). Jossey-Bass.

    Examples
    --------
    >>> g = Groups.from_labels(["a", "a", "b", "b"])
    >>> r = group_means_icc([1.0, 2.0, 4.0, 5.0], g)  # MSB = 9, MSW = .5
    >>> round(r.icc1, 6), round(r.icc2, 6)  # 8.5 / 9.5, 8.5 / 9
    (0.894737, 0.944444)
    """
    values = np.asarray(y, dtype=np.float64)
    if values.ndim != 1:
        raise TwofoldError(f"y: expected one value per row, got shape {values.shape}")
    return group_means_icc_columns(values[:, None], groups)[0]


def group_means_icc_columns(y: npt.ArrayLike, groups: Groups) -> tuple[GroupMeansICC, ...]:
    """:func:`group_means_icc` of every column of an ``(n, s)`` matrix at once.

    Examples
    --------
    >>> g = Groups.from_labels(["a", "a", "b", "b"])
    >>> [round(r.icc2, 6) for r in group_means_icc_columns([[1, 3], [2, 3], [4, 1], [5, 1]], g)]
    [0.944444, 1.0]
    """
    values = groups.check_rows(as_matrix(y, "y"))
    present = ~np.isnan(values)
    counts, means, squares = group_moments(values, present, groups)
    n = counts.sum(axis=0)
    kept = (counts > 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        grand = np.where(counts > 0, counts * means, 0.0).sum(axis=0) / n
        between = np.where(counts > 0, counts * (means - grand) ** 2, 0.0).sum(axis=0)
        msb = between / (kept - 1)
        msw = squares.sum(axis=0) / (n - kept)
        size = n / kept
        icc1 = (msb - msw) / (msb + (size - 1) * msw)
        icc2 = (msb - msw) / msb
        scale = (squares + counts * np.nan_to_num(means) ** 2).sum(axis=0) / n
    results = []
    for j in range(values.shape[1]):
        reasons = _icc_reasons(int(kept[j]), int(n[j]), msb[j], msw[j], 1e-14 * scale[j])
        pair = [float(icc1[j]), float(icc2[j])]
        for f, name in enumerate(("icc1", "icc2")):
            if name in reasons or not np.isfinite(pair[f]):
                reasons.setdefault(name, "undefined for these data")
                pair[f] = float("nan")
        results.append(
            GroupMeansICC(
                pair[0], pair[1], float(msb[j]), float(msw[j]), int(kept[j]) - 1,
                int(n[j] - kept[j]), float(size[j]), int(n[j]), reasons,
            )
        )  # fmt: skip
    return tuple(results)


def _icc_reasons(kept: int, n: int, msb: float, msw: float, tiny: float) -> dict[str, str]:
    if kept < 2:
        why = "fewer than two groups have a value"
    elif n == kept:
        why = "every group has one rater"
    elif msb <= tiny and msw <= tiny:
        why = "no variance in the values"
    elif msb <= tiny:
        return {"icc2": "no variance between groups"}
    else:
        return {}
    return {"icc1": why, "icc2": why}


@dataclass(frozen=True)
class IccEstimate:
    """One ICC with its F test and 95% (by default) confidence interval.

    ``reasons`` maps a field (``icc``, ``f``, ``p``, ``lower``, ``upper``) to
    why it is NaN.
    """

    type: str
    meaning: str
    icc: float
    f: float
    df1: int
    df2: int
    p: float
    lower: float
    upper: float
    reasons: dict[str, str]


@dataclass(frozen=True)
class ShroutFleiss:
    """The six ICCs of a targets × raters matrix and the ANOVA mean squares they use."""

    estimates: tuple[IccEstimate, ...]
    n_targets: int
    n_raters: int
    ms_targets: float
    ms_raters: float
    ms_residual: float
    ms_within: float

    def __getitem__(self, icc_type: str) -> IccEstimate:
        for estimate in self.estimates:
            if estimate.type == icc_type:
                return estimate
        raise KeyError(icc_type)


def shrout_fleiss(x: npt.ArrayLike, alpha: float = 0.05) -> ShroutFleiss:
    """ICC1, ICC2, ICC3, ICC1k, ICC2k and ICC3k with their confidence intervals.

    Parameters
    ----------
    x
        ``(n, k)`` ratings: n targets (rows) each rated by the same k raters
        (columns); no missing values.
    alpha
        1 − confidence level of the intervals (0.05 for 95%).

    Returns
    -------
    ShroutFleiss
        The six :class:`IccEstimate`, in the order of :data:`ICC_TYPES`.

    Notes
    -----
    From the two-way ANOVA without interaction, with :math:`MSB` between
    targets (df :math:`n - 1`), :math:`MSJ` between raters (df :math:`k - 1`),
    :math:`MSE` residual (df :math:`(n - 1)(k - 1)`) and :math:`MSW` within
    targets (df :math:`n (k - 1)`):

    .. math::

       ICC1 = \\frac{MSB - MSW}{MSB + (k - 1) MSW}, \\quad
       ICC2 = \\frac{MSB - MSE}{MSB + (k - 1) MSE + k (MSJ - MSE) / n}, \\quad
       ICC3 = \\frac{MSB - MSE}{MSB + (k - 1) MSE}

       ICC1k = \\frac{MSB - MSW}{MSB}, \\quad
       ICC2k = \\frac{MSB - MSE}{MSB + (MSJ - MSE) / n}, \\quad
       ICC3k = \\frac{MSB - MSE}{MSB}

    The F tests are :math:`F = MSB / MSW` (ICC1, ICC1k) and :math:`MSB / MSE`
    (the others). With :math:`F_L = F / F_{1-\\alpha/2}(df_1, df_2)` and
    :math:`F_U = F \\cdot F_{1-\\alpha/2}(df_2, df_1)`, the bounds of ICC1 and
    ICC3 are :math:`(F_L - 1) / (F_L + k - 1)` and :math:`(F_U - 1) / (F_U + k - 1)`,
    those of ICC1k and ICC3k :math:`1 - 1 / F_L` and :math:`1 - 1 / F_U`. ICC2 uses
    the approximate degrees of freedom of McGraw and Wong (1996), case 2A, and
    ICC2k the Spearman–Brown step-up of ICC2's bounds, exactly as ``psych::ICC``.
    Values that the data leave undefined (e.g. no residual variance) are NaN with
    a reason.

    References
    ----------
    Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: Uses in
    assessing rater reliability. *Psychological Bulletin, 86*(2), 420–428.

    McGraw, K. O., & Wong, S. P. (1996). Forming inferences about some
    intraclass correlation coefficients. *Psychological Methods, 1*(1), 30–46.

    Examples
    --------
    The published example of Shrout and Fleiss (1979), six targets, four judges:

    >>> ratings = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8],
    ...            [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    >>> result = shrout_fleiss(ratings)  # In R: psych::ICC(ratings, lmer = FALSE)
    >>> [round(e.icc, 2) for e in result.estimates]
    [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
    """
    ratings = np.asarray(x, dtype=np.float64)
    _check(ratings, alpha)
    n, k = ratings.shape
    grand = ratings.mean()
    target_means = ratings.mean(axis=1)
    rater_means = ratings.mean(axis=0)
    residual = ratings - target_means[:, None] - rater_means[None, :] + grand
    ss_targets = k * float(np.sum((target_means - grand) ** 2))
    ss_raters = n * float(np.sum((rater_means - grand) ** 2))
    ss_residual = float(np.sum(residual**2))
    msb = ss_targets / (n - 1)
    msj = ss_raters / (k - 1)
    mse = ss_residual / ((n - 1) * (k - 1))
    msw = (ss_raters + ss_residual) / (n * (k - 1))
    tiny = 1e-14 * float(np.mean(ratings**2)) if np.any(ratings) else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        rows = _estimates(n, k, msb, msj, mse, msw, alpha)
    why = _why(msb, mse, msw, tiny)
    estimates = tuple(
        _estimate(icc_type, meaning, row, why)
        for icc_type, meaning, row in zip(ICC_TYPES, _MEANINGS, rows, strict=True)
    )
    return ShroutFleiss(estimates, n, k, msb, msj, mse, msw)


def _check(ratings: npt.NDArray[np.float64], alpha: float) -> None:
    if ratings.ndim != 2:
        raise TwofoldError(f"x: expected a targets × raters matrix, got shape {ratings.shape}")
    n, k = ratings.shape
    if n < 2 or k < 2:
        raise TwofoldError(f"x: expected at least 2 targets and 2 raters, got {n} × {k}")
    if not np.isfinite(ratings).all():
        row, col = np.argwhere(~np.isfinite(ratings))[0].tolist()
        raise TwofoldError(
            f"x: row {row}, column {col} is missing; the ICCs need every target rated by "
            "every rater (drop incomplete targets first)"
        )
    if not 0 < alpha < 1:
        raise TwofoldError(f"alpha: expected a number between 0 and 1, got {alpha}")


def _estimates(
    n: int, k: int, msb: float, msj: float, mse: float, msw: float, alpha: float
) -> list[tuple[float, float, int, int, float, float, float]]:
    """(icc, F, df1, df2, p, lower, upper) of each type; may hold inf or NaN."""
    q = 1 - alpha / 2
    df_b, df_w, df_e = n - 1, n * (k - 1), (n - 1) * (k - 1)
    f1 = np.float64(msb) / msw
    f3 = np.float64(msb) / mse
    p1 = float(fdtrc(df_b, df_w, f1))
    p3 = float(fdtrc(df_b, df_e, f3))
    f1_lo, f1_hi = f1 / fdtri(df_b, df_w, q), f1 * fdtri(df_w, df_b, q)
    f3_lo, f3_hi = f3 / fdtri(df_b, df_e, q), f3 * fdtri(df_e, df_b, q)
    icc1 = (msb - msw) / np.float64(msb + (k - 1) * msw)
    icc2 = (msb - mse) / np.float64(msb + (k - 1) * mse + k * (msj - mse) / n)
    icc3 = (msb - mse) / np.float64(msb + (k - 1) * mse)
    icc1k = (msb - msw) / np.float64(msb)
    icc2k = (msb - mse) / np.float64(msb + (msj - mse) / n)
    icc3k = (msb - mse) / np.float64(msb)
    # ICC2: McGraw & Wong (1996) approximate df v, as psych::ICC computes it.
    fj = np.float64(msj) / mse
    a = k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2
    b = (n - 1) * k**2 * icc2**2 * fj**2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2
    v = (k - 1) * (n - 1) * a**2 / b
    f_star_hi, f_star_lo = fdtri(n - 1, v, q), fdtri(v, n - 1, q)
    spread = k * msj + (k * n - k - n) * mse
    lo2 = n * (msb - f_star_hi * mse) / (f_star_hi * spread + n * msb)
    hi2 = n * (f_star_lo * msb - mse) / (spread + n * f_star_lo * msb)
    return [
        (icc1, f1, df_b, df_w, p1, (f1_lo - 1) / (f1_lo + k - 1), (f1_hi - 1) / (f1_hi + k - 1)),
        (icc2, f3, df_b, df_e, p3, lo2, hi2),
        (icc3, f3, df_b, df_e, p3, (f3_lo - 1) / (f3_lo + k - 1), (f3_hi - 1) / (f3_hi + k - 1)),
        (icc1k, f1, df_b, df_w, p1, 1 - 1 / f1_lo, 1 - 1 / f1_hi),
        (icc2k, f3, df_b, df_e, p3, lo2 * k / (1 + lo2 * (k - 1)), hi2 * k / (1 + hi2 * (k - 1))),
        (icc3k, f3, df_b, df_e, p3, 1 - 1 / f3_lo, 1 - 1 / f3_hi),
    ]


def _why(msb: float, mse: float, msw: float, tiny: float) -> str:
    if msb <= tiny and msw <= tiny:
        return "no variance in the ratings"
    if msb <= tiny:
        return "no variance between targets"
    if msw <= tiny:
        return "raters agree exactly on every target: no within-target variance"
    if mse <= tiny:
        return "no residual variance: raters differ by at most a constant"
    return "undefined for these data"


def _estimate(
    icc_type: str,
    meaning: str,
    row: tuple[float, float, int, int, float, float, float],
    why: str,
) -> IccEstimate:
    icc, f, df1, df2, p, lower, upper = row
    named = {"icc": icc, "f": f, "p": p, "lower": lower, "upper": upper}
    clean = {name: float(value) for name, value in named.items()}
    reasons = {name: why for name, value in clean.items() if not np.isfinite(value)}
    for name in reasons:
        clean[name] = float("nan")
    return IccEstimate(
        icc_type, meaning, clean["icc"], clean["f"], df1, df2, clean["p"],
        clean["lower"], clean["upper"], reasons,
    )  # fmt: skip
