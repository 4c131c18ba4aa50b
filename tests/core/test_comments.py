"""An observer's comments: what clean_comments keeps, refuses and tidies, and how they merge."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twofold.content import builtin_instrument
from twofold.core.answers import (
    COMMENT_LIMIT,
    Comments,
    InvalidCommentsError,
    clean_comments,
    merge_comments,
)
from twofold.core.instrument import instrument_from_keys

TLMI = builtin_instrument("tlmi")


def test_it_keeps_a_comment_per_domain_and_the_two_open_answers() -> None:
    raw = {
        "domains": {"direction": "Clear.", "change": "Calm in change."},
        "strength": "Listens.",
        "change": "Delegate more.",
    }
    assert clean_comments(TLMI, raw) == raw


def test_it_tidies_the_text() -> None:
    raw = {"strength": "\n  Listens,\r\nthen decides.\rFast.\x0bWell.  \t"}
    assert clean_comments(TLMI, raw) == {"strength": "Listens,\nthen decides.\nFast.\nWell."}


def test_it_keeps_empty_text_to_remove_a_comment() -> None:
    assert clean_comments(TLMI, {"change": "   ", "domains": {"risk": ""}}) == {
        "change": "",
        "domains": {"risk": ""},
    }


def test_it_allows_the_limit_and_not_one_character_more() -> None:
    at_limit = "é" * COMMENT_LIMIT
    assert clean_comments(TLMI, {"strength": at_limit}) == {"strength": at_limit}
    with pytest.raises(InvalidCommentsError) as caught:
        clean_comments(TLMI, {"strength": at_limit + "e"})
    assert caught.value.problems == ["strength: 1,501 characters; the most is 1,500"]


def test_it_names_every_problem_at_once() -> None:
    raw = {
        "domains": {"direction": 3, "nowhere": "x", "risk": "a\x00b"},
        "strength": None,
        "praise": "Great.",
    }
    with pytest.raises(InvalidCommentsError) as caught:
        clean_comments(TLMI, raw)
    assert caught.value.problems == [
        "domains.direction: expected text, got a number",
        "domains.nowhere: no such domain in tlmi@1.0",
        "domains.risk: holds a control character, which a comment cannot contain",
        "strength: expected text, got null",
        "praise: not a comment this questionnaire asks for (domains, strength or change)",
    ]
    assert str(caught.value).startswith("5 problems in the comments:")


def test_it_wants_the_domains_as_an_object() -> None:
    with pytest.raises(InvalidCommentsError) as caught:
        clean_comments(TLMI, {"domains": ["Clear."]})
    assert caught.value.problems == ["domains: expected an object of domain id to text"]


def test_it_takes_a_scales_id_where_the_instrument_has_no_domains() -> None:
    # Without domains, each scale is a page of its own, and its comment is kept by its id.
    plain = instrument_from_keys("A=a1,a2;B=b1,b2", 1, 5)
    assert clean_comments(plain, {"domains": {"B": "Fine."}}) == {"domains": {"B": "Fine."}}


def test_it_merges_over_what_was_kept_and_removes_emptied_comments() -> None:
    stored = {"domains": {"risk": "Bold.", "people": "Fair."}, "strength": "Listens."}
    cleaned = Comments(domains={"risk": "", "change": "Calm."}, strength="", change="More.")
    assert merge_comments(stored, cleaned) == {
        "change": "More.",
        "domains": {"people": "Fair.", "change": "Calm."},
    }
    assert merge_comments(stored, Comments(domains={"risk": "", "people": ""}, strength="")) == {}


@given(st.text(max_size=COMMENT_LIMIT + 20))
def test_it_keeps_only_storable_text_and_tidies_it_once_for_all(text: str) -> None:
    try:
        kept = clean_comments(TLMI, {"strength": text})["strength"]
    except InvalidCommentsError:
        return
    assert len(kept) <= COMMENT_LIMIT
    assert kept == kept.strip()
    assert "\r" not in kept
    assert clean_comments(TLMI, {"strength": kept}) == {"strength": kept}
