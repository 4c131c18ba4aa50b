"""The rows of the API matrix: every route of the OpenAPI schema, as a request in the world.

Each :class:`Endpoint` names the schema's path and method it exercises and who
may call it. Routes about an organisation's data need a caller (a session or a
personal API token): without one, 401; with one who may not see the thing, 404,
the same as for a thing that does not exist. Routes of a self-assessment take
its secret token and no caller, like its pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.web.matrix.page import ACME, ADMIN, EVERYONE, NOBODY, OUTSIDER, SIGNED_IN
from tests.web.matrix.world import ACCOUNTS, World

#: The answer to a request that needs a caller and came without one.
UNAUTHORISED = 401


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    #: The route's path in the OpenAPI schema.
    path: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    #: False for routes reached by a secret token alone.
    signed_in: bool = True
    status: int = 200
    body: dict[str, Any] | None = None
    #: Whether an allowed call changes the database (None: it may or may not).
    changes: bool | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}"

    def expected(self, actor: str) -> int:
        if actor in self.allowed:
            return self.status
        if self.signed_in and actor not in ACCOUNTS:
            return UNAUTHORISED
        return 404


def _responses(token: Callable[[World], str], rest: str = "") -> Callable[[World], str]:
    return lambda w: f"/api/responses/{token(w)}{rest}"


def _pat_self(world: World) -> str:
    return world.self_set("spring", "pat").respond_token


def _rater_set(world: World) -> str:
    return world.rater_set.respond_token


def _report(campaign: str, who: str) -> Callable[[World], str]:
    return lambda w: f"/api/reports/{w.report_token(campaign, who)}"


def _person(slug: str, who: str) -> Callable[[World], str]:
    return lambda w: f"/api/organisations/{slug}/people/{w.people[who].pk}"


def _campaign(key: str) -> Callable[[World], str]:
    return lambda w: f"/api/campaigns/{w.campaigns[key].pk}"


RESPONSES = "/api/responses/{respond_token}"
ANSWERS = "/api/responses/{respond_token}/answers"
SUBMIT = "/api/responses/{respond_token}/submit"
REPORT = "/api/reports/{report_token}"
PERSON = "/api/organisations/{slug}/people/{person_id}"
PEOPLE = "/api/organisations/{slug}/people"
CAMPAIGNS = "/api/organisations/{slug}/campaigns"
CAMPAIGN = "/api/campaigns/{campaign_id}"
ONE_ANSWER = {"answers": {"env1": 2}}

ENDPOINTS = [
    Endpoint(
        "instruments",
        "GET",
        "/api/instruments",
        lambda w: "/api/instruments",
        EVERYONE,
        signed_in=False,
    ),
    Endpoint(
        "the TLMI",
        "GET",
        "/api/instruments/{instrument_id}",
        lambda w: "/api/instruments/tlmi",
        EVERYONE,
        signed_in=False,
    ),
    Endpoint(
        "start a self-assessment",
        "POST",
        "/api/assessments",
        lambda w: "/api/assessments",
        EVERYONE,
        signed_in=False,
        status=201,
        body={"subject_name": "Nia New"},
        changes=True,
    ),
    Endpoint(
        "Pat's own answers", "GET", RESPONSES, _responses(_pat_self), EVERYONE, signed_in=False
    ),
    # A rater's answers are never reached by their response set's own token, nor by
    # their invitation's: only through the rater's questionnaire pages.
    Endpoint(
        "a rater's answers", "GET", RESPONSES, _responses(_rater_set), NOBODY, signed_in=False
    ),
    Endpoint(
        "a rater's answers by their link",
        "GET",
        RESPONSES,
        _responses(lambda w: w.rater.token),
        NOBODY,
        signed_in=False,
    ),
    Endpoint(
        "save Pat's own answers",
        "PUT",
        ANSWERS,
        _responses(_pat_self, "/answers"),
        EVERYONE,
        signed_in=False,
        body=ONE_ANSWER,
        changes=True,
    ),
    Endpoint(
        "save a rater's answers",
        "PUT",
        ANSWERS,
        _responses(_rater_set, "/answers"),
        NOBODY,
        signed_in=False,
        body=ONE_ANSWER,
    ),
    Endpoint(
        "submit Pat's own answers",
        "POST",
        SUBMIT,
        _responses(_pat_self, "/submit"),
        EVERYONE,
        signed_in=False,
        changes=True,
    ),
    Endpoint(
        "submit a rater's answers",
        "POST",
        SUBMIT,
        _responses(_rater_set, "/submit"),
        NOBODY,
        signed_in=False,
    ),
    Endpoint(
        "a self-assessment's report",
        "GET",
        REPORT,
        lambda w: f"/api/reports/{w.standalone.report_token}",
        EVERYONE,
        signed_in=False,
    ),
    Endpoint("Pat's released report", "GET", REPORT, _report("autumn", "pat"), ACME),
    Endpoint("Quinn's released report", "GET", REPORT, _report("autumn", "quinn"), ADMIN),
    # Not released yet: 409 for whoever may read it once it is; managers never may here.
    Endpoint(
        "Pat's unreleased report",
        "GET",
        REPORT,
        _report("spring", "pat"),
        frozenset({"admin", "coach", "participant"}),
        status=409,
    ),
    Endpoint(
        "Quinn's unreleased report", "GET", REPORT, _report("spring", "quinn"), ADMIN, status=409
    ),
    Endpoint("Gia's report in Globex", "GET", REPORT, _report("globex", "gia"), OUTSIDER),
    Endpoint("me", "GET", "/api/me", lambda w: "/api/me", SIGNED_IN),
    Endpoint(
        "my organisations", "GET", "/api/organisations", lambda w: "/api/organisations", SIGNED_IN
    ),
    Endpoint("Acme's people", "GET", PEOPLE, lambda w: "/api/organisations/acme/people", ACME),
    Endpoint(
        "Globex's people", "GET", PEOPLE, lambda w: "/api/organisations/globex/people", OUTSIDER
    ),
    Endpoint("Pat", "GET", PERSON, _person("acme", "pat"), ACME),
    Endpoint("Quinn", "GET", PERSON, _person("acme", "quinn"), ADMIN),
    Endpoint("Gia, through Acme", "GET", PERSON, _person("acme", "gia"), NOBODY),
    Endpoint("Pat, through Globex", "GET", PERSON, _person("globex", "pat"), NOBODY),
    Endpoint("Gia", "GET", PERSON, _person("globex", "gia"), OUTSIDER),
    Endpoint(
        "Acme's campaigns", "GET", CAMPAIGNS, lambda w: "/api/organisations/acme/campaigns", ACME
    ),
    Endpoint(
        "Globex's campaigns",
        "GET",
        CAMPAIGNS,
        lambda w: "/api/organisations/globex/campaigns",
        OUTSIDER,
    ),
    Endpoint("the open campaign", "GET", CAMPAIGN, _campaign("spring"), ACME),
    Endpoint("the released campaign", "GET", CAMPAIGN, _campaign("autumn"), ACME),
    Endpoint("the draft campaign", "GET", CAMPAIGN, _campaign("winter"), ADMIN),
    Endpoint("Globex's campaign", "GET", CAMPAIGN, _campaign("globex"), OUTSIDER),
]

assert len({e.id for e in ENDPOINTS}) == len(ENDPOINTS), "two rows with one name"
