"""The activity catalogue: what a person can do to develop each practice.

Leadership and management grow in different ways. Management practices are learnt
through structured learning (a course, a framework, a case study) and then applied
on the job; leadership practices grow through experience: stretch assignments,
coaching, role models and reflection. The catalogue tags every activity with its
kind so a development plan recommends the kind of activity that suits the practice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from twofold.core.documents import SEVERAL, read_json, validate
from twofold.core.errors import ProblemsError
from twofold.core.instrument.model import Identifier

Kind = Literal[
    "course",
    "framework",
    "case-study",
    "on-the-job",
    "stretch",
    "coaching",
    "role-model",
    "reflection",
]
#: Every kind, in the order a plan presents them: learning before applying.
KINDS: tuple[str, ...] = get_args(Kind)

#: How management practices grow: learn a method, then use it in real work.
STRUCTURED_LEARNING: frozenset[str] = frozenset({"course", "framework", "case-study", "on-the-job"})
#: How leadership practices grow: through experience and reflecting on it.
EXPERIENTIAL: frozenset[str] = frozenset({"stretch", "coaching", "role-model", "reflection"})

_APPLICATION = "on-the-job"


class CatalogueError(ProblemsError):
    """An activity catalogue breaks the schema; ``problems`` lists every problem found."""

    default_source = "the catalogue"


def kinds_for(capability: str) -> frozenset[str]:
    """Return the kinds of activity that develop a capability.

    Management grows through structured learning followed by application, and
    leadership through experience; a scale of any other capability (for example a
    custom instrument's) may use every kind, since there is no evidence to narrow it.

    >>> sorted(kinds_for("leadership"))
    ['coaching', 'reflection', 'role-model', 'stretch']
    >>> "on-the-job" in kinds_for("management")
    True
    """
    if capability == "management":
        return STRUCTURED_LEARNING
    if capability == "leadership":
        return EXPERIENTIAL
    return frozenset(KINDS)


class Activity(BaseModel):
    """One concrete thing a working professional can do to develop a practice."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Identifier
    practice: Identifier = Field(description="Id of the scale this activity develops.")
    kind: Kind
    title: Annotated[str, Field(min_length=1, max_length=80)]
    description: Annotated[str, Field(min_length=1, max_length=600)] = Field(
        description="What to do, concretely, in one to three sentences."
    )
    effort: Annotated[str, Field(min_length=1, max_length=80)] = Field(
        description="The time it takes, e.g. '2 hours a week for 6 weeks'."
    )


class Catalogue(BaseModel):
    """A versioned list of activities, in one language."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_: Literal["twofold-activities/1"] = Field(alias="schema")
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    activities: list[Activity]

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Catalogue:
        # Plans store activity ids, so one id must never name two activities.
        seen: set[str] = set()
        problems: list[str] = []
        for index, activity in enumerate(self.activities):
            if activity.id in seen:
                problems.append(f"activities[{index}].id: duplicate id '{activity.id}'")
            seen.add(activity.id)
        if problems:
            raise PydanticCustomError(SEVERAL, "{problems}", {"problems": "\n".join(problems)})
        return self

    def for_practice(self, practice_id: str, capability: str, limit: int = 3) -> list[Activity]:
        """Return up to ``limit`` activities that develop a practice in the right way.

        Only kinds that suit the capability are considered (see `kinds_for`). A
        varied plan helps more than three of the same, so one activity of each kind
        comes first, in `KINDS` order, and repeats of a kind only after. Learning a
        method pays off when it is used, so if an on-the-job activity exists it takes
        the last place rather than being crowded out by further learning.

        Parameters
        ----------
        practice_id
            Id of the scale to develop, e.g. ``"planning"``.
        capability
            The scale's capability, ``"leadership"`` or ``"management"``.
        limit
            The most activities to return.

        Returns
        -------
        list[Activity]
            At most ``limit`` activities, in the order a plan should show them.
        """
        if limit <= 0:
            return []
        suitable = kinds_for(capability)
        matching = [a for a in self.activities if a.practice == practice_id and a.kind in suitable]
        ordered = _one_of_each_kind_first(matching)
        chosen = ordered[:limit]
        applied = [a for a in ordered if a.kind == _APPLICATION]
        if applied and limit > 1 and all(a.kind != _APPLICATION for a in chosen):
            chosen[-1] = applied[0]
        return chosen


def _one_of_each_kind_first(activities: list[Activity]) -> list[Activity]:
    """The first activity of each kind in `KINDS` order, then the rest as listed."""
    firsts: list[Activity] = []
    repeats: list[Activity] = []
    kinds_seen: set[str] = set()
    for activity in activities:
        (repeats if activity.kind in kinds_seen else firsts).append(activity)
        kinds_seen.add(activity.kind)
    firsts.sort(key=lambda activity: KINDS.index(activity.kind))
    return firsts + repeats


def parse_catalogue(data: Any, source: str = "catalogue") -> Catalogue:
    """Validate decoded JSON as an activity catalogue.

    Raises
    ------
    CatalogueError
        With one ``location: message`` line per problem, e.g.
        ``activities[12].kind: expected one of course, framework, … or reflection``.
    """
    return validate(Catalogue, data, CatalogueError, source, {"schema_": "schema"})


def load_catalogue(path: str | Path) -> Catalogue:
    """Read and validate an activity catalogue from a JSON file.

    Raises
    ------
    CatalogueError
        If the file is missing, unreadable, not JSON or breaks the schema.
    """
    return parse_catalogue(read_json(path, CatalogueError), str(path))
