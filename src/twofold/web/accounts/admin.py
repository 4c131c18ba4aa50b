"""Accounts in Django's admin, for the staff superusers who run the server.

The admin site itself lets in superusers only
(:func:`~twofold.web.accounts.access.may_use_admin_site`): a staff account
that is not one is sent to the admin's sign-in page, as anyone else is.

An API token is shown read-only and without its digest: the digest cannot be
turned back into the token, but it is the key the API looks tokens up by, so
it stays out of pages and exports. A role changed here is audited as on the
members page.

Paused sign-ins (:mod:`twofold.web.accounts.throttle`) are listed with
django-axes' own page: deleting an address's row there lifts its pause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from twofold.web.accounts.access import may_use_admin_site
from twofold.web.accounts.models import ApiToken, CoachAssignment, Membership
from twofold.web.audit import record
from twofold.web.audit.models import Action

if TYPE_CHECKING:
    from django.forms import ModelForm

    _MembershipAdmin = admin.ModelAdmin[Membership]
    _CoachAssignmentAdmin = admin.ModelAdmin[CoachAssignment]
    _ApiTokenAdmin = admin.ModelAdmin[ApiToken]
else:
    _MembershipAdmin = _CoachAssignmentAdmin = _ApiTokenAdmin = admin.ModelAdmin


def _superusers_only(request: HttpRequest) -> bool:
    return may_use_admin_site(request.user)


# Django's documented hook for who may use the admin (by default any active staff account).
admin.site.has_permission = _superusers_only  # type: ignore[method-assign]


def no_view_on_site(request: HttpRequest, content_type_id: str, object_id: str) -> HttpResponse:
    """Refuse the admin's "view on site" shortcut (``/admin/r/<type>/<id>/``), for every model.

    It redirects to an object's ``get_absolute_url`` whatever the model admin
    says, and an assessment's is its report's private link: the admin would
    hand a superuser every self-assessment's report. Served in its place by
    :mod:`twofold.web.urls`.
    """
    raise Http404("No such page.")


@admin.register(Membership)
class MembershipAdmin(_MembershipAdmin):
    list_display = ("user", "organisation", "role", "person", "created_at")
    list_filter = ("role", "organisation")
    search_fields = ("user__username", "user__email", "person__name")
    raw_id_fields = ("user", "person")
    readonly_fields = ("created_at",)

    def save_model(
        self, request: HttpRequest, obj: Membership, form: ModelForm[Membership], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        if "role" in form.changed_data or not change:
            record(
                obj.organisation,
                request.user,
                Action.ROLE_CHANGED,
                object_type="membership",
                object_id=obj.pk,
                summary=_("%(account)s: %(role)s (in the admin)")
                % {"account": obj.user.get_username(), "role": obj.get_role_display()},
            )


@admin.register(CoachAssignment)
class CoachAssignmentAdmin(_CoachAssignmentAdmin):
    list_display = ("coach", "person", "created_at")
    list_filter = ("coach__organisation",)
    raw_id_fields = ("coach", "person")
    readonly_fields = ("created_at",)


@admin.register(ApiToken)
class ApiTokenAdmin(_ApiTokenAdmin):
    list_display = ("name", "user", "hint", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username")
    fields = ("name", "user", "hint", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A token is created by its owner, who alone sees the secret.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.register(AccessAttempt, AccessAttemptAdmin)
