"""Rows of the page matrix under /o/: an organisation's members, audit log, people,
campaigns and nominations, for Acme and for Globex, and Globex's records asked for
through Acme's addresses."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.web.campaigns.test_campaign_form import valid
from tests.web.matrix.page import ACME, ADMIN, NOBODY, OUTSIDER, SIGNED_IN, URL, Page, at, post
from tests.web.matrix.world import World

from twofold.web.organisations.people_file_views import PENDING

#: Who may nominate Pat's raters: Pat, his manager, an administrator (never his coach).
NOMINATE_PAT = frozenset({"admin", "manager", "participant"})
#: Who decides on Pat's raters: never Pat himself.
DECIDE_PAT = frozenset({"admin", "manager"})
PEOPLE_FILE = b"name,email,manager_email,team,job_title\nNed New,ned@acme.example,,,\n"


def _upload(world: World) -> dict[str, Any]:
    return {"action": "preview", "file": SimpleUploadedFile("people.csv", PEOPLE_FILE)}


def _waiting_file(client: Client, world: World) -> None:
    """A people file previewed and waiting in the browser's session for its confirmation."""
    session = client.session
    session[PENDING] = {
        "slug": "acme",
        "name": "people.csv",
        "digest": hashlib.sha256(PEOPLE_FILE).hexdigest(),
        "data": base64.b64encode(PEOPLE_FILE).decode("ascii"),
    }
    session.save()


def _confirm(world: World) -> dict[str, str]:
    return {"action": "confirm", "digest": hashlib.sha256(PEOPLE_FILE).hexdigest()}


def _member(actor: str, rest: str) -> URL:
    return lambda w: f"/o/acme/members/{w.memberships[actor].pk}/{rest}"


def _person(slug: str, who: str) -> URL:
    return lambda w: f"/o/{slug}/people/{w.people[who].pk}/"


def _campaign(campaign: str, rest: str = "", slug: str = "") -> URL:
    return lambda w: w.campaign_url(campaign, rest, slug=slug)


def _nominations(campaign: str, who: str, rest: str = "") -> URL:
    return lambda w: w.nominations_url(campaign, who, rest)


def _of_other_campaign(campaign: str, who: str) -> URL:
    """The nominations of ``who`` in ``campaign``, asked for at the open campaign's address."""
    return lambda w: w.campaign_url(
        "spring", f"participants/{w.part(campaign, who).pk}/nominations/"
    )


def _invitation(who: str, rater: str, rest: str) -> URL:
    return lambda w: w.nominations_url("spring", who, f"{w.invitations[rater].pk}/{rest}")


def _deadline(world: World) -> dict[str, str]:
    return {"deadline": "2027-04-30T09:00"}


MEMBERS = [
    Page("Acme's members", at("/o/acme/members/"), ADMIN),
    post(
        "invite Tam",
        at("/o/acme/members/invite/"),
        ADMIN,
        data=lambda w: {"person": w.people["tam"].pk, "role": "participant"},
    ),
    post(
        "make Mo an administrator",
        _member("manager", "role/"),
        ADMIN,
        data=lambda w: {"role": "admin"},
    ),
    Page("remove Mo's role", _member("manager", "remove/"), ADMIN),
    post("remove Mo's role", _member("manager", "remove/"), ADMIN),
    post("invite Pat again", _member("participant", "invitation/"), ADMIN),
    post(
        "let Cy coach Quinn",
        _member("coach", "coachees/"),
        ADMIN,
        data=lambda w: {"person": w.people["quinn"].pk},
    ),
    # Another organisation's people, asked for through Acme's forms: refused, nothing changes.
    post(
        "let Cy coach Gia, of Globex",
        _member("coach", "coachees/"),
        ADMIN,
        changes=False,
        data=lambda w: {"person": w.people["gia"].pk},
    ),
    post(
        "invite Gia, of Globex, to Acme",
        at("/o/acme/members/invite/"),
        ADMIN,
        status=400,
        changes=False,
        data=lambda w: {"person": w.people["gia"].pk, "role": "participant"},
    ),
    post(
        "stop Cy coaching Gia, of Globex",
        lambda w: (
            f"/o/acme/members/{w.memberships['coach'].pk}/coachees/{w.people['gia'].pk}/remove/"
        ),
        NOBODY,
    ),
    post(
        "stop Cy coaching Pat",
        lambda w: (
            f"/o/acme/members/{w.memberships['coach'].pk}/coachees/{w.people['pat'].pk}/remove/"
        ),
        ADMIN,
    ),
    post(
        "make Gus a participant, through Acme",
        _member("outsider", "role/"),
        NOBODY,
        data=lambda w: {"role": "participant"},
    ),
    Page("Globex's members", at("/o/globex/members/"), OUTSIDER),
    Page("Acme's audit log", at("/o/acme/audit/"), ADMIN),
    Page("Globex's audit log", at("/o/globex/audit/"), OUTSIDER),
]

