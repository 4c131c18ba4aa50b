"""One world for the permission matrix: two organisations, every role, every kind of record.

Acme (slug ``acme``)::

    Ada Admin      People      administrator's account
    Lee Lead       Sales       (no account)
    ├── Mo Manager     Operations  manager's account: his line is Pat, Tam, Uma, Zed, Ria, Sol
    │   ├── Pat Participant  Operations  participant's account; coached by Cy   (P)
    │   └── Tam, Uma, Zed Teammate, Ria and Sol Peer   Operations
    └── Quinn Quayle   Sales       outside Mo's line, coached by nobody         (Q)

Cy Coach has a coach's account and no person in Acme; he coaches Pat only.
Acme's campaigns, each with Pat and Quinn as participants:

* **autumn**, released: both have a released 360 report. Managers read reports.
* **summer**, closed: both were answered by a manager and three peers, not
  released yet; coaches may release.
* **spring**, open: Pat's list is submitted (his manager, Robin Rater and two
  peers invited, Tam and Uma proposed); Quinn's is not (three peers
  proposed). Robin Rater's personal link is the rater's way in. Pat has
  answered every question of his own questionnaire and not submitted. Ada,
  the administrator, takes part too, with a rater proposed. Managers do not
  read this campaign's reports.
* **winter**, a draft; coaches may release.

Globex (slug ``globex``) is another organisation: Gus Globex administers it
(the "user of another organisation"), and Gia Globex has a released report in
its campaign. A self-assessment of nobody's organisation, answered and
submitted, has a report read by its link. ``superuser`` and ``staff`` have no
role anywhere, only Django's admin flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import User
from tests.web import campaign_rows as rows
from tests.web import release_fixtures
from tests.web.org_fixtures import add_person

from twofold.web.accounts.models import ApiToken, Membership, Role
from twofold.web.assessments.models import Assessment, RaterRole, ResponseSet
from twofold.web.assessments.services import start_self_assessment
from twofold.web.campaigns.models import (
    Campaign,
    Invitation,
    InvitationStatus,
    Participant,
    Status,
)
from twofold.web.organisations.models import Organisation, Person

#: Where the clock stands while the world is built and every matrix test runs.
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)

#: The actors of the matrix. ``rater`` holds Robin Rater's link and no account;
#: ``outsider`` administers Globex and has no role in Acme.
ACTORS = ("admin", "manager", "coach", "participant", "rater", "anonymous", "outsider")
#: Actors with an account (the others send no credentials).
ACCOUNTS = ("admin", "manager", "coach", "participant", "outsider")

#: What only Globex's people may read, and what only those who may see Quinn may read.
GLOBEX_SECRETS = ("Globex", "Gia Globex", "gia@globex.example", "Gus Globex")
QUINN_SECRETS = ("Quinn Quayle", "quinn@acme.example")
#: Who was asked to rate Pat and has not answered: for administrators, and for whoever
#: nominates his raters on the pages where they do.
RATER_NAMES = ("Robin Rater", "robin@raters.example")


@dataclass
class World:
    """The records of both organisations, by short keys, and what the rows ask of them."""

    acme: Organisation
    globex: Organisation
    people: dict[str, Person] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    #: ("spring", "pat"): Pat in the spring campaign; ("globex", "gia") in Globex's.
    participants: dict[tuple[str, str], Participant] = field(default_factory=dict)
    #: Spring invitations by the rater's first name (lower-case).
    invitations: dict[str, Invitation] = field(default_factory=dict)
    #: Personal API tokens' secrets, by actor; ``pat_script`` is Pat's second token.
    api_tokens: dict[str, str] = field(default_factory=dict)
    pat_script: ApiToken | None = None
    #: A self-assessment of no campaign, submitted.
    standalone: Assessment | None = None

    def part(self, campaign: str, who: str) -> Participant:
        return self.participants[(campaign, who)]

    def campaign_url(self, campaign: str, rest: str = "", *, slug: str = "") -> str:
        """``/o/<slug>/campaigns/<pk>/<rest>``; the campaign's own organisation unless ``slug``."""
        found = self.campaigns[campaign]
        return f"/o/{slug or found.organisation.slug}/campaigns/{found.pk}/{rest}"

    def nominations_url(self, campaign: str, who: str, rest: str = "") -> str:
        pk = self.part(campaign, who).pk
        return self.campaign_url(campaign, f"participants/{pk}/nominations/{rest}")

    def report_token(self, campaign: str, who: str) -> str:
        assessment = self.part(campaign, who).assessment
        assert assessment is not None
        return assessment.report_token

    def self_set(self, campaign: str, who: str) -> ResponseSet:
        assessment = self.part(campaign, who).assessment
        assert assessment is not None
        return assessment.self_response_set()

    @property
    def rater(self) -> Invitation:
        """Robin Rater's invitation to rate Pat in the spring campaign."""
        return self.invitations["robin"]

    @property
    def rater_set(self) -> ResponseSet:
        response_set = self.rater.response_set
        assert response_set is not None
        return response_set

    def secrets(self) -> list[str]:
        """Strings that no page or API response may ever hold: links and tokens of others."""
        return [self.rater.token, self.rater_set.respond_token, *self.api_tokens.values()]


