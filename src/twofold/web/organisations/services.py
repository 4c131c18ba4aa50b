"""Organisations and their people: create one, import a people file, export it again.

Thin functions over the models, for the CLI, the web pages and the API alike;
none of them knows about HTTP or the terminal. The people file itself (its
columns, and every check that needs only the file) is the core's:
:mod:`twofold.core.people`.

What an import can and cannot do to the people already in Twofold
------------------------------------------------------------------
People are matched by email address. Someone in the file and in Twofold is
updated in place (name, team, job title, manager); someone only in the file is
created; someone only in Twofold is left exactly as they are, manager included,
and the summary names them. The core refuses a file whose managers are not all
in the file, so the file alone decides the manager of everyone in it, and
nobody outside it can be anyone's manager in it: a manager line that leaves
the file never comes back into it, and an import cannot close a loop through
people it leaves alone. Nothing else about the stored people can make a valid
file fail: emails are unique in the file and matched case-blind, teams are
matched by name case-blind (so "Sales" and "sales" are one team, under the
first spelling seen), and two imports at once into one organisation take turns
(the organisation's row is locked for the import's transaction).

An account may come before its person: ``twofold org admin`` gives a new
organisation its administrator before anyone is imported. An import ties
every account of the organisation that has no person to the person of its
email address, so the account is someone there (it shows their name, and the
pages and rules that go by person see it as them).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from twofold.core import people as people_file
from twofold.core.errors import TwofoldError
from twofold.web.organisations.models import Organisation, Person, Team
from twofold.web.organisations.signals import people_imported

#: The fields an import sets on a person, in the order a summary names them.
IMPORTED_FIELDS = ("name", "team", "job_title", "manager")
#: Those fields in words, for a person to read.
FIELD_LABELS = {
    "name": gettext_lazy("name"),
    "team": gettext_lazy("team"),
    "job_title": gettext_lazy("job title"),
    "manager": gettext_lazy("manager"),
}

#: Lower-case letters and digits, in words joined by single hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BATCH = 500


class OrganisationError(TwofoldError):
    """An organisation cannot be created or found as asked; the message says why.

    ``field`` names what was wrong (``name``, ``slug`` or ``organisation``), so
    an edge can point at its own input for it: an option, a form field.
    """

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class PersonChange:
    """Someone the import updates, and which of :data:`IMPORTED_FIELDS` change."""

    email: str
    name: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, or (``dry_run``) would do. People are named by email, in file order."""

    created: tuple[str, ...]
    updated: tuple[PersonChange, ...]
    unchanged: tuple[str, ...]
    teams_created: tuple[str, ...]
    #: People in Twofold whom the file leaves out; the import leaves them as they are.
    not_in_file: tuple[str, ...]
    dry_run: bool = False
    #: Accounts of the organisation with no person, tied to the person of their address.
    accounts_tied: tuple[str, ...] = ()

    @property
    def changes_anything(self) -> bool:
        return bool(self.created or self.updated or self.teams_created or self.accounts_tied)


def slug_for(name: str) -> str:
    """The short name made from an organisation's name: ``"Acme Ltd."`` → ``"acme-ltd"``."""
    max_length = Organisation._meta.get_field("slug").max_length or 60
    return slugify(name)[:max_length].strip("-")


def create_organisation(name: str, slug: str | None = None) -> Organisation:
    """A new organisation; its short name is made from ``name`` unless ``slug`` is given.

    Raises
    ------
    OrganisationError
        For an empty or unusable name or short name, or a short name that
        another organisation has (never a number added to make it unique: the
        short name is in every address of the organisation, so the user picks it).
    """
    name = name.strip()
    max_name = Organisation._meta.get_field("name").max_length or 200
    if not name:
        raise OrganisationError(_("the name is empty"), "name")
    if len(name) > max_name or _CONTROL.search(name):
        raise OrganisationError(
            _("the name must be one line of at most %(max)d characters") % {"max": max_name},
            "name",
        )
    if slug is None:
        slug = slug_for(name)
        if not slug:
            raise OrganisationError(
                _("no short name can be made from '%(name)s'; give one") % {"name": name},
                "slug",
            )
    slug = slug.strip().lower()
    max_slug = Organisation._meta.get_field("slug").max_length or 60
    if not SLUG.match(slug) or len(slug) > max_slug:
        raise OrganisationError(
            _(
                "the short name '%(slug)s' must be lower-case letters and digits, in words "
                "joined by hyphens, at most %(max)d characters (such as acme-ltd)"
            )
            % {"slug": slug, "max": max_slug},
            "slug",
        )
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, slug=slug)
    except IntegrityError:
        taken = Organisation.objects.filter(slug=slug).first()
        raise OrganisationError(
            _("the short name '%(slug)s' is taken by %(name)s; choose another")
            % {"slug": slug, "name": taken.name if taken else slug},
            "slug",
        ) from None


