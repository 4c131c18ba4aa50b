"""Norm tables: how a norm group scored, and where a person stands against it.

A norm table belongs to one instrument *version* (scores from another are
refused). Per scale and composite it keeps n, mean, SD, percentiles 1–99 and
the frequency of every distinct score, so percentile ranks are exact. A table is
written as JSON (schema ``twofold-norm/1``, :meth:`NormTable.to_json`) and read
back by :func:`parse_norm`; :class:`twofold.content.norm_store.NormStore` keeps
them on disk beside the built-in ones.

A norm group needs at least :data:`MIN_NORM_N` respondents with a score on every
scale and composite; below :data:`ROUGH_NORM_N` its percentile ranks are rough.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal

import numpy as np
import numpy.typing as npt
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from twofold.core.errors import TwofoldError
from twofold.core.instrument import Instrument
from twofold.core.scoring import DEFAULT_MIN_ANSWERED, Scores, score

__all__ = [
    "MIN_NORM_N",
    "ROUGH_NORM_N",
    "NormComparison",
    "NormError",
    "NormScale",
    "NormTable",
    "build_norm",
    "compare_to_norm",
    "parse_norm",
    "percentile",
    "t_score",
]

SCHEMA: Literal["twofold-norm/1"] = "twofold-norm/1"
PERCENTILE_POINTS = tuple(range(1, 100))
TIE_TOLERANCE = 1e-9
NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
NAME_HINT = "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
# With fewer people one person moves a rank by more than 10 points: ranks would mislead.
MIN_NORM_N = 10
# With fewer people one person moves a rank by more than a point: ranks are rough.
ROUGH_NORM_N = 100
FloatArray = npt.NDArray[np.float64]


class NormError(TwofoldError):
    """A norm table is missing, malformed, or does not fit the scores."""


#: Significant digits of a statistic written to a norm file. Sums over thousands
#: of scores differ in the last bits between CPUs (SIMD widths, summation order);
#: twelve digits keep far more precision than a percentile or T-score can use,
#: and the file then reads the same wherever it was built.
WRITTEN_DIGITS = 12


def _written(value: float) -> float | None:
    """A statistic as the file keeps it: 12 significant digits, null for NaN."""
    return None if math.isnan(value) else float(f"{value:.{WRITTEN_DIGITS}g}")


# NaN in Python, null in JSON: an undefined value, explained in ``reasons``.
Undefinable = Annotated[
    float,
    BeforeValidator(lambda v: math.nan if v is None else v),
    PlainSerializer(_written, when_used="json"),
]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, ser_json_inf_nan="null"
    )


class NormScale(_Model):
    """How the norm group scored on one scale or composite; NaN where undefined."""

    kind: Literal["scale", "composite"]
    n: int = Field(ge=0, description="Respondents with a score.")
    mean: Undefinable
    sd: Undefinable = Field(description="Standard deviation, divisor n − 1.")
    percentiles: dict[int, Undefinable] = Field(description="1..99, R's quantile type 7.")
    # Scores are exact (see twofold.core.scoring.exact), so they are kept in full.
    values: tuple[float, ...] = Field(description="Distinct scores, ascending.")
    counts: tuple[int, ...] = Field(description="How many scored each of `values`.")
    reasons: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _distribution_holds(self) -> NormScale:
        if len(self.values) != len(self.counts) or sum(self.counts) != self.n:
            raise ValueError("values and counts must pair up and counts must sum to n")
        if any(b <= a for a, b in zip(self.values, self.values[1:], strict=False)):
            raise ValueError("values must be strictly ascending")
        return self


class NormInstrument(_Model):
    id: str
    version: str


class NormTable(_Model):
    """A norm table for one instrument version."""

    schema_: Literal["twofold-norm/1"] = Field(alias="schema", default=SCHEMA)
    name: Annotated[str, Field(pattern=NAME_PATTERN)]
    description: str
    source: str
    simulated: bool = Field(default=False, description="True if no real person answered.")
    created: datetime
    instrument: NormInstrument
    scales: dict[str, NormScale]

    @property
    def instrument_ref(self) -> str:
        return f"{self.instrument.id}@{self.instrument.version}"

    def rough_scales(self) -> dict[str, int]:
        """Scales and composites with fewer than :data:`ROUGH_NORM_N` respondents, with their n.

        Their percentile ranks are rough: one person more or less moves them by
        more than a point, so a user should be told before relying on them.
        """
        return {sid: entry.n for sid, entry in self.scales.items() if entry.n < ROUGH_NORM_N}

    def scale(self, scale_id: str) -> NormScale:
        """The entry of a scale or composite, by id."""
        try:
            return self.scales[scale_id]
        except KeyError:
            known = ", ".join(self.scales)
            raise NormError(f"scale_id: norm '{self.name}' has no '{scale_id}' ({known})") from None

    def check_instrument(self, instrument: Instrument) -> None:
        """Refuse an instrument other than the one, at the version, the norm was built on."""
        if instrument.ref != self.instrument_ref:
            raise NormError(
                f"norm '{self.name}' belongs to {self.instrument_ref}, but the scores are from "
                f"{instrument.ref}: use a norm built on {instrument.ref}, or build one"
            )

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2) + "\n"


def _describe(values: FloatArray, kind: Literal["scale", "composite"]) -> NormScale:
    """The entry of one scale or composite; :func:`build_norm` has checked n is big enough."""
    scores = values[~np.isnan(values)]
    distinct, counts = np.unique(scores, return_counts=True)
    points = np.percentile(scores, PERCENTILE_POINTS)
    return NormScale(
        kind=kind,
        n=int(scores.size),
        mean=float(scores.mean()),
        sd=float(scores.std(ddof=1)),
        percentiles={p: float(v) for p, v in zip(PERCENTILE_POINTS, points, strict=True)},
        values=tuple(distinct.tolist()),
        counts=tuple(counts.tolist()),
    )


def _refuse_a_small_group(respondents: int, scored: dict[str, int]) -> None:
    """Refuse a norm group, or a scale or composite in it, with fewer than MIN_NORM_N people.

    Percentile ranks from so few would mislead: a user would read a rank of
    95 as "top 5%" when it is one person's answer.
    """
    why = f"percentile ranks from fewer than {MIN_NORM_N} people would mislead"
    if respondents < MIN_NORM_N:
        raise NormError(
            f"responses: a norm group needs at least {MIN_NORM_N} respondents, "
            f"got {respondents}; {why}"
        )
    short = [f"{sid} has {n}" for sid, n in scored.items() if n < MIN_NORM_N]
    if short:
        raise NormError(
            f"responses: every scale and composite needs at least {MIN_NORM_N} respondents "
            f"with a score, but {', '.join(short)}; {why}"
        )


def build_norm(
    instrument: Instrument,
    responses: npt.ArrayLike,
    name: str,
    description: str,
    source: str,
    *,
    min_answered: float = DEFAULT_MIN_ANSWERED,
    impute: str = "none",
    simulated: bool = False,
    created: datetime | None = None,
) -> NormTable:
    """Build a norm table from the answers of a norm group.

    Parameters
    ----------
    instrument
        The instrument answered; the table records its id and version.
    responses
        ``(n, k)`` answers, items in the instrument's order; NaN is missing.
    name
        Lower-case letters, digits, ``.``, ``_`` and ``-``; also the file name.
    description, source
        What the norm group is, and where the answers come from.
    min_answered, impute
        As in :func:`twofold.core.scoring.score`.
    simulated
        True when the answers were simulated rather than given by people.
    created
        When the table was built (default: now, UTC).

    Returns
    -------
    NormTable

    Raises
    ------
    NormError
        If the name is not a norm name, or fewer than :data:`MIN_NORM_N`
        respondents have a score on a scale or composite (the message names
        each, with its count).

    Notes
    -----
    Per scale and composite, over the :math:`n` respondents with a score:
    the mean, the SD :math:`s = \\sqrt{\\sum (x - \\bar x)^2 / (n - 1)}`, and the
    percentiles 1–99 by interpolating the order statistics :math:`x_{(1)} \\le \\dots
    \\le x_{(n)}`: :math:`Q(p) = x_{(j)} + (h - j)(x_{(j+1)} - x_{(j)})`, :math:`h = (n - 1) p
    + 1`, :math:`j = \\lfloor h \\rfloor`; this is R's ``quantile(x, p, type = 7)``.

    References
    ----------
    Hyndman, R. J., & Fan, Y. (1996). Sample quantiles in statistical packages.
    *The American Statistician, 50*(4), 361–365.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=A1,A2", 1, 5)
    >>> answers = [[1, 3], [3, 3], [5, 5]] * 4  # twelve people: four each score 2, 3 and 5
    >>> a = build_norm(inst, answers, "demo", "twelve people", "a doctest").scale("A")
    >>> a.n, round(a.mean, 4), round(a.sd, 4), a.percentiles[50]
    (12, 3.3333, 1.3027, 3.0)
    >>> build_norm(inst, answers[:3], "demo", "three", "a doctest")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    twofold.core.stats.norms.NormError: responses: ... needs at least 10 respondents, got 3; ...
    """
    if not re.match(NAME_PATTERN, name):
        raise NormError(f"name: '{name}' is not a norm name; expected {NAME_HINT}")
    result = score(instrument, responses, min_answered=min_answered, impute=impute)
    ids = (*result.key.scale_ids, *result.key.composite_ids)
    scored = np.count_nonzero(~np.isnan(np.hstack([result.scales, result.composites])), axis=0)
    _refuse_a_small_group(result.n, dict(zip(ids, scored.tolist(), strict=True)))
    scales = {
        sid: _describe(result.scales[:, j], "scale") for j, sid in enumerate(result.key.scale_ids)
    }
    for m, cid in enumerate(result.key.composite_ids):
        scales[cid] = _describe(result.composites[:, m], "composite")
    return NormTable(
        name=name,
        description=description,
        source=source,
        simulated=simulated,
        created=created or datetime.now(UTC).replace(microsecond=0),
        instrument=NormInstrument(id=instrument.id, version=instrument.version),
        scales=scales,
    )


def percentile(norm: NormTable, scale_id: str, score: npt.ArrayLike) -> FloatArray:
    """Percentile rank of scores: percent of the norm group below, plus half of those tied.

    Parameters
    ----------
    norm
        The norm table.
    scale_id
        Id of a scale or composite in the table.
    score
        Scores on that scale; NaN gives NaN.

    Returns
    -------
    numpy.ndarray
        :math:`PR = 100 \\, (B + T / 2) / n` for each score, where *B* norm
        scores lie below it and *T* equal it (within 1e-9).

    Notes
    -----
    The midpoint definition makes the average percentile rank of the norm
    group itself exactly 50 and treats ties, which are common on short scales,
    symmetrically. It is the ``percentileofscore(kind="mean")`` of scipy.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=A1", 1, 5)
    >>> answers = [[1], [2], [2], [3], [3], [3], [3], [4], [4], [5]]
    >>> norm = build_norm(inst, answers, "demo", "ten", "a doctest")
    >>> percentile(norm, "A", [2.0, 3.5, 5.0]).tolist()  # (1 + 2/2)/10, 7/10, (9 + 1/2)/10
    [20.0, 70.0, 95.0]
    """
    entry = norm.scale(scale_id)
    x = np.asarray(score, dtype=np.float64)
    if entry.n == 0:
        return np.full(x.shape, np.nan)
    values = np.asarray(entry.values)
    cumulative = np.concatenate(([0], np.cumsum(entry.counts)))
    lo = cumulative[np.searchsorted(values, x - TIE_TOLERANCE, side="left")]
    hi = cumulative[np.searchsorted(values, x + TIE_TOLERANCE, side="right")]
    return np.where(np.isnan(x), np.nan, 100.0 * (lo + (hi - lo) / 2) / entry.n)


def t_score(norm: NormTable, scale_id: str, score: npt.ArrayLike) -> FloatArray:
    """T-scores against the norm group, ``50 + 10 (x − mean) / SD``.

    Returns NaN where the score is missing or the norm's SD is undefined or zero.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=A1", 1, 5)
    >>> answers = [[2]] * 5 + [[3]] + [[4]] * 5  # mean 3, SD √(10 / 10) = 1
    >>> norm = build_norm(inst, answers, "demo", "eleven", "a doctest")
    >>> t_score(norm, "A", [3.0, 4.5]).tolist()
    [50.0, 65.0]
    """
    entry = norm.scale(scale_id)
    x = np.asarray(score, dtype=np.float64)
    if not entry.sd > 0:
        return np.full(x.shape, np.nan)
    return 50.0 + 10.0 * (x - entry.mean) / entry.sd


@dataclass(frozen=True, eq=False)
class NormComparison:
    """Percentile ranks and T-scores of n people, one column per id in ``ids``."""

    norm: str
    ids: tuple[str, ...]
    percentile: FloatArray
    t_score: FloatArray
    reasons: dict[str, str]


def compare_to_norm(norm: NormTable, instrument: Instrument, scores: Scores) -> NormComparison:
    """Percentile ranks and T-scores of scored people on every scale and composite.

    Raises
    ------
    NormError
        If the norm was built on another instrument or another version of it.

    Examples
    --------
    >>> from twofold.core.instrument import instrument_from_keys
    >>> inst = instrument_from_keys("A=A1", 1, 5)
    >>> answers = [[2]] * 5 + [[3]] + [[4]] * 5  # mean 3, SD 1
    >>> norm = build_norm(inst, answers, "demo", "eleven", "a doctest")
    >>> compare_to_norm(norm, inst, score(inst, [[4]])).t_score.tolist()
    [[60.0]]
    """
    norm.check_instrument(instrument)
    ids = (*scores.key.scale_ids, *scores.key.composite_ids)
    columns = np.hstack([scores.scales, scores.composites])
    flat = "the norm group's SD is undefined or zero"
    reasons = {f"t_score.{i}": flat for i in ids if not norm.scale(i).sd > 0}
    ranks = [percentile(norm, i, columns[:, j]) for j, i in enumerate(ids)]
    ts = [t_score(norm, i, columns[:, j]) for j, i in enumerate(ids)]
    return NormComparison(norm.name, ids, np.column_stack(ranks), np.column_stack(ts), reasons)


def parse_norm(text: str, name: str, source: object) -> NormTable:
    """A norm table from the JSON text of its file; ``source`` names the file in errors.

    Raises
    ------
    NormError
        Saying why the text is not a norm file, field by field.
    """
    try:
        return NormTable.model_validate_json(text)
    except ValidationError as exc:
        why = "; ".join(_problem(error) for error in exc.errors())
        raise NormError(f"norm '{name}' ({source}) is not a norm file: {why}") from None


def _problem(error: ErrorDetails) -> str:
    """One validation error as "field: message"; bad JSON concerns no field, so has no prefix."""
    where = ".".join(map(str, error["loc"]))
    return f"{where}: {error['msg']}" if where else error["msg"]