def build_world() -> World:
    acme = rows.organisation("acme", "Acme")
    globex = rows.organisation("globex", "Globex")
    world = World(acme=acme, globex=globex)
    _people(world)
    _accounts(world)
    _released(world)
    _closed(world)
    _open(world)
    _draft(world)
    _globex(world)
    standalone = start_self_assessment("Sam Standalone")
    standalone.record(rows.TLMI, rows.answers(4))
    standalone.submit(rows.TLMI)
    world.standalone = Assessment.objects.get(pk=standalone.assessment_id)
    return world


def _people(world: World) -> None:
    def person(name: str, team: str, manager: str | None = None) -> None:
        first = name.split()[0].lower()
        email = f"{first}@acme.example"
        boss = world.people[manager] if manager else None
        world.people[first] = add_person(world.acme, name, email, manager=boss, team=team)

    person("Ada Admin", "People")
    person("Lee Lead", "Sales")
    person("Mo Manager", "Operations", "lee")
    person("Pat Participant", "Operations", "mo")
    person("Quinn Quayle", "Sales", "lee")
    for name in ("Tam Teammate", "Uma Teammate", "Zed Teammate", "Ria Peer", "Sol Peer"):
        person(name, "Operations", "mo")


def _accounts(world: World) -> None:
    acme, people = world.acme, world.people
    world.users["admin"] = rows.account(acme, Role.ADMIN, who=people["ada"])
    world.users["manager"] = rows.account(acme, Role.MANAGER, who=people["mo"])
    world.users["participant"] = rows.account(acme, Role.PARTICIPANT, who=people["pat"])
    world.users["coach"] = rows.coach(
        acme, coaching=[people["pat"]], username="cy@coaching.example"
    )
    gus = add_person(world.globex, "Gus Globex", "gus@globex.example", team="Globex Board")
    world.people["gus"] = gus
    world.users["outsider"] = rows.account(world.globex, Role.ADMIN, who=gus)
    for actor in ACCOUNTS:
        world.memberships[actor] = Membership.objects.get(user=world.users[actor])
        world.api_tokens[actor] = ApiToken.issue(world.users[actor], "matrix")[1]
    world.pat_script = ApiToken.issue(world.users["participant"], "Pat's script")[0]
    world.users["superuser"] = User.objects.create_superuser("root@twofold.example", None, None)
    world.users["staff"] = User.objects.create_user("staff@twofold.example", is_staff=True)


def _answered(participant: Participant, raters: dict[str, int]) -> list[ResponseSet]:
    """The participant's own submitted answers and their raters', ``raters`` per group."""
    assessment = participant.assessment
    assert assessment is not None
    sets = [rows.response_set(assessment, RaterRole.SELF, rows.answers(4))]
    for group, count in raters.items():
        sets += [rows.response_set(assessment, group, rows.answers(3)) for _ in range(count)]
    return sets


def _asked(participant: Participant, prefix: str, status: str) -> None:
    """Who was asked to rate the participant: a manager and three peers, by name only."""
    for group, count in (("manager", 1), ("peers", 3)):
        for n in range(1, count + 1):
            Invitation.objects.create(
                participant=participant,
                group=group,
                name=f"{prefix} {group} {n}",
                email=f"{prefix}-{group}-{n}@raters.example".lower(),
                status=status,
            )


def _released(world: World) -> None:
    autumn = rows.campaign(
        world.acme,
        name="Autumn 360",
        status=Status.RELEASED,
        opened_at=NOW - timedelta(days=60),
        deadline=NOW - timedelta(days=40),
        closed_at=NOW - timedelta(days=40),
        managers_see_reports=True,
        coach_may_release=False,
    )
    world.campaigns["autumn"] = autumn
    for who in ("pat", "quinn"):
        participant = rows.participant(autumn, world.people[who])
        world.participants[("autumn", who)] = participant
        rows.release(participant, _answered(participant, {"manager": 1, "peers": 3}))
        _asked(participant, f"Autumn {who}", InvitationStatus.CLOSED)


