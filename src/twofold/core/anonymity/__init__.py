"""What a 360 report may show of its raters: group scores, with small groups withheld.

This is the one place where raters' scores are averaged for anyone to see. Every
page, API response, export and email of a 360 result shows what
:func:`release_rater_groups` returns and nothing else, so the rule that protects
raters is written, and tested, once.

The rules (docs/decisions/0007-rater-anonymity.md gives the reasons):

* A rater counts for a practice when they answered at least half of its
  questions, as in scoring; "Not observed" is not an answer.
* A group's score on a practice is shown only when at least *k* raters of the
  group count for it (*k* set per group by the :class:`AnonymityPolicy`). A
  group none of whose practices reaches *k* is withheld whole: no score, no
  count, only the threshold it missed.
* "All raters" pools every observer, except where that would let a reader
  subtract the shown groups from it and recover a withheld one: on a practice
  where the withheld raters together are fewer than the strictest threshold
  among their groups, "All raters" leaves them out.
* A group's composite is the mean of the group's shown practice scores, so it
  says nothing the practice scores do not.

Comments follow the same thresholds (their own, ``policy.comments``) in
:func:`release_comments`; how far the raters behind "all raters" agree is in
:mod:`twofold.core.anonymity.agreement` (not imported here: it needs scipy).
"""

from twofold.core.anonymity.comments import (
    CHANGE,
    STRENGTH,
    CommentRelease,
    GroupComments,
    release_comments,
)
from twofold.core.anonymity.groups import GroupRelease, RaterRelease, release_rater_groups
from twofold.core.anonymity.policy import (
    ALL,
    DIRECT_REPORTS,
    GROUPS,
    MANAGER,
    MIN_ANONYMOUS,
    OBSERVERS,
    OTHERS,
    PEERS,
    SELF,
    AnonymityPolicy,
)

__all__ = [
    "ALL",
    "CHANGE",
    "DIRECT_REPORTS",
    "GROUPS",
    "MANAGER",
    "MIN_ANONYMOUS",
    "OBSERVERS",
    "OTHERS",
    "PEERS",
    "SELF",
    "STRENGTH",
    "AnonymityPolicy",
    "CommentRelease",
    "GroupComments",
    "GroupRelease",
    "RaterRelease",
    "release_comments",
    "release_rater_groups",
]
