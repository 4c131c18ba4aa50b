"""Rows of the page matrix outside an organisation's pages: the public pages, the secret
links (a questionnaire, a report, a rater's link), accounts, and the API's own pages."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from tests.web.campaign_rows import TLMI
from tests.web.matrix.page import (
    ACME,
    ADMIN,
    NOBODY,
    OUTSIDER,
    SIGNED_IN,
    URL,
    Page,
    at,
    open_page,
    open_post,
    post,
)
from tests.web.matrix.world import ACCOUNTS, World

from twofold.core.questionnaire import pages as questionnaire_pages
from twofold.web.assessments.models import new_token


def _respond(rest: str = "") -> URL:
    """Pat's own questionnaire in the open campaign: every question answered, not submitted."""
    return lambda w: f"/respond/{w.self_set('spring', 'pat').respond_token}/{rest}"


def _rater_set(rest: str = "") -> URL:
    return lambda w: f"/respond/{w.rater_set.respond_token}/{rest}"


def _rate(rest: str = "") -> URL:
    return lambda w: f"/rate/{w.rater.token}/{rest}"


def _report(campaign: str, who: str) -> URL:
    return lambda w: f"/report/{w.report_token(campaign, who)}/"


def _first_page(value: str) -> Callable[[World], dict[str, Any]]:
    """Every answer of the questionnaire's first page."""
    return lambda w: dict.fromkeys(questionnaire_pages(TLMI)[0].item_ids, value)


def _one_answer(world: World) -> dict[str, str]:
    return {"env1": "2"}


def _password(world: World) -> dict[str, str]:
    return {"new_password1": "tidy-Otter-71", "new_password2": "tidy-Otter-71"}


SIGNED_IN_REDIRECTED = MappingProxyType(dict.fromkeys(ACCOUNTS, 302))
BAD_LINK = "MQ/set-by-nobody/"

PUBLIC = [
    open_page("home", at("/")),
    open_post("start a self-assessment", at("/start/"), data=lambda w: {"subject_name": "Nia"}),
    open_page("Pat's questionnaire", _respond(), status=302),
    open_page("Pat's questionnaire, page 1", _respond("1/")),
    open_post("Pat's questionnaire, page 1", _respond("1/"), data=_first_page("3")),
    open_post("Pat's questionnaire, one answer", _respond("answer/"), status=200, data=_one_answer),
    # A rater's answers are reached through their invitation only, never by their own token.
    open_page("a rater's answers by their own token", _rater_set(), NOBODY),
    open_post(
        "a rater's answers by their own token", _rater_set("answer/"), NOBODY, data=_one_answer
    ),
    open_page("a self-assessment's report", lambda w: f"/report/{w.standalone.report_token}/"),
]

REPORTS = [
    Page("Pat's released report", _report("autumn", "pat"), ACME),
    Page("Quinn's released report", _report("autumn", "quinn"), ADMIN),
    # Managers do not read the open campaign's reports. Before a release, whoever may
    # read the report later is told it is not released yet.
    Page("Pat's unreleased report", _report("spring", "pat"), ACME - {"manager"}),
    Page("Quinn's unreleased report", _report("spring", "quinn"), ADMIN),
    Page("Gia's report in Globex", _report("globex", "gia"), OUTSIDER),
]

# Whoever holds the rater's link is the rater, as far as the site can tell.
RATING = [
    open_page("the rater's link", _rate(), holds_link=True),
    open_page("the rater's decline page", _rate("decline/"), holds_link=True),
    open_post("the rater declines", _rate("decline/"), holds_link=True),
    open_page("the rater's questions", _rate("questions/"), status=302, holds_link=True),
    open_page("the rater's page 1", _rate("1/"), holds_link=True),
    open_post("the rater's page 1", _rate("1/"), holds_link=True, data=_first_page("not_observed")),
    open_post(
        "the rater's one answer",
        _rate("answer/"),
        holds_link=True,
        status=200,
        data=_one_answer,
    ),
    open_post(
        "the rater's one comment",
        _rate("comment/"),
        holds_link=True,
        status=200,
        data=lambda w: {"domain:direction": "Clear plans"},
    ),
    open_page("a link that leads nowhere", lambda w: f"/rate/{new_token()}/", NOBODY),
]

ACCOUNT_PAGES = [
    open_page("sign in", at("/accounts/login/"), status_for=SIGNED_IN_REDIRECTED),
    # A wrong password is counted towards a pause (a row of django-axes'); a signed-in
    # visitor is sent on before any count.
    open_post(
        "sign in",
        at("/accounts/login/"),
        status=200,
        status_for=SIGNED_IN_REDIRECTED,
        changes=None,
        data=lambda w: {"username": "pat@acme.example", "password": "wrong"},
    ),
    open_page("sign out", at("/accounts/logout/")),
    open_post("sign out", at("/accounts/logout/"), changes=False),
    open_page("reset a password", at("/accounts/password_reset/")),
    open_post(
        "reset a password",
        at("/accounts/password_reset/"),
        changes=None,
        data=lambda w: {"email": "pat@acme.example"},
    ),
    open_page("reset link sent", at("/accounts/password_reset/done/")),
    open_page("a reset link", at(f"/accounts/reset/{BAD_LINK}")),
    open_post(
        "a reset link",
        at(f"/accounts/reset/{BAD_LINK}"),
        status=200,
        changes=False,
        data=_password,
    ),
    open_page("password reset", at("/accounts/reset/done/")),
    open_page("an invitation's link", at(f"/accounts/set-password/{BAD_LINK}")),
    open_post(
        "an invitation's link",
        at(f"/accounts/set-password/{BAD_LINK}"),
        status=200,
        changes=False,
        data=_password,
    ),
    Page("my API tokens", at("/accounts/tokens/"), SIGNED_IN),
    post(
        "create an API token",
        at("/accounts/tokens/"),
        SIGNED_IN,
        status=200,
        data=lambda w: {"name": "new script"},
    ),
    post(
        "revoke Pat's API token",
        lambda w: f"/accounts/tokens/{w.pat_script.pk}/revoke/",
        frozenset({"participant"}),
    ),
]

# The API's own pages; its routes are in tests/web/matrix/endpoints.py.
API_PAGES = [
    open_page("the API's docs", at("/api/docs")),
    open_page("the API's schema", at("/api/openapi.json")),
    open_page("the API's root", at("/api/"), NOBODY),
    open_page("no such API route", at("/api/nothing/here"), NOBODY),
    open_post("no such API route", at("/api/nothing/here"), NOBODY),
]

SITE_PAGES = PUBLIC + REPORTS + RATING + ACCOUNT_PAGES + API_PAGES
