"""The API fuzzed against a live server: no 5xx and no answer the schema does not describe.

schemathesis takes the schema the server publishes at ``/api/openapi.json`` and
sends each route requests built from it: the schema's own examples, edge cases,
methods the route does not have, and random valid and deliberately broken
requests. Every response must be below 500, have a status the route declares
and match its declared body, content type and headers; a broken request must be
refused; a wrong method must get 405 with an ``Allow`` header; and every failure
must have the API's error shape.

Random tokens would only reach the 404 branches, so about half the cases use
the token of a response set or report seeded here (:data:`KNOWN`), in each
state a route tells apart: just started, complete but not submitted, submitted,
and an observer's; and the answers route also gets bodies of answers the
instrument can take, so that saving and "already submitted" are reached too.

The run is bounded (a fixed seed, at most :data:`EXAMPLES` random cases per
route, no deadline) so it stays well under a minute on a loaded two-core machine.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.request import urlopen

import pytest
import schemathesis
from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    allow_header_conformance,
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from tests.web.org_fixtures import make_world

from twofold.content import builtin_instrument
from twofold.web.accounts.models import ApiToken
from twofold.web.api import api
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.assessments.services import start_self_assessment

#: Random cases per route; with the fixed seed the same cases run every time.
EXAMPLES = 25


@schemathesis.check
def error_shape(ctx: Any, response: Any, case: Any) -> None:
    """Every failure, declared or not (such as ninja's 405), has the API's error shape."""
    if response.status_code < 400 or case.method.upper() == "HEAD":
        return
    body = response.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["message"], str), body
    assert all(isinstance(line, str) for line in body["error"]["details"]), body


CHECKS = [
    error_shape,
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    unsupported_method,
    allow_header_conformance,
    response_headers_conformance,
]

#: Path values that exist during the test, by parameter name.
KNOWN = {
    "respond_token": ["started", "complete", "submitted", "observer"],
    "report_token": ["started-report", "complete-report", "submitted-report"],
    "instrument_id": ["tlmi"],
    "slug": ["acme"],
}

#: The schema the server publishes, read in process so that pytest makes one test
#: per route; a test below checks that the live server serves the same document.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@schema.hook
def before_generate_path_parameters(context: Any, strategy: Any) -> Any:
    """Half the time, replace each generated path value by one that exists."""

    def known(generated: Any) -> Any:
        # A deliberately broken value (an integer id sent as "false") comes wrapped
        # in schemathesis' own type, not as a dict: it is left as generated.
        if not isinstance(generated, dict) or not generated:
            return st.just(generated)
        return st.fixed_dictionaries(
            {name: st.sampled_from(KNOWN.get(name, [value])) for name, value in generated.items()}
        )

    return st.one_of(strategy, strategy.flatmap(known))


@schema.hook
def before_generate_body(context: Any, strategy: Any) -> Any:
    """Mix answers the instrument can take into the random bodies of the answers route.

    The schema allows any item id and any whole number, so random bodies almost
    never hold a valid answer and would leave the save and the "submitted" branches
    untried.
    """
    if context.operation is None or not context.operation.path.endswith("/answers"):
        return strategy
    tlmi = builtin_instrument("tlmi")
    low, high = tlmi.response_scale.min, tlmi.response_scale.max
    values = st.sampled_from([*range(low, high + 1), None])  # None: "Not observed"
    answers = st.dictionaries(st.sampled_from(tlmi.item_ids), values, max_size=4)
    return st.one_of(strategy, st.fixed_dictionaries({"answers": answers}))


@pytest.fixture
def seeded(transactional_db: None) -> str:
    """The response sets, reports and organisation :data:`KNOWN` names, each in its own state.

    Returns the API token of the organisation's administrator, which every request sends.
    """
    tlmi = builtin_instrument("tlmi")
    started = start_self_assessment("Started")
    complete = start_self_assessment("Complete")
    complete.record(tlmi, dict.fromkeys(tlmi.item_ids, 3))
    submitted = start_self_assessment("Submitted")
    submitted.record(tlmi, dict.fromkeys(tlmi.item_ids, 4))
    submitted.submit(tlmi)
    observer = ResponseSet.objects.create(
        assessment=started.assessment,
        rater_role=RaterRole.PEERS,
        instrument_id=tlmi.id,
        instrument_version=tlmi.version,
    )
    for name, response_set in {
        "started": started,
        "complete": complete,
        "submitted": submitted,
        "observer": observer,
    }.items():
        ResponseSet.objects.filter(pk=response_set.pk).update(respond_token=name)
        if response_set.rater_role == RaterRole.SELF:
            Assessment.objects.filter(pk=response_set.assessment_id).update(
                report_token=f"{name}-report"
            )
    world = make_world()
    _token, secret = ApiToken.issue(world.users["admin"], "fuzz")
    return secret


def test_the_live_server_publishes_the_schema_fuzzed(live_server: Any) -> None:
    with urlopen(f"{live_server.url}/api/openapi.json") as response:
        assert json.load(response) == schema.raw_schema


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@seed(20261201)
def test_the_api_never_fails_and_always_answers_as_documented(
    case: Any, live_server: Any, seeded: str
) -> None:
    headers = {"Authorization": f"Bearer {seeded}"}
    case.call_and_validate(base_url=live_server.url, checks=CHECKS, headers=headers)
