from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from twofold.web.assessments.models import Assessment, ResponseSet

if TYPE_CHECKING:
    _AssessmentAdmin = admin.ModelAdmin[Assessment]
    _ResponseSetAdmin = admin.ModelAdmin[ResponseSet]
    _ResponseSetInline = admin.TabularInline[ResponseSet, Assessment]
else:
    _AssessmentAdmin = _ResponseSetAdmin = admin.ModelAdmin
    _ResponseSetInline = admin.TabularInline


class ResponseSetInline(_ResponseSetInline):
    model = ResponseSet
    extra = 0
    fields = ("rater_role", "instrument_id", "instrument_version", "started_at", "submitted_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Assessment)
class AssessmentAdmin(_AssessmentAdmin):
    list_display = ("__str__", "instrument_id", "instrument_version", "is_demo", "completed_at")
    list_filter = ("is_demo", "instrument_id")
    search_fields = ("subject_name",)
    readonly_fields = ("report_token", "created_at", "completed_at")
    inlines = (ResponseSetInline,)


@admin.register(ResponseSet)
class ResponseSetAdmin(_ResponseSetAdmin):
    list_display = ("__str__", "rater_role", "started_at", "submitted_at")
    list_filter = ("rater_role",)
    readonly_fields = ("respond_token", "started_at", "updated_at", "submitted_at")
