"""``--org SLUG``: which organisation a command works on, left out when there is only one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from twofold.cli.errors import InputError

if TYPE_CHECKING:
    from twofold.web.organisations.models import Organisation

org_option = click.option(
    "--org",
    "slug",
    metavar="SLUG",
    help="The organisation's short name; may be left out when there is only one.",
)


def chosen_organisation(slug: str | None) -> Organisation:
    """The organisation named by ``--org``, or the only one; exit 2 with the reason otherwise."""
    from twofold.web.organisations.models import Organisation
    from twofold.web.organisations.services import OrganisationError, choose_organisation

    try:
        return choose_organisation(slug)
    except OrganisationError as exc:
        hint = "" if Organisation.objects.exists() else " with `twofold org create NAME`"
        raise InputError(f"--org: {exc}{hint}") from None
