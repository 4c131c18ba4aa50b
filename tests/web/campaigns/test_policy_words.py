"""policy_words.policy_sentences: the anonymity policy as the people it protects read it."""

from __future__ import annotations

from twofold.core.anonymity import AnonymityPolicy
from twofold.web.campaigns.policy_words import policy_sentences


def test_it_says_the_default_policy_in_plain_words() -> None:
    assert policy_sentences(AnonymityPolicy()) == [
        "The manager’s answers are shown as theirs: the manager is not anonymous.",
        "Peers are shown when at least 3 answer.",
        "Direct reports are shown when at least 3 answer.",
        "Other raters are shown when at least 3 answer.",
        "All raters together are shown when at least 4 answer.",
    ]


def test_it_says_when_comments_need_more_raters() -> None:
    scores = {"manager": 2, "peers": 4, "direct_reports": 3, "others": 3, "all": 5}
    comments = {**scores, "manager": 3, "peers": 5}
    sentences = policy_sentences(AnonymityPolicy(scores=scores, comments=comments))
    assert sentences[0] == (
        "Managers are shown when at least 2 answer. "
        "Their comments are shown only when at least 3 raters answer."
    )
    assert sentences[1] == (
        "Peers are shown when at least 4 answer. "
        "Their comments are shown only when at least 5 raters answer."
    )
    assert sentences[2] == "Direct reports are shown when at least 3 answer."
