"""A campaign's anonymity policy in plain words, as participants and raters read it.

"Peers are shown when at least 3 answer; the manager's answers are shown as
theirs": what the thresholds mean for the people they protect, without the
word threshold.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twofold.core.anonymity import ALL, DIRECT_REPORTS, MANAGER, OTHERS, PEERS, AnonymityPolicy


def _shown_when(group: str, k: int) -> str:
    if group == PEERS:
        text = ngettext(
            "Peers are shown when at least %(k)d answers.",
            "Peers are shown when at least %(k)d answer.",
            k,
        )
    elif group == DIRECT_REPORTS:
        text = ngettext(
            "Direct reports are shown when at least %(k)d answers.",
            "Direct reports are shown when at least %(k)d answer.",
            k,
        )
    elif group == OTHERS:
        text = ngettext(
            "Other raters are shown when at least %(k)d answers.",
            "Other raters are shown when at least %(k)d answer.",
            k,
        )
    elif group == MANAGER:
        text = ngettext(
            "Managers are shown when at least %(k)d answers.",
            "Managers are shown when at least %(k)d answer.",
            k,
        )
    else:
        text = ngettext(
            "All raters together are shown when at least %(k)d answers.",
            "All raters together are shown when at least %(k)d answer.",
            k,
        )
    return text % {"k": k}


def _comments_when(k: int) -> str:
    return ngettext(
        "Their comments are shown only when at least %(k)d rater answers.",
        "Their comments are shown only when at least %(k)d raters answer.",
        k,
    ) % {"k": k}


def policy_sentences(policy: AnonymityPolicy) -> list[str]:
    """One sentence per rater group, in the order a report shows the groups."""
    sentences = []
    for group in (MANAGER, PEERS, DIRECT_REPORTS, OTHERS, ALL):
        if group == MANAGER and not policy.is_anonymous(MANAGER):
            sentence = _("The manager’s answers are shown as theirs: the manager is not anonymous.")
        else:
            sentence = _shown_when(group, policy.scores[group])
        if policy.comments[group] > policy.scores[group]:
            sentence = f"{sentence} {_comments_when(policy.comments[group])}"
        sentences.append(sentence)
    return sentences
