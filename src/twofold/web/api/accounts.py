"""API routes about the caller's own account."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from ninja import Field, Router, Schema

from twofold.web.accounts.models import Membership
from twofold.web.api.auth import SIGNED_IN
from twofold.web.api.errors import UNAUTHORIZED
from twofold.web.api.schemas import ErrorOut

if TYPE_CHECKING:
    from django.contrib.auth.models import User

router = Router(tags=["accounts"])


class OrganisationRole(Schema):
    slug: str = Field(description="The organisation's short name, as in /o/<slug>/.")
    name: str
    role: str = Field(description="admin, coach, manager or participant.")
    person_name: str | None = Field(
        description="The person of the organisation this account belongs to, if any."
    )


class MeOut(Schema):
    email: str
    name: str = Field(description="The account's name: its person's, or empty if it has none.")
    organisations: list[OrganisationRole]


@router.get("/me", response={200: MeOut, UNAUTHORIZED: ErrorOut}, auth=SIGNED_IN)
def me(request: HttpRequest) -> MeOut:
    """Who is calling: the account's email and name, and its role in each organisation."""
    user = cast("User", request.user)  # SIGNED_IN lets only an account through
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation", "person")
        .order_by("organisation__name", "organisation__slug")
    )
    organisations = [
        OrganisationRole(
            slug=m.organisation.slug,
            name=m.organisation.name,
            role=m.role,
            person_name=m.person.name if m.person is not None else None,
        )
        for m in memberships
    ]
    names = [o.person_name for o in organisations if o.person_name]
    return MeOut(
        email=user.email or user.get_username(),
        name=user.get_full_name() or (names[0] if names else ""),
        organisations=organisations,
    )