def choose_organisation(slug: str | None) -> Organisation:
    """The organisation ``slug``, or the only one there is when ``slug`` is None.

    Raises
    ------
    OrganisationError
        When there is no such organisation, none at all, or several and no
        ``slug`` to choose; the message lists the short names there are.
    """
    slugs = list(Organisation.objects.order_by("slug").values_list("slug", flat=True))
    if not slugs:
        raise OrganisationError(_("there is no organisation yet; create one first"), "organisation")
    if slug is None and len(slugs) == 1:
        return Organisation.objects.get(slug=slugs[0])
    if slug is not None and slug in slugs:
        return Organisation.objects.get(slug=slug)
    listing = ", ".join(slugs)
    if slug is None:
        raise OrganisationError(
            ngettext(
                "there is %(count)d organisation; choose one of: %(slugs)s",
                "there are %(count)d organisations; choose one of: %(slugs)s",
                len(slugs),
            )
            % {"count": len(slugs), "slugs": listing},
            "organisation",
        )
    raise OrganisationError(
        _("no organisation is called '%(slug)s'; choose one of: %(slugs)s")
        % {"slug": slug, "slugs": listing},
        "organisation",
    )


def import_people(
    organisation: Organisation,
    people: Sequence[people_file.Person],
    *,
    dry_run: bool = False,
) -> ImportSummary:
    """Bring the organisation's people in line with a checked people file, all or nothing.

    ``people`` comes from :func:`twofold.core.people.parse_people` (or its
    file readers), which has refused every bad row already. Teams named in the
    file are created as needed; a manager is set once everyone exists. A
    person whose every field already matches the file is not written at all
    (their ``updated_at`` stays), so importing the same file twice changes
    nothing the second time. An account of the organisation with no person
    is tied to the person of its email address, once that person exists.
    With ``dry_run`` nothing is written and the summary says what would happen.
    """
    with transaction.atomic():
        if not dry_run:
            # Imports into one organisation take turns (a no-op on SQLite, whose
            # writes are serialised anyway).
            Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        stored = {p.email: p for p in Person.objects.filter(organisation=organisation)}
        email_of = {p.pk: email for email, p in stored.items()}
        teams: dict[str, Team] = {}
        for team in Team.objects.filter(organisation=organisation).order_by("pk"):
            teams.setdefault(team.name.casefold(), team)
        in_file = {p.email for p in people}
        created, updated, unchanged = [], [], []
        for row in people:
            if row.email not in stored:
                created.append(row.email)
            elif fields := _changed(stored[row.email], row, teams, email_of):
                updated.append(PersonChange(row.email, row.name, fields))
            else:
                unchanged.append(row.email)
        summary = ImportSummary(
            created=tuple(created),
            updated=tuple(updated),
            unchanged=tuple(unchanged),
            teams_created=tuple(_new_teams(people, teams)),
            not_in_file=tuple(sorted(e for e in stored if e not in in_file)),
            dry_run=dry_run,
        )
        if not dry_run:
            _apply(organisation, people, summary, stored, teams)
        answers = people_imported.send(
            sender=Organisation,
            organisation=organisation,
            emails=frozenset({*stored, *in_file}),
            dry_run=dry_run,
        )
        # Each receiver answers with a tuple of addresses (the stubs say str | None).
        tied = tuple(
            address for _, addresses in answers for address in cast("tuple[str, ...]", addresses)
        )
    return dataclasses.replace(summary, accounts_tied=tied)


def _new_teams(people: Sequence[people_file.Person], teams: dict[str, Team]) -> list[str]:
    """Team names of the file that no team has yet, each once, under its first spelling."""
    new: dict[str, str] = {}
    for person in people:
        key = person.team.casefold()
        if person.team and key not in teams:
            new.setdefault(key, person.team)
    return list(new.values())


