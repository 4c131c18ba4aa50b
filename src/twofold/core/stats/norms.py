"""Norm tables: how a norm group scored, and where a person stands against it.

A norm table belongs to one instrument *version* (scores from another are
refused). Per scale and composite it keeps n, mean, SD, percentiles 1–99 and
the frequency of every distinct score, so percentile ranks are exact. Tables are
stored as JSON (schema ``twofold-norm/1``) by :class:`NormStore`.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.abc import Traversable
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from twofold.core.errors import TwofoldError
from twofold.core.instrument import Instrument
from twofold.core.output import write_atomically
from twofold.core.scoring import DEFAULT_MIN_ANSWERED, Scores, score

__all__ = [
    "NormComparison",
    "NormError",
    "NormScale",
    "NormStore",
    "NormTable",
    "build_norm",
    "compare_to_norm",
    "default_norm_directory",
    "percentile",
    "t_score",
]

SCHEMA: Literal["twofold-norm/1"] = "twofold-norm/1"
PERCENTILE_POINTS = tuple(range(1, 100))
TIE_TOLERANCE = 1e-9
NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
FloatArray = npt.NDArray[np.float64]


class NormError(TwofoldError):
    """A norm table is missing, malformed, or does not fit the scores."""


# NaN in Python, null in JSON: an undefined value, explained in ``reasons``.
Undefinable = Annotated[float, BeforeValidator(lambda v: math.nan if v is None else v)]


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
    scores = values[~np.isnan(values)]
    n = int(scores.size)
    reasons: dict[str, str] = {}
    if n == 0:
        reasons = dict.fromkeys(("mean", "sd", "percentiles"), "no respondent has a score")
    elif n == 1:
        reasons["sd"] = "one respondent has a score"
    distinct, counts = np.unique(scores, return_counts=True)
    points = np.percentile(scores, PERCENTILE_POINTS) if n else np.full(99, np.nan)
    return NormScale(
        kind=kind,
        n=n,
        mean=float(scores.mean()) if n else math.nan,
        sd=float(scores.std(ddof=1)) if n > 1 else math.nan,
        percentiles={p: float(v) for p, v in zip(PERCENTILE_POINTS, points, strict=True)},
        values=tuple(distinct.tolist()),
        counts=tuple(counts.tolist()),
        reasons=reasons,
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
    >>> norm = build_norm(inst, [[1, 3], [3, 3], [5, 5]], "demo", "three people", "a doctest")
    >>> a = norm.scale("A")
    >>> a.n, round(a.mean, 4), round(a.sd, 4), a.percentiles[50]  # scores 2, 3, 5
    (3, 3.3333, 1.5275, 3.0)
    """
    if not re.match(NAME_PATTERN, name):
        hint = "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
        raise NormError(f"name: '{name}' is not a norm name; expected {hint}")
    result = score(instrument, responses, min_answered=min_answered, impute=impute)
    if result.n < 2:
        raise NormError(f"responses: a norm group needs at least 2 respondents, got {result.n}")
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
    >>> norm = build_norm(inst, [[1], [2], [2], [4]], "demo", "four", "a doctest")
    >>> percentile(norm, "A", [2.0, 3.0, 5.0]).tolist()  # (1 + 2/2)/4, 3/4, 4/4
    [50.0, 75.0, 100.0]
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
    >>> norm = build_norm(inst, [[1], [3], [5]], "demo", "three", "a doctest")  # mean 3, SD 2
    >>> t_score(norm, "A", [3.0, 4.0]).tolist()
    [50.0, 55.0]
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
    >>> norm = build_norm(inst, [[1], [3], [5]], "demo", "three", "a doctest")
    >>> compare_to_norm(norm, inst, score(inst, [[4]])).t_score.tolist()
    [[55.0]]
    """
    norm.check_instrument(instrument)
    ids = (*scores.key.scale_ids, *scores.key.composite_ids)
    columns = np.hstack([scores.scales, scores.composites])
    flat = "the norm group's SD is undefined or zero"
    reasons = {f"t_score.{i}": flat for i in ids if not norm.scale(i).sd > 0}
    ranks = [percentile(norm, i, columns[:, j]) for j, i in enumerate(ids)]
    ts = [t_score(norm, i, columns[:, j]) for j, i in enumerate(ids)]
    return NormComparison(norm.name, ids, np.column_stack(ranks), np.column_stack(ts), reasons)


def default_norm_directory() -> Path:
    """``$TWOFOLD_HOME/norms``; else ``$XDG_DATA_HOME/twofold/norms`` or ``~/.local/share/…``."""
    if os.environ.get("TWOFOLD_HOME", "").strip():
        return Path(os.environ["TWOFOLD_HOME"]).expanduser() / "norms"
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "twofold" / "norms"


class NormStore:
    """Norm tables in a directory (one ``NAME.json`` each), plus the built-in ones.

    Built-in norms ship with Twofold and are read-only; a stored norm cannot
    take a built-in norm's name.
    """

    def __init__(
        self, directory: Path | None = None, builtin: Traversable | Path | None = None
    ) -> None:
        self.directory = default_norm_directory() if directory is None else Path(directory)
        self.builtin = files("twofold.content").joinpath("norms") if builtin is None else builtin

    def _builtin_file(self, name: str) -> Traversable | None:
        candidate = self.builtin.joinpath(f"{name}.json")
        return candidate if candidate.is_file() else None

    def names(self) -> list[str]:
        found = {p.stem for p in self.directory.glob("*.json")}
        if self.builtin.is_dir():
            found |= {e.name[:-5] for e in self.builtin.iterdir() if e.name.endswith(".json")}
        return sorted(found)

    def is_builtin(self, name: str) -> bool:
        return self._builtin_file(name) is not None

    def list(self) -> list[NormTable]:
        """Every norm, built-in and stored, by name."""
        return [self.load(name) for name in self.names()]

    def load(self, name: str) -> NormTable:
        """The norm called *name*, built-in or stored."""
        valid = re.match(NAME_PATTERN, name) is not None
        source = valid and (self._builtin_file(name) or self.directory / f"{name}.json")
        if not source or not source.is_file():
            known = ", ".join(self.names()) or "none"
            raise NormError(f"name: no norm called '{name}' (known: {known})")
        try:
            return NormTable.model_validate_json(source.read_text(encoding="utf-8"))
        except ValidationError as exc:
            where = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
            raise NormError(
                f"norm '{name}' ({source}) is not a norm file: {'; '.join(where)}"
            ) from None

    def save(self, norm: NormTable, *, replace: bool = False) -> Path:
        """Write the norm atomically; refuse to overwrite unless ``replace``."""
        if self._builtin_file(norm.name) is not None:
            raise NormError(f"name: '{norm.name}' is a built-in norm; choose another name")
        path = self.directory / f"{norm.name}.json"
        if path.exists() and not replace:
            raise NormError(
                f"name: a norm called '{norm.name}' already exists ({path}); "
                "choose another name or replace it"
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(path, norm.to_json())
        return path
