"""The data a report shows, independent of how it is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field

from twofold.core.activities import Activity


@dataclass(frozen=True)
class ScoreRange:
    """A score with its 95% interval."""

    value: float
    lower: float
    upper: float


@dataclass(frozen=True)
class Practice:
    """One scale's result, with the words needed to explain it."""

    id: str
    name: str
    description: str
    capability: str  # "leadership" or "management" (or another capability of a custom instrument)
    domain_id: str | None
    domain_name: str | None
    score: float | None  # None: too few items answered for a score
    answered: int
    n_items: int

    @property
    def partial(self) -> bool:
        """True when the score rests on fewer answers than the practice has questions."""
        return self.score is not None and self.answered < self.n_items


@dataclass(frozen=True)
class DomainPair:
    """A domain with its leadership practice and its management practice side by side."""

    id: str
    name: str
    leadership: Practice
    management: Practice


@dataclass(frozen=True)
class DevelopmentArea:
    """A practice to develop and activities of the kind that grows it."""

    practice: Practice
    why: str
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Standing:
    """Where the person stands on the leadership × management plane."""

    region: str  # integrator | visionary | steward | emerging
    region_name: str
    headline: str
    meaning: str
    next_step: str
    leadership: ScoreRange
    management: ScoreRange
    cut_leadership: float
    cut_management: float
    lean: ScoreRange
    direction: str  # leadership | management | balanced
    lean_text: str
    near_border: bool
    near_border_text: str
    # Every region's display name by id, so a chart can label all four quadrants.
    region_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RaterGroup:
    """One group of raters as a report shows it: its scores, or why they are withheld.

    ``group`` is one of ``self``, ``manager``, ``peers``, ``direct_reports``,
    ``others`` and ``all``. A withheld group has no count and no scores, only
    ``withheld_text``, which names the threshold it missed. ``anonymous`` is
    False for self and for a manager shown from one rater: label them so.
    """

    group: str
    name: str
    withheld: bool
    withheld_text: str
    anonymous: bool
    n: int | None
    scales: dict[str, float | None]
    composites: dict[str, float | None]


@dataclass(frozen=True)
class Report:
    """Everything a person's report says.

    ``summary`` is the plain-language opening, one paragraph per string.
    ``profile`` is None when the instrument has no profile or a composite lacks a score.
    """

    instrument_ref: str
    instrument_name: str
    scale_min: int
    scale_max: int
    scale_labels: dict[int, str]
    practices: tuple[Practice, ...]
    domains: tuple[DomainPair, ...]
    leadership: float | None
    management: float | None
    profile: Standing | None
    summary: tuple[str, ...]
    strengths: tuple[Practice, ...]
    development: tuple[DevelopmentArea, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Who rated: the self-assessment is one group; a 360 adds the observers' groups.
    rater_groups: tuple[RaterGroup, ...] = field(default_factory=tuple)