def _closed(world: World) -> None:
    summer = rows.campaign(
        world.acme,
        name="Summer 360",
        status=Status.CLOSED,
        opened_at=NOW - timedelta(days=20),
        coach_may_release=True,
    )
    world.campaigns["summer"] = summer
    for who in ("pat", "quinn"):
        participant = rows.participant(summer, world.people[who])
        world.participants[("summer", who)] = participant
        assessment = participant.assessment
        assert assessment is not None
        rows.response_set(assessment, RaterRole.SELF, rows.answers(4))
        release_fixtures.rater(participant, "manager", f"Summer {who} manager")
        for n in range(1, 4):
            release_fixtures.rater(participant, "peers", f"Summer {who} peer {n}")


def _invite(
    participant: Participant,
    group: str,
    name: str,
    status: str,
    *,
    person: Person | None = None,
    given: dict[str, int | None] | None = None,
) -> Invitation:
    """One rater on a list of the open campaign; a sent one has their response set."""
    assessment = participant.assessment
    assert assessment is not None
    response_set = None
    if status == InvitationStatus.SENT:
        response_set = ResponseSet.objects.create(
            assessment=assessment,
            rater_role=group,
            instrument_id=assessment.instrument_id,
            instrument_version=assessment.instrument_version,
            answers=given or {},
        )
    first = name.split()[0].lower()
    return Invitation.objects.create(
        participant=participant,
        group=group,
        person=person,
        name=name,
        email=person.email if person else f"{first}@raters.example",
        status=status,
        response_set=response_set,
        sent_at=NOW - timedelta(days=6) if status == InvitationStatus.SENT else None,
    )


def _open(world: World) -> None:
    spring = rows.campaign(
        world.acme,
        name="Spring 360",
        status=Status.OPEN,
        opened_at=NOW - timedelta(days=7),
        deadline=NOW + timedelta(days=14),
        closed_at=None,
        managers_see_reports=False,
        coach_may_release=False,
    )
    world.campaigns["spring"] = spring
    people = world.people
    pat = rows.participant(spring, people["pat"])
    quinn = rows.participant(spring, people["quinn"])
    # The administrator is assessed too, and has proposed a rater nobody has approved yet.
    ada = rows.participant(spring, people["ada"])
    world.participants |= {("spring", "pat"): pat, ("spring", "quinn"): quinn}
    world.participants[("spring", "ada")] = ada
    for participant, given in ((pat, rows.answers(4)), (quinn, {}), (ada, {})):
        assessment = participant.assessment
        assert assessment is not None
        ResponseSet.objects.create(
            assessment=assessment,
            rater_role=RaterRole.SELF,
            instrument_id=assessment.instrument_id,
            instrument_version=assessment.instrument_version,
            answers=given,
        )
    sent, proposed = InvitationStatus.SENT, InvitationStatus.PROPOSED
    first_items = dict.fromkeys(rows.TLMI.item_ids[:3], 3)
    found = world.invitations
    found["mo"] = _invite(pat, "manager", "Mo Manager", sent, person=people["mo"])
    found["robin"] = _invite(pat, "peers", "Robin Rater", sent, given=first_items)
    for first in ("ria", "sol"):
        found[first] = _invite(pat, "peers", people[first].name, sent, person=people[first])
    for first in ("tam", "uma"):
        found[first] = _invite(pat, "peers", people[first].name, proposed, person=people[first])
    Participant.objects.filter(pk=pat.pk).update(nominations_submitted_at=NOW - timedelta(days=1))
    found["lee"] = _invite(quinn, "manager", "Lee Lead", sent, person=people["lee"])
    for name in ("Vic Vance", "Wes Wilde", "Xan Xu"):
        found[name.split()[0].lower()] = _invite(quinn, "peers", name, proposed)
    found["ida"] = _invite(ada, "peers", "Ida Idle", proposed)


def _draft(world: World) -> None:
    winter = rows.campaign(
        world.acme,
        name="Winter 360",
        status=Status.DRAFT,
        deadline=NOW + timedelta(days=30),
        closed_at=None,
        coach_may_release=True,
    )
    world.campaigns["winter"] = winter
    for who in ("pat", "quinn"):
        world.participants[("winter", who)] = Participant.objects.create(
            campaign=winter, person=world.people[who]
        )


def _globex(world: World) -> None:
    gia = add_person(world.globex, "Gia Globex", "gia@globex.example", manager=world.people["gus"])
    world.people["gia"] = gia
    run = rows.campaign(world.globex, name="Globex 360", status=Status.RELEASED)
    world.campaigns["globex"] = run
    participant = rows.participant(run, gia)
    world.participants[("globex", "gia")] = participant
    rows.release(participant, _answered(participant, {"manager": 1, "peers": 3}))
    _asked(participant, "Globex gia", InvitationStatus.CLOSED)
