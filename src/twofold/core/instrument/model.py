"""The instrument model: what an inventory is, as validated data.

One schema serves the built-in Twofold Leader–Manager Inventory and every custom
instrument: any number of scales, reverse-keyed items, composites as lists of
scales and any integer response range. The models are frozen so an instrument
loaded once can be shared by every request and every scoring call.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from twofold.core.documents import SEVERAL

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
ID_MAX_LENGTH = 64
# A label per point is built and shown for every answer option, so the range is
# bounded: 0..100 covers any rating scale, and a typo such as --max 1000000000
# is refused instead of building a billion labels.
MAX_POINTS = 101

Identifier = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        description="Starts with a letter; letters, digits, '_', '-' and '.' follow.",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ResponseScale(_Frozen):
    """The answer options: every integer from ``min`` to ``max``, each labelled."""

    min: int = Field(description="Lowest answer, e.g. 1.")
    max: int = Field(
        description=f"Highest answer, e.g. 5; at most {MAX_POINTS} points from min to max."
    )
    labels: dict[int, Text] = Field(description="A label for every point from min to max.")
    not_observed: Text | None = Field(
        default=None,
        description="Extra option offered to observers only; it is recorded as missing.",
    )

    @model_validator(mode="after")
    def _labels_cover_the_range(self) -> ResponseScale:
        if self.max <= self.min:
            raise PydanticCustomError(
                "scale_range",
                "max ({hi}) must be greater than min ({lo})",
                {"hi": self.max, "lo": self.min},
            )
        # Checked before the set of points below is built, which a huge range would exhaust.
        if self.max - self.min + 1 > MAX_POINTS:
            raise PydanticCustomError(
                "scale_size",
                "at most {n} points, e.g. 0..{top}; got {lo}..{hi}",
                {"n": MAX_POINTS, "top": MAX_POINTS - 1, "lo": self.min, "hi": self.max},
            )
        wanted = set(range(self.min, self.max + 1))
        if set(self.labels) != wanted:
            raise PydanticCustomError(
                "scale_labels",
                "labels must name exactly the points {lo}..{hi}",
                {"lo": self.min, "hi": self.max},
            )
        return self

    @property
    def points(self) -> range:
        return range(self.min, self.max + 1)

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2


class Item(_Frozen):
    """One observable behaviour, worded for the person and for an observer."""

    id: Identifier
    self_text: Text = Field(alias="self", description="Wording for a self-assessment ('I …').")
    observer_text: Text = Field(
        alias="observer", description="Wording for an observer, about the person being rated."
    )
    key: Literal[1, -1] = Field(default=1, description="1 for positive, -1 for reverse-keyed.")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Domain(_Frozen):
    """A heading that groups scales, e.g. the Direction domain pairs Envisioning and Planning."""

    id: Identifier
    name: Text
    description: str = ""


class Scale(_Frozen):
    """A practice measured by the mean of its keyed items."""

    id: Identifier
    name: Text
    description: str = ""
    domain: Identifier | None = Field(default=None, description="Id of a domain, if any.")
    capability: Identifier | None = Field(
        default=None, description="What the scale belongs to, e.g. 'leadership' or 'management'."
    )
    items: list[Item] = Field(min_length=1)
    sem: float | None = Field(
        default=None,
        gt=0,
        description="Standard error of measurement of one person's rating on the scale, in "
        "response-scale points; a 360 report needs it to tell a self–other gap from noise.",
    )
    sem_source: str = Field(default="", description="Where the SEM comes from, in plain words.")


class Composite(_Frozen):
    """A score over several scales: the mean of their scale scores."""

    id: Identifier
    name: Text
    description: str = ""
    scales: list[Identifier] = Field(min_length=1)
    sem: float | None = Field(
        default=None,
        gt=0,
        description="Standard error of measurement of the composite, in response-scale points.",
    )
    sem_source: str = Field(default="", description="Where the SEM comes from, in plain words.")
    cut: float | None = Field(
        default=None,
        description="Score that separates 'higher' from 'lower' for profile regions; "
        "defaults to the response scale's midpoint.",
    )


class ProfileAxes(_Frozen):
    """Which two composites span the leadership × management plane."""

    leadership: Identifier
    management: Identifier


class Instrument(_Frozen):
    """A complete inventory: id, version, language, scales, composites and profile."""

    schema_: Literal["twofold-instrument/1"] = Field(alias="schema", default="twofold-instrument/1")
    id: Identifier
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    name: Text
    description: str = ""
    response_scale: ResponseScale
    domains: list[Domain] = Field(default_factory=list)
    scales: list[Scale] = Field(min_length=1)
    composites: list[Composite] = Field(default_factory=list)
    profile: ProfileAxes | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _references_hold(self) -> Instrument:
        problems = _reference_problems(self)
        if problems:
            raise PydanticCustomError(SEVERAL, "{problems}", {"problems": "\n".join(problems)})
        return self

    @cached_property
    def items(self) -> tuple[Item, ...]:
        """All items in scale order: the column order of every response matrix."""
        return tuple(item for scale in self.scales for item in scale.items)

    @cached_property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def scale(self, scale_id: str) -> Scale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def composite(self, composite_id: str) -> Composite:
        for composite in self.composites:
            if composite.id == composite_id:
                return composite
        raise KeyError(composite_id)

    def cut(self, composite: Composite) -> float:
        return self.response_scale.midpoint if composite.cut is None else composite.cut

    @property
    def ref(self) -> str:
        """``id@version``: what every stored response records it answered."""
        return f"{self.id}@{self.version}"


def _duplicates(ids: list[str]) -> set[str]:
    return {value for value, count in Counter(ids).items() if count > 1}


def _reference_problems(inst: Instrument) -> list[str]:
    """Checks that need the whole instrument: unique ids and references that resolve."""
    problems: list[str] = []
    domain_ids = [d.id for d in inst.domains]
    scale_ids = [s.id for s in inst.scales]
    composite_ids = [c.id for c in inst.composites]
    for label, ids in (
        ("domains", domain_ids),
        ("scales", scale_ids),
        ("composites", composite_ids),
    ):
        for dup in sorted(_duplicates(ids)):
            problems.append(
                f"{label}[{ids.index(dup, ids.index(dup) + 1)}].id: duplicate id '{dup}'"
            )
    seen: set[str] = set()
    span = inst.response_scale.max - inst.response_scale.min
    for s, scale in enumerate(inst.scales):
        if scale.domain is not None and scale.domain not in domain_ids:
            problems.append(f"scales[{s}].domain: unknown domain '{scale.domain}'")
        if scale.sem is not None and scale.sem >= span:
            problems.append(
                f"scales[{s}].sem: expected less than the response scale's range ({span})"
            )
        for i, item in enumerate(scale.items):
            if item.id in seen:
                problems.append(f"scales[{s}].items[{i}].id: duplicate item id '{item.id}'")
            seen.add(item.id)
    clash = sorted(set(scale_ids) & set(composite_ids))
    for c, composite in enumerate(inst.composites):
        if composite.id in clash:
            problems.append(f"composites[{c}].id: '{composite.id}' is also a scale id")
        for j, ref in enumerate(composite.scales):
            if ref not in scale_ids:
                problems.append(f"composites[{c}].scales[{j}]: unknown scale '{ref}'")
        for dup in sorted(_duplicates(composite.scales)):
            problems.append(f"composites[{c}].scales: scale '{dup}' is listed twice")
        lo, hi = inst.response_scale.min, inst.response_scale.max
        if composite.cut is not None and not lo <= composite.cut <= hi:
            problems.append(f"composites[{c}].cut: expected a value from {lo} to {hi}")
    if inst.profile is not None:
        for axis in ("leadership", "management"):
            ref = getattr(inst.profile, axis)
            if ref not in composite_ids:
                problems.append(f"profile.{axis}: unknown composite '{ref}'")
            elif inst.composites[composite_ids.index(ref)].sem is None:
                where = composite_ids.index(ref)
                problems.append(
                    f"composites[{where}].sem: required because the profile uses '{ref}'"
                )
    return problems
