"""The rater groups of a campaign, and their names in sentences.

The pages and the emails say "Peers", "3 peers" and "the other peers'
answers" the same way everywhere; the words live here so that every page,
email and release summary translates them once.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from twofold.core.anonymity import ALL, DIRECT_REPORTS, MANAGER, OTHERS, PEERS

#: The groups a participant nominates; the manager comes from the org chart.
NOMINATED_GROUPS = (PEERS, DIRECT_REPORTS, OTHERS)

#: Rater groups by their names on pages: plural, as a report shows them.
GROUP_NAMES = {
    MANAGER: gettext_lazy("Manager"),
    PEERS: gettext_lazy("Peers"),
    DIRECT_REPORTS: gettext_lazy("Direct reports"),
    OTHERS: gettext_lazy("Others"),
    ALL: gettext_lazy("All raters"),
}


def group_name(group: str) -> str:
    """A group's name on a page: "Peers", "All raters"."""
    return str(GROUP_NAMES[group])


#: A group's raters, as in "combined with the other peers' answers".
PLURAL = {
    MANAGER: gettext_lazy("managers"),
    PEERS: gettext_lazy("peers"),
    DIRECT_REPORTS: gettext_lazy("direct reports"),
    OTHERS: gettext_lazy("other raters"),
}

#: Whose answers an anonymous group keeps apart: "so that nobody can tell peers' answers apart".
ANSWERS_OF = {
    PEERS: gettext_lazy("peers' answers"),
    DIRECT_REPORTS: gettext_lazy("direct reports' answers"),
    OTHERS: gettext_lazy("other raters' answers"),
}

#: How a rater is asked: "… asked you to give feedback about Ann, as a peer."
AS_ROLE = {
    MANAGER: gettext_lazy("as their manager"),
    PEERS: gettext_lazy("as a peer"),
    DIRECT_REPORTS: gettext_lazy("as someone who reports to them"),
    OTHERS: gettext_lazy("as someone who works with them"),
}


def group_count(group: str, n: int) -> str:
    """``n`` raters of ``group`` in words: "1 peer", "3 direct reports", "4 raters"."""
    if group == PEERS:
        return ngettext("%(n)d peer", "%(n)d peers", n) % {"n": n}
    if group == DIRECT_REPORTS:
        return ngettext("%(n)d direct report", "%(n)d direct reports", n) % {"n": n}
    if group == OTHERS:
        return ngettext("%(n)d other rater", "%(n)d other raters", n) % {"n": n}
    if group == MANAGER:
        return ngettext("%(n)d manager", "%(n)d managers", n) % {"n": n}
    return ngettext("%(n)d rater", "%(n)d raters", n) % {"n": n}


def asked_for(group: str, fewest: int, most: int, threshold: int) -> str:
    """What a campaign asks of a group, in words: "3 to 8 peers", "none, or 3 to 10 direct reports".

    An anonymous group needs at least its threshold if it has anyone at all
    (``threshold`` is 1 for a group that is not anonymous), so a campaign's
    fewest below it is said as the threshold, or none when the fewest is 0.
    """
    if threshold <= fewest or threshold <= 1:
        return _("%(fewest)s to %(most)s") % {"fewest": fewest, "most": group_count(group, most)}
    if most < threshold:
        return _("no %(raters)s") % {"raters": PLURAL[group]}
    span = _("%(fewest)s to %(most)s") % {"fewest": threshold, "most": group_count(group, most)}
    return _("none, or %(span)s") % {"span": span} if fewest == 0 else span
