"""Who a 360 report groups raters into, and how many each group needs to be shown.

The thresholds follow docs/decisions/0007-rater-anonymity.md: a group's scores,
or its comments, reach a reader only when at least *k* of its raters count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from twofold.core.errors import TwofoldError

__all__ = [
    "ALL",
    "DIRECT_REPORTS",
    "GROUPS",
    "MANAGER",
    "MIN_ANONYMOUS",
    "OBSERVERS",
    "OTHERS",
    "PEERS",
    "SELF",
    "AnonymityPolicy",
]

SELF, MANAGER, PEERS, DIRECT_REPORTS, OTHERS, ALL = (
    "self",
    "manager",
    "peers",
    "direct_reports",
    "others",
    "all",
)
#: The groups a 360 report shows, in the order it shows them.
GROUPS = (SELF, MANAGER, PEERS, DIRECT_REPORTS, OTHERS, ALL)
#: Everyone who rates the participant; "all raters" is their union.
OBSERVERS = (MANAGER, PEERS, DIRECT_REPORTS, OTHERS)
#: The smallest group that can be anonymous: one rater is never anonymous.
MIN_ANONYMOUS = 2

_DEFAULT_SCORES = MappingProxyType({MANAGER: 1, PEERS: 3, DIRECT_REPORTS: 3, OTHERS: 3, ALL: 4})


@dataclass(frozen=True)
class AnonymityPolicy:
    """How many raters a group needs before its scores, or its comments, are shown.

    The defaults follow the published practice of 360 providers: three peers,
    three direct reports, three others, four raters in all. The manager is one
    person whom the participant knows; a threshold of 1 shows the manager's
    scores as they are, labelled as not anonymous.

    Raises
    ------
    TwofoldError
        If a group is missing or unknown, an anonymous group's threshold is below
        :data:`MIN_ANONYMOUS`, or a comment threshold is below its score threshold.
    """

    scores: Mapping[str, int] = field(default_factory=lambda: dict(_DEFAULT_SCORES))
    comments: Mapping[str, int] = field(default_factory=lambda: dict(_DEFAULT_SCORES))

    def __post_init__(self) -> None:
        problems: list[str] = []
        wanted = set(GROUPS) - {SELF}
        for name, table in (("scores", self.scores), ("comments", self.comments)):
            if set(table) != wanted:
                problems.append(f"{name}: expected thresholds for {', '.join(sorted(wanted))}")
                continue
            for group, k in table.items():
                floor = 1 if group == MANAGER else MIN_ANONYMOUS
                if not isinstance(k, int) or isinstance(k, bool) or k < floor:
                    problems.append(f"{name}.{group}: expected a whole number of at least {floor}")
        if not problems:
            for group in wanted:
                if self.comments[group] < self.scores[group]:
                    problems.append(
                        f"comments.{group}: must be at least the score threshold "
                        f"({self.scores[group]}), since comments are easier to recognise"
                    )
        if problems:
            raise TwofoldError("anonymity policy: " + "; ".join(problems))

    def threshold(self, group: str) -> int:
        """Raters a group needs for its scores to be shown (1 for self)."""
        return 1 if group == SELF else self.scores[group]

    def is_anonymous(self, group: str) -> bool:
        """False for self, and for a manager shown from a single rater."""
        return group != SELF and self.threshold(group) >= MIN_ANONYMOUS
