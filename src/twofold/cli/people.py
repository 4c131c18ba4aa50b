"""``twofold people``: import and export the people of an organisation.

Both take ``--org SLUG``, which may be left out when there is only one
organisation. Both write an event to the organisation's audit log, with no
actor: the command line is run by whoever runs the server.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from twofold.cli.database import open_database
from twofold.cli.errors import InputError, reported
from twofold.cli.org_choice import chosen_organisation, org_option
from twofold.core.words import counted

if TYPE_CHECKING:
    from twofold.web.organisations.services import ImportSummary

FORMATS = ("csv", "xlsx")
FROM_THE_COMMAND_LINE = "from the command line"


@click.group(name="people")
def people() -> None:
    """Import and export an organisation's people (CSV or Excel)."""


@people.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@org_option
@click.option(
    "--dry-run", is_flag=True, help="Check the file and say what would change; change nothing."
)
def import_(file: str, slug: str | None, dry_run: bool) -> None:
    """Create and update an organisation's people from a CSV or Excel (.xlsx) FILE.

    The columns are name and email (both required), manager_email, team and
    job_title; a CSV may be separated by commas, semicolons or tabs. People
    are matched by email: those in the file are created or updated in place,
    those only in Twofold are left as they are. Every manager must be in the
    file. An account made before its person (by `twofold org admin`) is tied
    to the person of its address. A file with any bad row imports nothing, and
    every problem is listed with its line. Importing the same file again
    changes nothing.
    """
    open_database()
    from django.db import transaction

    from twofold.core.people import PeopleError, read_people_file
    from twofold.web.audit import record
    from twofold.web.audit.models import Action
    from twofold.web.organisations.services import import_people, summary_text

    organisation = chosen_organisation(slug)
    try:
        rows = read_people_file(file)
    except PeopleError as exc:
        for problem in exc.problems:
            click.echo(f"{exc.source}: {problem}", err=True)
        raise InputError(
            f"found {counted(len(exc.problems), 'problem')} in {exc.source}; nothing was imported"
        ) from None
    with transaction.atomic():
        summary = import_people(organisation, rows, dry_run=dry_run)
        if not dry_run:
            record(
                organisation,
                None,
                Action.PEOPLE_IMPORTED,
                object_type="organisation",
                object_id=organisation.pk,
                summary=f"{Path(file).name}, {FROM_THE_COMMAND_LINE}: {summary_text(summary)}",
            )
    where = f"{organisation.name} ({organisation.slug})"
    if dry_run:
        click.echo(f"dry run, nothing was imported: {file} into {where} would give")
    else:
        click.echo(f"imported {file} into {where}:")
    click.echo(f"  {summary_text(summary)}")
    for line in _details(summary):
        click.echo(f"  {line}")


def _details(summary: ImportSummary) -> list[str]:
    """Who changes and how, and who the file leaves out: what a person checks after an import."""
    from twofold.web.organisations.services import FIELD_LABELS

    verb = "would update" if summary.dry_run else "updated"
    lines = [
        f"{verb} {c.email}: {', '.join(str(FIELD_LABELS[f]) for f in c.fields)}"
        for c in summary.updated
    ]
    if summary.teams_created:
        lines.append(f"new teams: {', '.join(summary.teams_created)}")
    if summary.not_in_file:
        lines.append(f"not in the file, left as they are: {', '.join(summary.not_in_file)}")
    return lines


@people.command(name="export")
@org_option
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    help="csv or xlsx (default: xlsx when --out ends in .xlsx, else csv).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="File to write (default: CSV on standard output).",
)
def export(slug: str | None, format_: str | None, out: str | None) -> None:
    """Write an organisation's people in the shape `twofold people import` reads.

    Importing the export again changes nothing. A CSV file is written in UTF-8
    with the byte-order mark Excel needs to read it as such; on standard
    output it has none. A file written with --out is readable by its owner
    only: it holds people's names and addresses.
    """
    if format_ is None:
        format_ = "xlsx" if out and out.lower().endswith(".xlsx") else "csv"
    if format_ == "xlsx" and out is None:
        raise InputError("--format xlsx: a workbook cannot go to the terminal; add --out FILE.xlsx")
    open_database()
    from twofold.web.audit import record
    from twofold.web.audit.models import Action
    from twofold.web.organisations.people_files import csv_bytes, csv_text, xlsx_bytes
    from twofold.web.organisations.services import export_people

    organisation = chosen_organisation(slug)
    rows = export_people(organisation)
    if out is None:
        click.echo(csv_text(rows), nl=False)
    else:
        with reported():
            _write(Path(out), xlsx_bytes(rows) if format_ == "xlsx" else csv_bytes(rows))
    people = counted(len(rows) - 1, "person", "people")
    record(
        organisation,
        None,
        Action.PEOPLE_EXPORTED,
        object_type="organisation",
        object_id=organisation.pk,
        summary=f"{people} as {format_.upper()}, {FROM_THE_COMMAND_LINE}",
    )
    if out is not None:
        click.echo(
            f"exported {people} of {organisation.name} ({organisation.slug}) to {out}", err=True
        )


def _write(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a failed export never leaves half a file behind.

    The file is readable by its owner only, as it holds people's names and addresses.
    """
    if not path.parent.is_dir():
        raise InputError(f"--out: there is no folder {path.parent}")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
