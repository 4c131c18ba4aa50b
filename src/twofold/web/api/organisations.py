"""API routes of organisations and their people, for signed-in callers.

Each route asks :mod:`twofold.web.accounts.access` what the caller may see:
an organisation the caller has no role in, and a person they may not see,
are answered exactly as ones that do not exist (404), so the API cannot be
used to learn which exist. A person is given in the fields of a people file
(:mod:`twofold.core.people`), with their id.
"""

from __future__ import annotations

import re
from typing import Annotated

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema

from twofold.web.accounts.access import Viewer, require_viewer
from twofold.web.accounts.models import Membership
from twofold.web.api.auth import SIGNED_IN
from twofold.web.api.errors import NOT_FOUND, UNAUTHORIZED, UNPROCESSABLE, ApiError
from twofold.web.api.schemas import ErrorOut
from twofold.web.organisations.models import Person

router = Router(tags=["organisations"], auth=SIGNED_IN)

#: The largest id a database row can have (a signed 64-bit integer).
MAX_ID = 2**63 - 1
#: What a short name can look like in an address (Django's ``slug`` path converter).
SLUG_SHAPE = re.compile(r"[-a-zA-Z0-9_]{1,60}")


class OrganisationOut(Schema):
    slug: str = Field(description="Short name, as in the organisation's addresses.")
    name: str
    role: str = Field(description="The caller's role there: admin, coach, manager or participant.")


class PersonOut(Schema):
    id: int
    name: str
    email: str
    manager_email: str | None = Field(description="Their manager's email; null at the top.")
    team: str | None = Field(description="Their team's name; null when in none.")
    job_title: str = Field(description="Empty when unknown.")


def _viewer(request: HttpRequest, slug: str) -> Viewer:
    """The caller in the organisation ``slug``; 404 when it does not exist or is not theirs."""
    # A value of another shape is not looked up (PostgreSQL refuses a NUL in a query).
    if SLUG_SHAPE.fullmatch(slug):
        try:
            return require_viewer(_caller(request), slug)
        except Http404:
            pass
    raise ApiError(NOT_FOUND, "No such organisation.")


def _caller(request: HttpRequest) -> AbstractBaseUser:
    user: AbstractBaseUser = request.auth  # type: ignore[attr-defined]  # set by SIGNED_IN
    return user


def _person_out(person: Person) -> PersonOut:
    return PersonOut(
        id=person.pk,
        name=person.name,
        email=person.email,
        manager_email=person.manager.email if person.manager else None,
        team=person.team.name if person.team else None,
        job_title=person.job_title,
    )


@router.get("/organisations", response={200: list[OrganisationOut], UNAUTHORIZED: ErrorOut})
def list_organisations(request: HttpRequest) -> list[OrganisationOut]:
    """The organisations the caller has a role in, with that role."""
    memberships = (
        Membership.objects.filter(user_id=_caller(request).pk)
        .select_related("organisation")
        .order_by("organisation__name", "organisation__slug")
    )
    return [
        OrganisationOut(slug=m.organisation.slug, name=m.organisation.name, role=m.role)
        for m in memberships
    ]


@router.get(
    "/organisations/{slug}/people",
    response={200: list[PersonOut], UNAUTHORIZED: ErrorOut, NOT_FOUND: ErrorOut},
)
def list_people(request: HttpRequest, slug: str) -> list[PersonOut]:
    """The people of the organisation the caller may see, by name."""
    viewer = _viewer(request, slug)
    people = viewer.people().select_related("team", "manager").order_by("name", "email")
    return [_person_out(person) for person in people]


@router.get(
    "/organisations/{slug}/people/{person_id}",
    response={200: PersonOut, UNAUTHORIZED: ErrorOut, NOT_FOUND: ErrorOut, UNPROCESSABLE: ErrorOut},
)
def get_person(
    request: HttpRequest, slug: str, person_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> PersonOut:
    """One person the caller may see."""
    viewer = _viewer(request, slug)
    person = (
        Person.objects.select_related("team", "manager")
        .filter(pk=person_id, organisation=viewer.organisation)
        .first()
        if viewer.sees_person(person_id)
        else None
    )
    if person is None:
        raise ApiError(NOT_FOUND, "No such person.")
    return _person_out(person)
