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
class Gap:
    """The participant's own score on a practice against all raters' score.

    ``kind`` is ``blind_spot`` (self higher), ``hidden_strength`` (raters higher),
    or "" where the gap is within ``margin`` (half its 95% interval) or cannot
    be judged; ``text`` says a marked gap in plain words.
    """

    practice_id: str
    practice_name: str
    capability: str
    self_score: float | None
    others: float | None
    gap: float | None
    margin: float | None
    kind: str
    text: str


@dataclass(frozen=True)
class Agreement:
    """How far the raters behind a practice's "all raters" score agree.

    ``rwg`` is rwg(j), None where it is not given (``reason`` says why);
    ``wide`` marks wide disagreement and ``text`` says it in plain words.
    """

    practice_id: str
    practice_name: str
    rwg: float | None
    wide: bool
    reason: str
    text: str


@dataclass(frozen=True)
class SelfOtherCategory:
    """Where the participant's own view of a composite stands against their raters'.

    ``category`` is ``over_estimator``, ``under_estimator``,
    ``in_agreement_good`` or ``in_agreement_poor``.
    """

    composite_id: str
    composite_name: str
    category: str
    name: str
    short: str
    text: str
    self_score: float
    others: float
    gap: float
    margin: float


@dataclass(frozen=True)
class CommentTopic:
    """The comments on one topic: a domain, the greatest strength or the one change."""

    topic: str
    title: str
    comments: tuple[str, ...]


@dataclass(frozen=True)
class CommentGroup:
    """One group's comments, shuffled and nameless, or why they are not shown.

    ``group`` is an observer group, or ``all`` for the comments of groups too
    small to be shown on their own, pooled (``text`` says so).
    """

    group: str
    name: str
    anonymous: bool
    withheld: bool
    withheld_text: str
    text: str
    topics: tuple[CommentTopic, ...]


@dataclass(frozen=True)
class MultiRater:
    """What a 360 report adds to a self report.

    ``basis_text`` says whose scores the profile, strengths and development
    areas rest on (:attr:`Report.basis`).
    """

    basis_text: str
    gaps: tuple[Gap, ...]
    agreement: tuple[Agreement, ...]
    categories: tuple[SelfOtherCategory, ...]
    comments: tuple[CommentGroup, ...]

    @property
    def marked_gaps(self) -> tuple[Gap, ...]:
        """The blind spots and hidden strengths: gaps larger than their margin."""
        return tuple(gap for gap in self.gaps if gap.kind)

    @property
    def wide_disagreement(self) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreement if a.wide)


@dataclass(frozen=True)
class Report:
    """Everything a person's report says.

    ``summary`` is the plain-language opening, one paragraph per string.
    ``profile`` is None when the instrument has no profile or a composite lacks a score.
    ``basis`` says whose scores ``practices``, ``profile``, ``strengths`` and
    ``development`` are: ``self`` (the participant's own) or ``all`` (all
    raters of a 360, the mean of raters who each answered at least half of a
    practice's questions). ``multirater`` is None for a self-assessment.
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
    basis: str = "self"
    multirater: MultiRater | None = None

    @property
    def shown_groups(self) -> tuple[RaterGroup, ...]:
        return tuple(g for g in self.rater_groups if not g.withheld)

    @property
    def withheld_groups(self) -> tuple[RaterGroup, ...]:
        return tuple(g for g in self.rater_groups if g.withheld)
