"""Who works in an organisation: its people, their teams and the line of managers.

Design
------
* An :class:`Organisation` holds everything else: people, teams, accounts'
  roles, campaigns. Nothing is shared between organisations, and every query
  of the other apps starts from one organisation.
* A :class:`Person` is someone the organisation knows by email: a participant,
  a rater, a manager. A person need not have an account; raters never do. The
  email address is their identity within the organisation (stored lower-case),
  so importing the same people file twice matches the same people.
* The manager line is ``Person.manager``; a person's line is everyone below
  them. ``Person.team`` is team membership (one team per person, as in most
  HR systems' exports). A role profile (what a job demands of each practice)
  will be a new table that people point at; nothing here has to change for it.
* This app imports no other Twofold app: accounts, campaigns and the audit log
  point at it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twofold.core.people import MAX_EMAIL


class Organisation(models.Model):
    """A company, a department running its own 360s, or a coach's practice."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A named group of people; team reports will be built on it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ("name",)
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = (
            models.UniqueConstraint(fields=("organisation", "name"), name="unique_team_name"),
        )

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone in the organisation, identified by their email address."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    # Anyone here may be given an account, which signs in with this address:
    # Django's accounts keep 150 characters of it (see twofold.core.people.MAX_EMAIL).
    email = models.EmailField(_("email"), max_length=MAX_EMAIL)
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "email")
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = (
            models.UniqueConstraint(fields=("organisation", "email"), name="unique_person_email"),
        )

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def line_of(person: Person) -> set[int]:
    """Ids of everyone below ``person`` in the manager line (not the person).

    One query for the organisation's manager links, then a walk in memory:
    an organisation's chart fits in memory easily, and the walk stops at a
    loop instead of running forever (imports refuse loops; this is a guard).
    """
    links = Person.objects.filter(organisation_id=person.organisation_id).values_list(
        "id", "manager_id"
    )
    reports: dict[int, list[int]] = {}
    for pid, manager_id in links:
        if manager_id is not None:
            reports.setdefault(manager_id, []).append(pid)
    below: set[int] = set()
    stack = list(reports.get(person.pk, []))
    while stack:
        pid = stack.pop()
        if pid in below or pid == person.pk:
            continue
        below.add(pid)
        stack.extend(reports.get(pid, []))
    return below
