"""Importing and exporting people on the web: administrators only.

An import is two steps. The upload is checked whole and previewed: every
problem with its line, or what the import would do. The file then waits in the
session (never on disk, never half-imported) and the confirmation imports
exactly that file, known by its SHA-256: a confirmation for a file that is no
longer waiting (imported already, or replaced by another preview in another
tab) imports nothing and says so.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from twofold.core.people import PeopleError, read_people_bytes
from twofold.web.accounts.access import Viewer, require_viewer
from twofold.web.audit import record
from twofold.web.audit.models import Action
from twofold.web.organisations import services
from twofold.web.organisations.forms import PeopleFileForm
from twofold.web.organisations.models import Person
from twofold.web.organisations.people_files import CONTENT_TYPES, csv_bytes, xlsx_bytes
from twofold.web.translation import translated

#: Where a previewed file waits for its confirmation.
PENDING = "organisations.pending_people_file"


def _administrator(request: HttpRequest, slug: str) -> Viewer:
    """The viewer, if they administer the organisation; otherwise the page does not exist."""
    viewer = require_viewer(request.user, slug)
    if not viewer.may_administer():
        raise Http404("No such page.")
    return viewer


@login_required
@require_http_methods(["GET", "POST"])
def import_people(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = _administrator(request, slug)
    action = request.POST.get("action")
    if request.method == "GET" or action == "cancel":
        # Starting again, or not at all: a file waiting from before is dropped.
        request.session.pop(PENDING, None)
        if action == "cancel":
            return redirect("organisations:people", slug=slug)
        return _upload_page(request, viewer, PeopleFileForm())
    if action == "confirm":
        return _confirm(request, viewer)
    form = PeopleFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, viewer, form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    name = PurePath(upload.name or "people.csv").name
    request.session.pop(PENDING, None)
    try:
        people = read_people_bytes(data, name)
    except PeopleError as exc:
        return _upload_page(
            request,
            viewer,
            PeopleFileForm(),
            problems=[translated(p) for p in exc.problems],
            filename=name,
            status=400,
        )
    summary = services.import_people(viewer.organisation, people, dry_run=True)
    digest = hashlib.sha256(data).hexdigest()
    request.session[PENDING] = {
        "slug": slug,
        "name": name,
        "digest": digest,
        "data": base64.b64encode(data).decode("ascii"),
    }
    context = {
        **_page(viewer),
        "filename": name,
        "digest": digest,
        **_preview(viewer, people, summary),
    }
    return render(request, "organisations/import_preview.html", context)


def _confirm(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    """Import the file that was previewed, and only that one."""
    pending = request.session.get(PENDING)
    if (
        not isinstance(pending, dict)
        or pending.get("slug") != viewer.organisation.slug
        or pending.get("digest") != request.POST.get("digest")
    ):
        return _upload_page(request, viewer, PeopleFileForm(), gone=True, status=409)
    name = pending["name"]
    try:
        people = read_people_bytes(base64.b64decode(pending["data"]), name)
    except PeopleError as exc:  # only if the checks changed since the preview
        request.session.pop(PENDING, None)
        return _upload_page(
            request,
            viewer,
            PeopleFileForm(),
            problems=[translated(p) for p in exc.problems],
            filename=name,
            status=400,
        )
    organisation = viewer.organisation
    with transaction.atomic():
        summary = services.import_people(organisation, people)
        counts = services.summary_text(summary)
        record(
            organisation,
            request.user,
            Action.PEOPLE_IMPORTED,
            object_type="organisation",
            object_id=organisation.pk,
            summary=f"{name}: {counts}",
        )
    request.session.pop(PENDING, None)
    messages.success(
        request, _("Imported %(file)s: %(counts)s.") % {"file": name, "counts": counts}
    )
    return redirect("organisations:people", slug=organisation.slug)


def _page(viewer: Viewer) -> dict[str, Any]:
    return {"viewer": viewer, "organisation": viewer.organisation, "section": "import"}


def _upload_page(
    request: HttpRequest,
    viewer: Viewer,
    form: PeopleFileForm,
    *,
    problems: list[str] | None = None,
    filename: str = "",
    gone: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        **_page(viewer),
        "form": form,
        "problems": problems or [],
        "filename": filename,
        "gone": gone,
    }
    return render(request, "organisations/import.html", context, status=status)


def _preview(viewer: Viewer, people: list[Any], summary: services.ImportSummary) -> dict[str, Any]:
    """The summary with names beside the addresses, and field names in words."""
    names = {p.email: p.name for p in people}
    left_out = dict(
        Person.objects.filter(
            organisation=viewer.organisation, email__in=summary.not_in_file
        ).values_list("email", "name")
    )
    labels = services.FIELD_LABELS
    return {
        "summary": summary,
        "created": [(names[e], e) for e in summary.created],
        "updated": [(c.name, c.email, [labels[f] for f in c.fields]) for c in summary.updated],
        "not_in_file": [(left_out.get(e, ""), e) for e in summary.not_in_file],
    }


@login_required
@require_GET
def export_people(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's people as a download, in the shape the import reads."""
    viewer = _administrator(request, slug)
    file_format = request.GET.get("format", "csv")
    if file_format not in CONTENT_TYPES:
        raise BadRequest("format must be csv or xlsx")
    organisation = viewer.organisation
    rows = services.export_people(organisation)
    data = xlsx_bytes(rows) if file_format == "xlsx" else csv_bytes(rows)
    count = len(rows) - 1
    record(
        organisation,
        request.user,
        Action.PEOPLE_EXPORTED,
        object_type="organisation",
        object_id=organisation.pk,
        summary=ngettext("%(count)d person as %(format)s", "%(count)d people as %(format)s", count)
        % {"count": count, "format": file_format.upper()},
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = (
        f'attachment; filename="{organisation.slug}-people.{file_format}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