PEOPLE = [
    # Each account has one organisation, so the list goes straight to it.
    Page("my organisations", at("/o/"), SIGNED_IN, status=302),
    Page("Acme's people", at("/o/acme/people/"), ACME),
    Page("Pat", _person("acme", "pat"), ACME),
    Page("Quinn", _person("acme", "quinn"), ADMIN),
    Page("Gia, through Acme", _person("acme", "gia"), NOBODY),
    Page("Globex's people", at("/o/globex/people/"), OUTSIDER),
    Page("Gia", _person("globex", "gia"), OUTSIDER),
    Page("import people", at("/o/acme/people/import/"), ADMIN),
    post(
        "preview a people file",
        at("/o/acme/people/import/"),
        ADMIN,
        status=200,
        changes=False,
        data=_upload,
    ),
    post(
        "import a people file",
        at("/o/acme/people/import/"),
        ADMIN,
        data=_confirm,
        prepare=_waiting_file,
    ),
    Page("export people", at("/o/acme/people/export/"), ADMIN),
    Page("Acme's teams", at("/o/acme/teams/"), ACME),
    Page("Globex's teams", at("/o/globex/teams/"), OUTSIDER),
]

CAMPAIGNS = [
    Page("Acme's home", at("/o/acme/"), ACME),
    Page("Globex's home", at("/o/globex/"), OUTSIDER),
    Page("Acme's campaigns", at("/o/acme/campaigns/"), ACME),
    Page("new campaign", at("/o/acme/campaigns/new/"), ADMIN),
    post(
        "new campaign", at("/o/acme/campaigns/new/"), ADMIN, data=lambda w: valid(name="Matrix 360")
    ),
    Page("the open campaign", _campaign("spring"), ACME),
    Page("the released campaign", _campaign("autumn"), ACME),
    Page("the draft campaign", _campaign("winter"), ADMIN),
    Page("Globex's campaign, through Acme", _campaign("globex", slug="acme"), NOBODY),
    Page("Globex's campaign", _campaign("globex"), OUTSIDER),
    Page("edit the draft", _campaign("winter", "edit/"), ADMIN),
    post(
        "edit the draft",
        _campaign("winter", "edit/"),
        ADMIN,
        data=lambda w: valid(name="Winter 360, renamed"),
    ),
    Page("the draft's participants", _campaign("winter", "participants/"), ADMIN),
    post(
        "add Gia, of Globex, to the draft",
        _campaign("winter", "participants/"),
        ADMIN,
        status=400,
        changes=False,
        data=lambda w: {"people": [w.people["gia"].pk]},
    ),
    post(
        "take Pat of another campaign out of the draft",
        _campaign("winter", "participants/"),
        NOBODY,
        data=lambda w: {"action": "remove", "participant": w.part("autumn", "pat").pk},
    ),
    post(
        "add Tam to the draft",
        _campaign("winter", "participants/"),
        ADMIN,
        data=lambda w: {"people": [w.people["tam"].pk]},
    ),
    post(
        "take Quinn out of the draft",
        _campaign("winter", "participants/"),
        ADMIN,
        data=lambda w: {"action": "remove", "participant": w.part("winter", "quinn").pk},
    ),
    Page("launch the draft", _campaign("winter", "launch/"), ADMIN),
    post("launch the draft", _campaign("winter", "launch/"), ADMIN),
    Page("extend the open campaign", _campaign("spring", "extend/"), ADMIN),
    post(
        "extend the open campaign",
        _campaign("spring", "extend/"),
        ADMIN,
        data=lambda w: {"deadline_0": "2027-03-31", "deadline_1": "09:00"},
    ),
    Page("close the open campaign", _campaign("spring", "close/"), ADMIN),
    post("close the open campaign", _campaign("spring", "close/"), ADMIN),
    # Coaches release the people they coach where the campaign lets them.
    Page("release the closed campaign", _campaign("summer", "release/"), ADMIN | {"coach"}),
    post("release the closed campaign", _campaign("summer", "release/"), ADMIN | {"coach"}),
    Page("the released campaign's release page", _campaign("autumn", "release/"), ADMIN),
    # A draft is seen by administrators only, whatever it lets coaches do later.
    Page("the draft's release page", _campaign("winter", "release/"), ADMIN),
    Page("Globex's release page, through Acme", _campaign("globex", "release/", "acme"), NOBODY),
    Page("re-open the released campaign", _campaign("autumn", "reopen/"), ADMIN),
    post("re-open the released campaign", _campaign("autumn", "reopen/"), ADMIN, data=_deadline),
    post(
        "re-open Globex's campaign, through Acme",
        _campaign("globex", "reopen/", "acme"),
        NOBODY,
        data=_deadline,
    ),
]

