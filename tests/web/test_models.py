"""The stored records: one self set per assessment, final once submitted, one validation."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from twofold.core.answers import InvalidAnswersError, InvalidCommentsError, clean_answers
from twofold.core.instrument import Instrument
from twofold.web.assessments.models import (
    AlreadySubmittedError,
    Assessment,
    RaterRole,
    ResponseSet,
)


def test_it_allows_one_self_response_set_per_assessment(
    response_set: ResponseSet, tlmi: Instrument
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponseSet.objects.create(
            assessment=response_set.assessment,
            rater_role=RaterRole.SELF,
            instrument_id=tlmi.id,
            instrument_version=tlmi.version,
        )
    assert response_set.assessment.response_sets.count() == 1


def test_it_merges_answers(response_set: ResponseSet, tlmi: Instrument) -> None:
    response_set.record(tlmi, {"env1": 1, "env2": 2})
    response_set.record(tlmi, {"env2": 5})
    response_set.refresh_from_db()
    assert response_set.answers == {"env1": 1, "env2": 5}


def test_it_keeps_submitted_answers_final(completed: Assessment, tlmi: Instrument) -> None:
    response_set = completed.self_response_set()
    with pytest.raises(AlreadySubmittedError):
        response_set.record(tlmi, {"env1": 1})
    response_set.refresh_from_db()
    assert response_set.answers["env1"] == 4


def test_it_lists_every_problem_at_once(tlmi: Instrument) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        clean_answers(tlmi, {"env1": True, "env2": 3, "x": 1, "env3": 2.0})
    assert caught.value.problems == [
        "env1: True is not a whole number from 1 to 5",
        "x: no such item in tlmi@1.0",
        "env3: 2.0 is not a whole number from 1 to 5",
    ]


def _peer(response_set: ResponseSet) -> ResponseSet:
    return ResponseSet.objects.create(
        assessment=response_set.assessment,
        rater_role=RaterRole.PEERS,
        instrument_id=response_set.instrument_id,
        instrument_version=response_set.instrument_version,
    )


def test_it_merges_an_observers_comments(response_set: ResponseSet, tlmi: Instrument) -> None:
    peer = _peer(response_set)
    peer.record_comments(tlmi, {"domains": {"risk": "Bold."}, "strength": "Listens."})
    peer.record_comments(tlmi, {"domains": {"people": "Fair."}, "strength": ""})
    peer.refresh_from_db()
    assert peer.comments == {"domains": {"risk": "Bold.", "people": "Fair."}}


def test_it_keeps_neither_answers_nor_comments_when_one_is_wrong(
    response_set: ResponseSet, tlmi: Instrument
) -> None:
    peer = _peer(response_set)
    with pytest.raises(InvalidAnswersError):
        peer.record(tlmi, {"env1": 4}, comments={"strength": "x" * 1501})
    with pytest.raises(InvalidAnswersError):
        peer.record(tlmi, {"env1": 9}, comments={"strength": "Fine."})
    peer.refresh_from_db()
    assert (peer.answers, peer.comments) == ({}, {})


def test_it_takes_no_comments_from_a_self_assessment(
    response_set: ResponseSet, tlmi: Instrument
) -> None:
    with pytest.raises(InvalidCommentsError) as caught:
        response_set.record_comments(tlmi, {"strength": "Me."})
    assert caught.value.problems == ["comments: only someone rating another person writes comments"]


def test_it_keeps_submitted_comments_final(response_set: ResponseSet, tlmi: Instrument) -> None:
    peer = _peer(response_set)
    peer.record(tlmi, dict.fromkeys(tlmi.item_ids, None), comments={"change": "Delegate."})
    peer.submit(tlmi)
    with pytest.raises(AlreadySubmittedError):
        peer.record_comments(tlmi, {"change": "Something else."})
    peer.refresh_from_db()
    assert peer.comments == {"change": "Delegate."}
