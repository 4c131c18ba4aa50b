"""The activity catalogue: what a person can do to develop each practice.

Leadership and management grow in different ways. Management practices are learnt
through structured learning (a course, a framework, a case study) and then applied
on the job; leadership practices grow through experience: stretch assignments,
coaching, role models and reflection. The catalogue tags every activity with its
kind so a development plan recommends the kind of activity that suits the practice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from twofold.core.errors import TwofoldError
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


class CatalogueError(TwofoldError):
    """An activity catalogue breaks the schema.

    ``problems`` lists every problem found, each as ``location: message``, so an
    author can fix the whole file in one pass.
    """

    def __init__(self, problems: list[str], source: str = "catalogue") -> None:
        self.problems = problems
        self.source = source
        listing = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{source} has {len(problems)} problem(s):\n{listing}")


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
            raise PydanticCustomError("duplicates", "{problems}", {"problems": "\n".join(problems)})
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
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        problems = [line for err in exc.errors() for line in _describe(err)]
        raise CatalogueError(problems, source) from None


def load_catalogue(path: str | Path) -> Catalogue:
    """Read and validate an activity catalogue from a JSON file.

    Raises
    ------
    CatalogueError
        If the file is missing, unreadable, not JSON or breaks the schema.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError([f"{path}: no such file"], str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError([f"{path}: cannot be read ({exc})"], str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError(
            [f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"], str(path)
        ) from None
    return parse_catalogue(data, str(path))


def _location(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location as the file's own path, e.g. ``activities[3].kind``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = "schema" if part == "schema_" else part
            text += f".{name}" if text else name
    return text or "(top level)"


def _describe(err: ErrorDetails) -> list[str]:
    """Turn one pydantic error into ``location: message`` lines an author can act on."""
    ctx = err.get("ctx") or {}
    if err["type"] == "duplicates":
        return str(ctx["problems"]).splitlines()
    where = _location(tuple(err["loc"]))
    if err["type"] == "literal_error":
        expected = str(ctx["expected"]).replace("'", "")
        message = f"expected one of {expected}" if " or " in expected else f"expected {expected}"
    elif err["type"] == "missing":
        message = "required field is missing"
    elif err["type"] == "extra_forbidden":
        message = "unknown field"
    else:
        message = err["msg"][:1].lower() + err["msg"][1:]
    return [f"{where}: {message}"]