NOMINATIONS = [
    Page("Acme's approvals", at("/o/acme/approvals/"), ACME),
    Page("Globex's approvals", at("/o/globex/approvals/"), OUTSIDER),
    # Pat's list, by name, to those who make it; only administrators see who declined.
    Page(
        "Pat's nominations",
        _nominations("spring", "pat"),
        NOMINATE_PAT,
        names_raters=NOMINATE_PAT,
    ),
    Page("Quinn's nominations", _nominations("spring", "quinn"), ADMIN),
    # A draft is seen by administrators only: they may line raters up before the
    # launch; Pat and his manager learn of the campaign when it opens.
    Page("Pat's nominations in the draft", _nominations("winter", "pat"), ADMIN),
    post(
        "nominate Zed for Pat in the draft",
        _nominations("winter", "pat", "add/"),
        ADMIN,
        data=lambda w: {"group": "peers", "person": w.people["zed"].pk},
    ),
    post(
        "submit Pat's list in the draft",
        _nominations("winter", "pat", "submit/"),
        ADMIN,
        status=400,
        changes=False,
    ),
    Page(
        "Pat's released nominations, through the open campaign",
        _of_other_campaign("autumn", "pat"),
        NOBODY,
    ),
    Page("Gia's nominations, through Acme", _of_other_campaign("globex", "gia"), NOBODY),
    Page("Gia's nominations", _nominations("globex", "gia"), OUTSIDER),
    post(
        "nominate Zed for Pat",
        _nominations("spring", "pat", "add/"),
        NOMINATE_PAT,
        data=lambda w: {"group": "peers", "person": w.people["zed"].pk},
    ),
    post(
        "nominate Gia, of Globex, for Pat",
        _nominations("spring", "pat", "add/"),
        NOMINATE_PAT,
        status=400,
        changes=False,
        names_raters=NOMINATE_PAT,
        data=lambda w: {"group": "peers", "person": w.people["gia"].pk},
    ),
    post(
        "nominate Zed for Quinn",
        _nominations("spring", "quinn", "add/"),
        ADMIN,
        data=lambda w: {"group": "peers", "person": w.people["zed"].pk},
    ),
    # Pat's list is submitted already: submitting it again is allowed and changes nothing.
    post("submit Pat's list", _nominations("spring", "pat", "submit/"), NOMINATE_PAT, changes=None),
    post("submit Quinn's list", _nominations("spring", "quinn", "submit/"), ADMIN),
    post("approve all of Pat's list", _nominations("spring", "pat", "approve-all/"), DECIDE_PAT),
    post(
        "move Tam to others",
        _invitation("pat", "tam", "change/"),
        NOMINATE_PAT,
        data=lambda w: {"action": "move", "group": "others"},
    ),
    post(
        "approve Tam",
        _invitation("pat", "tam", "decide/"),
        DECIDE_PAT,
        data=lambda w: {"decision": "approve"},
    ),
    # Nobody approves their own raters, administrators included.
    Page("Ada's nominations", _nominations("spring", "ada"), ADMIN),
    post(
        "Ada approves Ida for herself",
        _invitation("ada", "ida", "decide/"),
        NOBODY,
        data=lambda w: {"decision": "approve"},
    ),
    post("Ada approves all of her list", _nominations("spring", "ada", "approve-all/"), NOBODY),
    post(
        "approve Quinn's Vic through Pat's list",
        _invitation("pat", "vic", "decide/"),
        NOBODY,
        data=lambda w: {"decision": "approve"},
    ),
    post(
        "approve Vic for Quinn",
        _invitation("quinn", "vic", "decide/"),
        ADMIN,
        data=lambda w: {"decision": "approve"},
    ),
]

ORGANISATION_PAGES = MEMBERS + PEOPLE + CAMPAIGNS + NOMINATIONS
