"""Django's admin for assessments: what exists, never what anyone answered.

No page of the admin shows a response set's answers or comments (the
participant's own included), nor a link token that would open them, and
nothing here changes or deletes a response set: answers reach people only as
released group results. The admin is read-only for these tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from twofold.web.assessments.models import Assessment, ResponseSet

if TYPE_CHECKING:
    _AssessmentAdmin = admin.ModelAdmin[Assessment]
    _ResponseSetAdmin = admin.ModelAdmin[ResponseSet]
    _ResponseSetInline = admin.TabularInline[ResponseSet, Assessment]
else:
    _AssessmentAdmin = _ResponseSetAdmin = admin.ModelAdmin
    _ResponseSetInline = admin.TabularInline


class ReadOnly:
    """View only: no adding, changing or deleting, no bulk actions, no probing filters."""

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        """Only the filters the page offers.

        Django also accepts any lookup on a model's own columns in the address
        (``?comments__icontains=…``), which would let someone probe what raters
        wrote by counting the rows that match.
        """
        field, *rest = lookup.split("__")
        offered = getattr(self, "list_filter", ())
        return field in offered and rest in ([], ["exact"], ["isnull"])

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ResponseSetInline(ReadOnly, _ResponseSetInline):
    model = ResponseSet
    extra = 0
    fields = ("rater_role", "instrument_id", "instrument_version", "is_submitted")
    readonly_fields = fields


@admin.register(Assessment)
class AssessmentAdmin(ReadOnly, _AssessmentAdmin):
    list_display = ("__str__", "instrument_id", "instrument_version", "is_demo", "completed_at")
    list_filter = ("is_demo", "instrument_id")
    search_fields = ("subject_name",)
    # Not the report's link: reading a report goes through pages that record it.
    fields = ("subject_name", "instrument_id", "instrument_version", "is_demo", "created_at")
    readonly_fields = fields
    inlines = (ResponseSetInline,)
    view_on_site = False


@admin.register(ResponseSet)
class ResponseSetAdmin(ReadOnly, _ResponseSetAdmin):
    list_display = ("__str__", "rater_role", "is_submitted")
    list_filter = ("rater_role",)
    fields = ("assessment", "rater_role", "instrument_id", "instrument_version", "is_submitted")
    readonly_fields = fields
