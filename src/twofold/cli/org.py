"""``twofold org``: create and list organisations, and give one its administrators."""

from __future__ import annotations

import click

from twofold.cli.database import open_database
from twofold.cli.errors import InputError
from twofold.cli.org_choice import chosen_organisation, org_option
from twofold.core.words import counted

#: What each field of an organisation is called on the command line.
OPTION_OF = {"name": "NAME", "slug": "--slug", "organisation": "--org"}


@click.group(name="org")
def org() -> None:
    """Create and list organisations, and give one its administrators."""


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
        f"created {organisation.name} ({organisation.slug}); give it an administrator with "
        f"`twofold org admin EMAIL --org {organisation.slug}`, and import its people with "
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


@org.command(name="admin")
@click.argument("email")
@org_option
def admin(email: str, slug: str | None) -> None:
    """Make the account of EMAIL an administrator (HR) of an organisation.

    This is how an organisation gets its first administrator; later ones can
    be invited on its "Accounts and roles" page. An account is made when EMAIL has none,
    and tied to the organisation's person of that address if there is one.
    The command prints a link with which the account chooses its password:
    hand it to them yourself. It works for a few days; after that, the sign-in
    page's "Forgot your password" link sends a new one by email. Links start
    with SITE_URL (see docs/configuration.md).
    """
    open_database()
    from twofold.web.accounts.emails import link_days, password_link, site_link
    from twofold.web.accounts.services import AccountEmailError, make_administrator

    organisation = chosen_organisation(slug)
    try:
        membership, created = make_administrator(organisation, email, actor=None)
    except AccountEmailError as exc:
        raise InputError(f"EMAIL: {exc}") from None
    user = membership.user
    where = f"{organisation.name} ({organisation.slug})"
    made = "made an account for" if created else "found the account of"
    click.echo(f"{made} {user.email or user.get_username()}, an administrator of {where}")
    if user.has_usable_password():
        click.echo(f"it already has a password: sign in at {site_link('accounts:login')}")
        return
    days = counted(link_days(), "day")
    click.echo(f"to choose a password (this link works for {days}), open:")
    click.echo(f"  {password_link(user, 'accounts:set_password')}")
