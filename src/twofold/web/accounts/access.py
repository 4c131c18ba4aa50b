"""What an account may see and do in an organisation: the one place these rules live.

Every page, API route, export and email that shows something about a person
asks a :class:`Viewer` first. The rules (docs/decisions/0016-organisations-accounts-and-roles.md):

* An **administrator** (HR) sees and runs everything in their organisation,
  except raters' answers, which nobody sees one by one.
* A **manager** sees the people of their own line (everyone below them in the
  org chart), approves their nominations, and reads their released reports
  when the campaign lets managers read them.
* A **coach** sees the people assigned to them and reads their released
  reports; they release them too when the campaign lets coaches release.
* A **participant** sees themselves: their own nominations, counts of who has
  answered, and their own released reports. To nominate raters they may look
  people of the organisation up by name (:meth:`Viewer.rater_candidates`).
  Nobody approves their own raters, administrators included.

Every role also sees the person their account belongs to. An account with no
role in an organisation sees nothing of it, and is told the organisation does
not exist, so a guessed address reveals nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model
from django.http import Http404

from twofold.web.accounts.models import CoachAssignment, Membership, Role
from twofold.web.organisations.models import Organisation, Person, line_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import QuerySet

#: A model queried through a viewer (a campaign), typed without importing its app.
C = TypeVar("C", bound=Model)


class Progress(Enum):
    """How much of a campaign's progress a viewer sees for one participant."""

    NONE = "none"
    #: How many raters of each group have answered.
    COUNTS = "counts"
    #: Counts, and who has not answered yet (never what anyone answered).
    NAMES = "names"


@dataclass(frozen=True)
class Viewer:
    """One account in one organisation, with what it may see there."""

    user_id: int
    organisation: Organisation
    role: str
    person_id: int | None
    line: frozenset[int]
    coachees: frozenset[int]

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def sees_person(self, person_id: int) -> bool:
        """True when the viewer may see this person at all (name, team, campaigns)."""
        return (
            self.is_admin
            or person_id == self.person_id
            or person_id in self.line
            or person_id in self.coachees
        )

    def people(self) -> QuerySet[Person]:
        """The people of the organisation this viewer may see."""
        people = Person.objects.filter(organisation=self.organisation)
        if self.is_admin:
            return people
        visible = set(self.line | self.coachees)
        if self.person_id is not None:
            visible.add(self.person_id)
        return people.filter(pk__in=visible)

    def campaigns(self, campaigns: QuerySet[C]) -> QuerySet[C]:
        """The campaigns among ``campaigns`` this viewer may see.

        An administrator sees every campaign of the organisation, drafts
        included; anyone else sees a campaign once it has opened, if they may
        see one of its participants (and then, on its pages, only those).
        ``campaigns`` is a queryset of :class:`~twofold.web.campaigns.models.Campaign`,
        passed in because accounts sits below campaigns.
        """
        mine = campaigns.filter(organisation=self.organisation)
        if self.is_admin:
            return mine
        visible = mine.exclude(status="draft").filter(participants__person__in=self.people())
        return mine.filter(pk__in=visible.values("pk"))

    def may_administer(self) -> bool:
        """Create and run campaigns, import and export people, read the audit log."""
        return self.is_admin

    def may_manage_accounts(self) -> bool:
        """See the organisation's accounts, invite people, change roles, assign coaches."""
        return self.is_admin

    def may_decide_nominations(self, person_id: int) -> bool:
        """Approve, change or reject the raters nominated for this person.

        Never one's own: a participant who is also an administrator still has
        their raters approved by someone else, so nobody picks only the
        colleagues who will be kind to them.
        """
        return person_id != self.person_id and (self.is_admin or person_id in self.line)

    def deciding_for(self) -> QuerySet[Person]:
        """The people whose raters this viewer approves (see :meth:`may_decide_nominations`)."""
        people = Person.objects.filter(organisation=self.organisation)
        if not self.is_admin:
            people = people.filter(pk__in=self.line)
        return people.exclude(pk=self.person_id) if self.person_id is not None else people

    def may_nominate(self, person_id: int) -> bool:
        """Propose raters for this person: the person themself, or whoever decides."""
        return person_id == self.person_id or self.may_decide_nominations(person_id)

    def rater_candidates(self, person_id: int) -> QuerySet[Person]:
        """Who this viewer may pick as a rater of ``person_id``: anyone else in the organisation.

        Whoever nominates must find colleagues outside what they otherwise see
        (a participant sees only themself), so this lists names, emails, job
        titles and teams of the whole organisation, and nothing more, to those
        who may nominate for the person; nobody else gets any.
        """
        if not self.may_nominate(person_id):
            return Person.objects.none()
        return Person.objects.filter(organisation=self.organisation).exclude(pk=person_id)

    def progress(self, person_id: int) -> Progress:
        """How much of this participant's rater progress the viewer sees."""
        if self.is_admin:
            return Progress.NAMES
        if self.sees_person(person_id):
            return Progress.COUNTS
        return Progress.NONE

    def may_read_report(self, person_id: int, *, managers_see_reports: bool) -> bool:
        """Read this person's released reports."""
        return (
            self.is_admin
            or person_id == self.person_id
            or person_id in self.coachees
            or (managers_see_reports and person_id in self.line)
        )

    def may_release(self, person_id: int, *, coach_may_release: bool) -> bool:
        """Release this participant's report once the campaign is closed."""
        return self.is_admin or (coach_may_release and person_id in self.coachees)


def viewer_for(user: AbstractBaseUser | AnonymousUser, organisation: Organisation) -> Viewer | None:
    """What ``user`` may see in ``organisation``; None when they have no role there."""
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user_id=user.pk, organisation=organisation)
        .select_related("person")
        .first()
    )
    if membership is None:
        return None
    person = membership.person
    line: frozenset[int] = frozenset()
    if person is not None and membership.role == Role.MANAGER:
        line = frozenset(line_of(person))
    coachees: frozenset[int] = frozenset()
    if membership.role == Role.COACH:
        coachees = frozenset(
            CoachAssignment.objects.filter(coach=membership).values_list("person_id", flat=True)
        )
    return Viewer(
        user_id=int(user.pk),
        organisation=organisation,
        role=membership.role,
        person_id=person.pk if person is not None else None,
        line=line,
        coachees=coachees,
    )


def require_viewer(user: AbstractBaseUser | AnonymousUser, slug: str) -> Viewer:
    """The viewer of the organisation ``slug``; 404 when it does not exist or is not theirs.

    Both cases look the same, so an address cannot be used to learn which
    organisations exist.
    """
    organisation = Organisation.objects.filter(slug=slug).first()
    viewer = viewer_for(user, organisation) if organisation is not None else None
    if viewer is None:
        raise Http404("No such organisation.")
    return viewer


def may_use_admin_site(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` may use Django's admin: the superusers who run the server, nobody else.

    The admin lists every organisation's rows at once, across every line drawn
    here between organisations and roles, so no role of Twofold's reaches it.
    Neither does Django's staff flag alone, which the admin would otherwise
    let in to whatever model permissions the account holds.
    """
    return user.is_active and bool(getattr(user, "is_superuser", False))


def organisations_of(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations in which ``user`` has a role."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user_id=user.pk).order_by("name")
