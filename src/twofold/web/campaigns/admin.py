"""Django's admin for campaigns: who was asked and what state things are in, read-only.

An invitation shows its status and who was asked, never its response set
nor its link; released responses are not in the admin at all. Campaigns are
run, and their rules changed, through Twofold's pages, which check every
permission and write the audit log, so the admin only looks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from twofold.web.assessments.admin import ReadOnly
from twofold.web.campaigns.models import Campaign, Invitation, Participant, Release

if TYPE_CHECKING:
    _CampaignAdmin = admin.ModelAdmin[Campaign]
    _ParticipantAdmin = admin.ModelAdmin[Participant]
    _InvitationAdmin = admin.ModelAdmin[Invitation]
    _ReleaseAdmin = admin.ModelAdmin[Release]
else:
    _CampaignAdmin = _ParticipantAdmin = _InvitationAdmin = _ReleaseAdmin = admin.ModelAdmin


@admin.register(Campaign)
class CampaignAdmin(ReadOnly, _CampaignAdmin):
    list_display = ("name", "organisation", "status", "deadline")
    list_filter = ("status",)
    search_fields = ("name",)
    fields = (
        "organisation",
        "name",
        "instrument_id",
        "instrument_version",
        "status",
        "deadline",
        "policy",
        "coach_may_release",
        "managers_see_reports",
        "created_at",
        "opened_at",
        "closed_at",
    )
    readonly_fields = fields


@admin.register(Participant)
class ParticipantAdmin(ReadOnly, _ParticipantAdmin):
    list_display = ("person", "campaign")
    fields = ("campaign", "person", "added_at")
    readonly_fields = fields


@admin.register(Invitation)
class InvitationAdmin(ReadOnly, _InvitationAdmin):
    list_display = ("name", "email", "group", "status", "participant")
    list_filter = ("status", "group")
    search_fields = ("name", "email")
    fields = ("participant", "group", "name", "email", "person", "status")
    readonly_fields = fields


@admin.register(Release)
class ReleaseAdmin(ReadOnly, _ReleaseAdmin):
    list_display = ("participant", "number", "released_at", "released_by")
    fields = ("participant", "number", "released_at", "released_by")
    readonly_fields = fields
