"""Reliability and item analysis of each scale, with the conventions of ``psych::alpha``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.special import fdtri  # type: ignore[import-untyped]

from twofold.core.errors import TwofoldError
from twofold.core.instrument import Instrument
from twofold.core.scoring import DEFAULT_MIN_ANSWERED, ScoringKey
from twofold.core.scoring.key import FloatArray
from twofold.core.stats import covariance as cv
from twofold.core.stats.covariance import PairMoments
from twofold.core.stats.omega import scale_omegas, smc
from twofold.core.stats.scale_moments import scale_moments

__all__ = [
    "Interval",
    "ItemStatistics",
    "ReliabilityAnalysis",
    "ScaleReliability",
    "analyze_reliability",
    "feldt_interval",
    "scale_reliability",
]

SCALE_FIELDS = ("alpha", "alpha_std", "lambda6", "average_r", "omega_total", "sem", "alpha_ci95")
FIELDS = ("mean", "sd", "r_drop", "alpha_if_deleted")
NAN = float("nan")


@dataclass(frozen=True)
class Interval:
    """A confidence interval; NaN bounds when it is undefined."""

    lower: float
    upper: float


@dataclass(frozen=True)
class ItemStatistics:
    """One item of a scale: answers, keyed mean and SD, and how it fits the scale."""

    n: int
    mean: float
    sd: float
    r_drop: float
    alpha_if_deleted: float
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScaleReliability:
    """One scale (formulas in :func:`scale_reliability`); NaN where undefined, ``reasons`` why."""

    n: int
    mean: float
    sd: float
    alpha: float
    alpha_std: float
    lambda6: float
    average_r: float
    omega_total: float
    sem: float
    alpha_ci95: Interval
    items: dict[str, ItemStatistics]
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReliabilityAnalysis:
    """Every scale of an instrument (``id@version``), analysed with one set of options."""

    instrument: str
    impute: str
    missing: str
    scales: dict[str, ScaleReliability]


def feldt_interval(alpha: float, n: int, k: int, level: float = 0.95) -> Interval:
    """Feldt's confidence interval for coefficient alpha.

    Parameters
    ----------
    alpha, n, k, level
        Cronbach's alpha, respondents and items (each >= 2), coverage (0.95).

    Returns
    -------
    Interval

    Notes
    -----
    With :math:`F_q(d_1, d_2)` the *q* quantile of the F distribution,
    :math:`d_1 = n - 1` and :math:`d_2 = (n - 1)(k - 1)`, and
    :math:`p = 1 - \\text{level}`,

    .. math::

        \\left[\\,1 - (1 - \\alpha) F_{1 - p/2}(d_1, d_2),\\;
        1 - (1 - \\alpha) F_{p/2}(d_1, d_2)\\,\\right].

    This is ``psych::alpha.ci(alpha, n.obs = n, n.var = k)``.

    References
    ----------
    Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference
    for coefficient alpha. *Applied Psychological Measurement*, 11(1), 93–103.

    Examples
    --------
    >>> ci = feldt_interval(0.8, n=100, k=6)  # in R: psych::alpha.ci(.8, 100, 6)
    >>> round(ci.lower, 4), round(ci.upper, 4)
    (0.7325, 0.8551)
    """
    if n < 2 or k < 2:
        raise TwofoldError(f"feldt_interval: expected n >= 2 and k >= 2, got n={n}, k={k}")
    if not 0 < level < 1:
        raise TwofoldError(f"level: expected a coverage in (0, 1), got {level}")
    p = 1.0 - level
    lower, upper = 1 - (1 - alpha) * fdtri(n - 1, (n - 1) * (k - 1), [1 - p / 2, p / 2])
    return Interval(float(lower), float(upper))


def _coefficients(c: FloatArray) -> tuple[float, float, float, float]:
    """Alpha from ``c``; standardised alpha, lambda 6 and average r from ``cov2cor(c)``."""
    k, total = c.shape[0], float(c.sum())
    alpha = k / (k - 1) * (1 - float(np.trace(c)) / total) if total > 0 else NAN
    if (np.diag(c) <= 0).any():  # a constant item: its correlations are undefined
        return alpha, NAN, NAN, NAN
    total_r = float((r := cv.cov2cor(c)).sum())
    if not total_r > 0:
        return alpha, NAN, NAN, NAN
    lambda6 = 1 - (k - float(smc(r).sum())) / total_r
    return alpha, k / (k - 1) * (1 - k / total_r), lambda6, (total_r - k) / (k * (k - 1))


def _item_statistics(
    m: PairMoments, c: FloatArray, item_ids: Sequence[str], blocked: str | None
) -> dict[str, ItemStatistics]:
    """n, mean, SD (all answers of each item), r.drop and alpha if deleted (from ``c``)."""
    k, n = len(item_ids), np.diag(m.counts)
    with np.errstate(invalid="ignore", divide="ignore"):
        colsum, diag, total = c.sum(axis=0), np.diag(c), c.sum()
        rest = total - 2 * colsum + diag  # sum of c without row and column i
        r_drop = (colsum - diag) / np.sqrt(diag * rest)
        dropped = (k - 1) / (k - 2 or 1) * (1 - (np.trace(c) - diag) / rest)
        values = np.stack([m.means(), np.sqrt(np.diag(m.covariance())), r_drop, dropped])
    items = {}
    for i, item_id in enumerate(item_ids):
        why = {"mean": "item was not answered"} if n[i] == 0 else {}
        if n[i] < 2:
            why["sd"] = "fewer than 2 answers"
        if blocked:
            why["r_drop"] = why["alpha_if_deleted"] = blocked
        if diag[i] <= 0:
            why.setdefault("r_drop", "item is constant")
        if k == 2:
            why.setdefault("alpha_if_deleted", "one item would remain")
        if not rest[i] > 0:
            why.setdefault("r_drop", "the sum of the other items has no variance")
            why.setdefault("alpha_if_deleted", "the sum of the other items has no variance")
        v = values[:, i]
        mean, sd, r, drop = (NAN if f in why else float(v[j]) for j, f in enumerate(FIELDS))
        items[item_id] = ItemStatistics(int(n[i]), mean, sd, r, drop, why)
    return items


def scale_reliability(
    x: npt.ArrayLike,
    item_ids: Sequence[str] | None = None,
    *,
    missing: str = "pairwise",
    min_answered: float = DEFAULT_MIN_ANSWERED,
) -> ScaleReliability:
    """Reliability and item analysis of one scale from its keyed answers.

    Parameters
    ----------
    x
        ``(n, k)`` keyed answers of the scale's items (reverse-keyed items
        already reversed); NaN is missing.
    item_ids
        Names of the ``k`` columns; ``"1"``, ``"2"``, … by default.
    missing
        ``"pairwise"`` (default, as ``psych::alpha``) or ``"listwise"``: how
        the covariance matrix treats missing answers.
    min_answered
        Fraction of the items needed for a person score, as in scoring; ``1/k``
        or less counts anyone with an answer, as ``psych::alpha``'s ``total``.

    Returns
    -------
    ScaleReliability
        NaN where a value is undefined, with the reason in ``reasons``.

    Notes
    -----
    :math:`C` is the covariance matrix of the *k* items (pairwise: each entry
    from the rows where both items are present, divisor :math:`n_{ij} - 1`;
    listwise: from the rows with every item), :math:`R` = ``cov2cor(C)``,
    :math:`V_C = \\sum_{ij} c_{ij}`, :math:`V_R = \\sum_{ij} r_{ij}`:

    - alpha :math:`= \\frac{k}{k-1}(1 - \\operatorname{tr}C / V_C)`;
      alpha_std :math:`= \\frac{k}{k-1}(1 - k / V_R)`;
    - lambda6 :math:`= 1 - (k - \\sum_i \\mathrm{smc}_i) / V_R`, with
      :math:`\\mathrm{smc}_i` the squared multiple correlation of item *i*;
    - average_r :math:`= (V_R - k) / (k(k-1))`;
    - omega_total from a one-factor minres model of the pairwise correlations
      (listwise: of the complete rows), see
      :func:`twofold.core.stats.omega.omega_total`;
    - person score: mean of the answered items, given to respondents who
      answered at least ``min_answered`` of them; ``n``, ``mean`` and ``sd``
      (divisor :math:`n - 1`) describe these scores; sem :math:`= sd\\sqrt{1 -
      \\alpha}`;
    - alpha_ci95: Feldt's interval with *n* = all rows of ``x``, as psych;
    - per item *i*: ``n``, mean and SD of its answers;
      r_drop :math:`= (\\sum_j c_{ij} - c_{ii}) / \\sqrt{c_{ii} V_{C(-i)}}`,
      the correlation of the item with the sum of the others; alpha_if_deleted
      is alpha of :math:`C` without item *i*.

    These are ``psych::alpha(x, use = "pairwise")`` (or ``"complete.obs"``);
    docs/statistics-reliability.md gives the R call for each value and the two
    differences (a constant item is kept; with two items no alpha_if_deleted).

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of
    tests. *Psychometrika*, 16(3), 297–334.

    Guttman, L. (1945). A basis for analyzing test-retest reliability.
    *Psychometrika*, 10(4), 255–282.

    Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference
    for coefficient alpha. *Applied Psychological Measurement*, 11(1), 93–103.

    McDonald, R. P. (1999). *Test Theory: A Unified Treatment*. Mahwah, NJ:
    Lawrence Erlbaum Associates.

    Revelle, W. *psych: Procedures for Psychological, Psychometric, and
    Personality Research*, ``alpha``. Northwestern University, Evanston,
    Illinois. R package version 2.2.9.

    Examples
    --------
    >>> x = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5]], dtype=float)
    >>> result = scale_reliability(x, ["a", "b", "c"])
    >>> round(result.alpha, 6)  # in R: psych::alpha(x)$total$raw_alpha
    0.938776
    >>> round(result.items["a"].r_drop, 6)  # psych::alpha(x)$item.stats$r.drop
    0.989778
    """
    matrix = np.asarray(x, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] == 0:
        raise TwofoldError(f"x: expected a respondents × items matrix, got shape {matrix.shape}")
    ids = [str(i + 1) for i in range(matrix.shape[1])] if item_ids is None else list(item_ids)
    if len(ids) != matrix.shape[1]:
        raise TwofoldError(f"item_ids: expected {matrix.shape[1]} ids, got {len(ids)}")
    pairwise, complete, _ = cv.block_moments(matrix, [slice(0, len(ids))], listwise=True)
    return _reliabilities([(pairwise[0], complete[0], ids)], missing, min_answered)[0]


def _reliabilities(
    scales: Sequence[tuple[PairMoments, PairMoments, Sequence[str]]],
    missing: str,
    min_answered: float,
) -> list[ScaleReliability]:
    """Each scale from its pairwise and complete-row moments and item ids.

    The one-factor models behind omega are fitted for all scales at once.
    """
    cv.check_policy(missing)
    if not 0 < min_answered <= 1:
        raise TwofoldError(f"min_answered: expected a fraction in (0, 1], got {min_answered}")
    listwise = missing == "listwise"  # psych: cov(x, use = "complete.obs"); omega of na.omit(x)
    covariances = [(full if listwise else m).covariance() for m, full, _ in scales]
    blocked = [
        _blocking_reason(m, c, ids, missing)
        for (m, _, ids), c in zip(scales, covariances, strict=True)
    ]
    factored = {
        s: cv.cov2cor(c) if listwise else scales[s][0].correlation()
        for s, (c, why) in enumerate(zip(covariances, blocked, strict=True))
        if not why and (np.diag(c) > 0).all()
    }
    fitted = scale_omegas(list(factored.values()), [scales[s][2] for s in factored])
    omegas = dict(zip(factored, fitted, strict=True))
    return [
        _reliability(m, ids, c, why, omegas.get(s), min_answered)
        for s, ((m, _, ids), c, why) in enumerate(zip(scales, covariances, blocked, strict=True))
    ]


def _reliability(
    m: PairMoments,
    ids: Sequence[str],
    c: FloatArray,
    blocked: str | None,
    omega_fit: tuple[float, str | None] | None,
    min_answered: float,
) -> ScaleReliability:
    """One scale, given its covariances, why nothing can be computed, and its omega."""
    n_rows, k = int(m.respondents.sum()), len(ids)
    reasons = dict.fromkeys(SCALE_FIELDS, blocked) if blocked else {}
    items = _item_statistics(m, np.nan_to_num(c), ids, blocked)
    n, mean, sd = m.person_scores(min_answered * k)  # rows without answers are not kept
    reasons.update({"sd": "fewer than 2 respondents have a score"} if n < 2 else {})
    reasons.update({"mean": "no respondent has a score"} if n == 0 else {})
    alpha = alpha_std = lambda6 = average_r = omega = NAN
    if not blocked:
        alpha, alpha_std, lambda6, average_r = _coefficients(c)
        if np.isnan(alpha):
            why = "the items have no variance"
            reasons.update(dict.fromkeys(("alpha", "sem", "alpha_ci95"), why))
        constant = np.flatnonzero(np.diag(c) <= 0)
        if constant.size:
            why = f"item {ids[int(constant[0])]} is constant, so its correlations are undefined"
            reasons.update(dict.fromkeys(("alpha_std", "lambda6", "average_r", "omega_total"), why))
        elif np.isnan(alpha_std):
            why = "the correlations sum to zero or less"
            reasons.update(dict.fromkeys(("alpha_std", "lambda6", "average_r"), why))
        if omega_fit is not None:
            omega, omega_why = omega_fit
            reasons.update({"omega_total": omega_why} if omega_why else {})
    # An alpha of one can come out a rounding error above it: the SEM is then 0, not undefined.
    sem = sd * float(np.sqrt(np.clip(1 - alpha, 0.0, None)))
    if np.isnan(sem):
        reasons.setdefault("sem", reasons.get("alpha") or reasons["sd"])
    ci = Interval(NAN, NAN) if np.isnan(alpha) else feldt_interval(alpha, n_rows, k)
    return ScaleReliability(
        n, mean, sd, alpha, alpha_std, lambda6, average_r, omega, sem, ci, items, reasons
    )


def _blocking_reason(m: PairMoments, c: FloatArray, ids: Sequence[str], missing: str) -> str | None:
    """Why no covariance-based statistic can be given, or None."""
    k = len(ids)
    if k == 1:
        return "scale has one item"
    if missing == "listwise" and m.respondents[m.answered == k].sum() < 3:
        return "fewer than 3 respondents answered every item"
    if m.respondents[m.answered > 0].sum() < 3:
        return "fewer than 3 respondents"
    pair = cv.undefined_pair(c)
    if pair is not None:
        i, j = pair
        return f"items {ids[i]} and {ids[j]} were answered together by fewer than 2 respondents"
    return None


def analyze_reliability(
    instrument: Instrument,
    responses: npt.ArrayLike,
    *,
    impute: str = "none",
    missing: str = "pairwise",
    min_answered: float = DEFAULT_MIN_ANSWERED,
) -> ReliabilityAnalysis:
    """Reliability and item analysis of every scale of an instrument.

    Parameters
    ----------
    instrument, responses
        The instrument and its ``(n, k)`` raw answers (item order; NaN missing).
    impute
        ``"none"``, ``"median"`` or ``"mean"``: fill missing keyed answers
        first, as :func:`twofold.core.scoring.impute.impute`.
    missing, min_answered
        As in :func:`scale_reliability`.

    Returns
    -------
    ReliabilityAnalysis

    Notes
    -----
    Reverse-keyed items are reversed (:math:`\\min + \\max - x`), missing
    answers imputed if asked, and each scale's columns go to
    :func:`scale_reliability`, whose notes give every formula. Answers outside
    the response scale raise :class:`~twofold.core.errors.ResponsesError`.

    References
    ----------
    Revelle, W. *psych: Procedures for Psychological, Psychometric, and
    Personality Research*, ``alpha`` and ``scoreItems``. R package version 2.2.9.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=a1,a2,-a3", 1, 5)
    >>> x = np.array([[1, 2, 4], [2, 2, 3], [3, 4, 3], [4, 4, 1]], dtype=float)
    >>> round(analyze_reliability(inst, x).scales["A"].alpha, 6)
    0.938776
    """
    key = ScoringKey.from_instrument(instrument)
    blocks, pairwise, complete = scale_moments(key, responses, impute, missing == "listwise")
    ids = (key.item_ids[block] for block in blocks)
    scales = _reliabilities(list(zip(pairwise, complete, ids, strict=True)), missing, min_answered)
    return ReliabilityAnalysis(
        instrument.ref, impute, missing, dict(zip(key.scale_ids, scales, strict=True))
    )