def _changed(
    stored: Person,
    row: people_file.Person,
    teams: dict[str, Team],
    email_of: dict[int, str],
) -> tuple[str, ...]:
    """Which of :data:`IMPORTED_FIELDS` of a stored person the file's row changes."""
    now = {
        "name": stored.name,
        "team": stored.team_id,
        "job_title": stored.job_title,
        "manager": email_of.get(stored.manager_id) if stored.manager_id else None,
    }
    wanted = {
        "name": row.name,
        "team": _team_key(row, teams),
        "job_title": row.job_title,
        "manager": row.manager_email,
    }
    return tuple(field for field in IMPORTED_FIELDS if now[field] != wanted[field])


def _team_key(row: people_file.Person, teams: dict[str, Team]) -> int | str | None:
    """The id of the row's team; the name of a team the import creates (never a stored
    person's ``team_id``, so joining it is a change); None for no team."""
    if not row.team:
        return None
    team = teams.get(row.team.casefold())
    return team.pk if team is not None else row.team.casefold()


def _apply(
    organisation: Organisation,
    people: Sequence[people_file.Person],
    summary: ImportSummary,
    stored: dict[str, Person],
    teams: dict[str, Team],
) -> None:
    """Write what ``summary`` says: teams, then people, then manager links."""
    for name in summary.teams_created:
        teams[name.casefold()] = Team.objects.create(organisation=organisation, name=name)
    rows = {p.email: p for p in people}

    def team_of(row: people_file.Person) -> Team | None:
        return teams[row.team.casefold()] if row.team else None

    created = Person.objects.bulk_create(
        [
            Person(
                organisation=organisation,
                name=rows[email].name,
                email=email,
                team=team_of(rows[email]),
                job_title=rows[email].job_title,
            )
            for email in summary.created
        ],
        batch_size=_BATCH,
    )
    everyone = {**stored, **{p.email: p for p in created}}
    now = timezone.now()
    updated = []
    for change in summary.updated:
        person, row = everyone[change.email], rows[change.email]
        person.name, person.team, person.job_title = row.name, team_of(row), row.job_title
        person.manager = everyone[row.manager_email] if row.manager_email else None
        person.updated_at = now
        updated.append(person)
    Person.objects.bulk_update(updated, [*IMPORTED_FIELDS, "updated_at"], batch_size=_BATCH)
    managed = []
    for person in created:
        manager_email = rows[person.email].manager_email
        if manager_email:
            person.manager = everyone[manager_email]
            managed.append(person)
    Person.objects.bulk_update(managed, ["manager"], batch_size=_BATCH)


def summary_text(summary: ImportSummary) -> str:
    """The counts of an import in one line: "3 people created, 2 updated, 40 unchanged"."""
    parts = [
        ngettext("%(count)d person created", "%(count)d people created", len(summary.created))
        % {"count": len(summary.created)},
        ngettext("%(count)d updated", "%(count)d updated", len(summary.updated))
        % {"count": len(summary.updated)},
        ngettext("%(count)d unchanged", "%(count)d unchanged", len(summary.unchanged))
        % {"count": len(summary.unchanged)},
    ]
    if summary.teams_created:
        count = len(summary.teams_created)
        parts.append(
            ngettext("%(count)d team created", "%(count)d teams created", count) % {"count": count}
        )
    if summary.not_in_file:
        count = len(summary.not_in_file)
        parts.append(
            ngettext(
                "%(count)d person not in the file left as they are",
                "%(count)d people not in the file left as they are",
                count,
            )
            % {"count": count}
        )
    if summary.accounts_tied:
        count = len(summary.accounts_tied)
        parts.append(
            ngettext(
                "%(count)d account tied to its person",
                "%(count)d accounts tied to their people",
                count,
            )
            % {"count": count}
        )
    return ", ".join(parts)


def export_people(organisation: Organisation) -> list[list[str]]:
    """The organisation's people as the rows of a people file, header first.

    The shape :func:`import_people` reads, so importing an export changes nothing.
    """
    people = (
        Person.objects.filter(organisation=organisation)
        .select_related("team", "manager")
        .order_by("name", "email")
    )
    return people_file.people_rows(
        [
            people_file.Person(
                line=line,
                name=p.name,
                email=p.email,
                manager_email=p.manager.email if p.manager else None,
                team=p.team.name if p.team else "",
                job_title=p.job_title,
            )
            for line, p in enumerate(people, start=2)
        ]
    )
