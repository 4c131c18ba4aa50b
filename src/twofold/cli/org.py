"""``twofold org``: create and list organisations."""

from __future__ import annotations

import click

from twofold.cli.database import open_database
from twofold.cli.errors import InputError
from twofold.core.words import counted

#: What each field of an organisation is called on the command line.
OPTION_OF = {"name": "NAME", "slug": "--slug", "organisation": "--org"}


@click.group(name="org")
def org() -> None:
    """Create and list organisations."""


@org.command(name="create")
@click.argument("name")
@click.option(
    "--slug",
    help="Short name in the organisation's addresses, such as acme-ltd (default: made from NAME).",
)
def create(name: str, slug: str | None) -> None:
    """Create an organisation called NAME."""
    open_database()
    from twofold.web.organisations.services import OrganisationError, create_organisation

    try:
        organisation = create_organisation(name, slug)
    except OrganisationError as exc:
        raise InputError(f"{OPTION_OF[exc.field]}: {exc}") from None
    click.echo(
        f"created {organisation.name} ({organisation.slug}); import its people with "
        f"`twofold people import FILE --org {organisation.slug}`"
    )


@org.command(name="list")
def list_() -> None:
    """List the organisations: short name, name and how many people each has."""
    open_database()
    from django.db.models import Count

    from twofold.web.organisations.models import Organisation

    organisations = Organisation.objects.annotate(headcount=Count("people")).order_by("slug")
    if not organisations:
        click.echo("no organisations yet; create one with `twofold org create NAME`")
        return
    slug_width = max(len(o.slug) for o in organisations)
    name_width = max(len(o.name) for o in organisations)
    for o in organisations:
        people = counted(o.headcount, "person", "people")
        click.echo(f"{o.slug:<{slug_width}}  {o.name:<{name_width}}  {people}")
