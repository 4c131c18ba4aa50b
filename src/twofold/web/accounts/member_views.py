"""The members page of an organisation: its accounts, their roles, and coaches' people.

Administrators only: anyone else signed in is told the page does not exist
(404), as for an organisation that is not theirs. Every change is a POST with
CSRF, goes through :mod:`twofold.web.accounts.services` (which audits roles
and protects the last administrator), and ends with a message and a redirect.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from twofold.web.accounts import services
from twofold.web.accounts.access import Viewer, require_viewer
from twofold.web.accounts.forms import CoacheeForm, InviteForm, RoleForm
from twofold.web.accounts.models import Membership, Role
from twofold.web.organisations.models import Person

LAST_ADMIN = gettext_lazy(
    "An organisation needs at least one administrator: make someone else an administrator first."
)


def _administrator(request: HttpRequest, slug: str) -> Viewer:
    viewer = require_viewer(request.user, slug)
    if not viewer.may_manage_accounts():
        raise Http404("No such organisation.")
    return viewer


def _membership(viewer: Viewer, membership_id: int) -> Membership:
    queryset = Membership.objects.select_related("user", "person", "organisation")
    return get_object_or_404(queryset, pk=membership_id, organisation=viewer.organisation)


def _name(membership: Membership) -> str:
    if membership.person is not None:
        return membership.person.name
    return membership.user.get_username()


def _to_list(viewer: Viewer) -> HttpResponse:
    return redirect("members:list", slug=viewer.organisation.slug)


@dataclass(frozen=True)
class Row:
    """One account of the organisation, as the page shows it."""

    membership: Membership
    role_form: RoleForm
    coachees: list[Person]
    #: People a coach could be assigned; empty for other roles.
    assignable: list[Person]


def _rows(viewer: Viewer) -> list[Row]:
    memberships = (
        Membership.objects.filter(organisation=viewer.organisation)
        .select_related("user", "person")
        .prefetch_related("coachees__person")
    )
    rank = {role: i for i, role in enumerate(services.ROLE_ORDER)}
    ordered = sorted(
        memberships, key=lambda m: (rank[Role(m.role)], _name(m).casefold(), m.user.pk)
    )
    people: list[Person] | None = None
    rows = []
    for membership in ordered:
        coachees: list[Person] = []
        assignable: list[Person] = []
        if membership.role == Role.COACH:
            if people is None:
                people = list(Person.objects.filter(organisation=viewer.organisation))
            coachees = sorted(
                (a.person for a in membership.coachees.all()), key=lambda p: (p.name, p.email)
            )
            taken = {p.pk for p in coachees} | {membership.person_id}
            assignable = [p for p in people if p.pk not in taken]
        role_form = RoleForm(initial={"role": membership.role}, auto_id=f"m{membership.pk}-%s")
        rows.append(Row(membership, role_form, coachees, assignable))
    return rows


def _page(
    request: HttpRequest, viewer: Viewer, invite_form: InviteForm, status: int = 200
) -> HttpResponse:
    context = {
        "organisation": viewer.organisation,
        "rows": _rows(viewer),
        "invite_form": invite_form,
        "roles": Role,
    }
    return render(request, "accounts/members.html", context, status=status)


@login_required
@require_GET
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = _administrator(request, slug)
    return _page(request, viewer, InviteForm(viewer.organisation))


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Give a person an account with a role, and email them a link to choose a password."""
    viewer = _administrator(request, slug)
    form = InviteForm(viewer.organisation, request.POST)
    if not form.is_valid():
        return _page(request, viewer, form, status=400)
    person: Person = form.cleaned_data["person"]
    role = Role(form.cleaned_data["role"])
    with transaction.atomic():
        membership, created = services.ensure_membership(person, role)
        services.record_invitation(membership, actor=request.user)
        if not created and not membership.user.has_usable_password():
            # An account made earlier (in another organisation) that never chose
            # a password: this invitation is its way in.
            services.invite_to_account(membership)
    if membership.user.has_usable_password():
        text = _("%(name)s can now sign in to %(organisation)s with their own password.")
    else:
        text = _("%(name)s is invited: an email asks them to choose a password.")
    messages.success(
        request, text % {"name": person.name, "organisation": viewer.organisation.name}
    )
    if membership.role != role:
        messages.info(
            request,
            _("%(name)s already had the role %(role)s, which sees more; it was kept.")
            % {"name": person.name, "role": membership.get_role_display()},
        )
    return _to_list(viewer)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    viewer = _administrator(request, slug)
    membership = _membership(viewer, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles in the list."))
        return _to_list(viewer)
    role = Role(form.cleaned_data["role"])
    try:
        changed = services.change_role(membership, role, actor=request.user)
    except services.LastAdministratorError:
        messages.error(request, LAST_ADMIN)
        return _to_list(viewer)
    if changed:
        messages.success(
            request,
            _("%(name)s is now %(role)s.") % {"name": _name(membership), "role": role.label},
        )
    if membership.user_id == request.user.pk and role != Role.ADMIN:
        # This page is for administrators, which they no longer are.
        return redirect("organisations:home")
    return _to_list(viewer)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """Ask, then take away an account's role here (the account itself stays)."""
    viewer = _administrator(request, slug)
    membership = _membership(viewer, membership_id)
    if request.method == "GET":
        context = {"organisation": viewer.organisation, "membership": membership}
        return render(request, "accounts/member_remove.html", context)
    try:
        services.remove_membership(membership, actor=request.user)
    except services.LastAdministratorError:
        messages.error(request, LAST_ADMIN)
        return _to_list(viewer)
    messages.success(
        request,
        _("%(name)s no longer has access to %(organisation)s.")
        % {"name": _name(membership), "organisation": viewer.organisation.name},
    )
    if membership.user_id == request.user.pk:
        return redirect("organisations:home")
    return _to_list(viewer)


@login_required
@require_POST
def resend_invitation(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """Email a new link to choose a password, to an account that has none yet."""
    viewer = _administrator(request, slug)
    membership = _membership(viewer, membership_id)
    if membership.user.has_usable_password():
        messages.info(
            request, _("%(name)s has chosen a password already.") % {"name": _name(membership)}
        )
    else:
        services.invite_to_account(membership)
        messages.success(
            request,
            _("A new invitation was emailed to %(email)s.") % {"email": membership.user.email},
        )
    return _to_list(viewer)


@login_required
@require_POST
def assign(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """Let a coach see one more person of the organisation."""
    viewer = _administrator(request, slug)
    coach = _membership(viewer, membership_id)
    form = CoacheeForm(viewer.organisation, request.POST)
    if coach.role != Role.COACH or not form.is_valid():
        messages.error(request, _("Choose a person of this organisation for a coach."))
        return _to_list(viewer)
    person: Person = form.cleaned_data["person"]
    services.assign_coach(coach, person)
    messages.success(
        request,
        _("%(coach)s now coaches %(person)s.") % {"coach": _name(coach), "person": person.name},
    )
    return _to_list(viewer)


@login_required
@require_POST
def unassign(request: HttpRequest, slug: str, membership_id: int, person_id: int) -> HttpResponse:
    viewer = _administrator(request, slug)
    coach = _membership(viewer, membership_id)
    person = get_object_or_404(Person, pk=person_id, organisation=viewer.organisation)
    if services.unassign_coach(coach, person):
        messages.success(
            request,
            _("%(coach)s no longer coaches %(person)s.")
            % {"coach": _name(coach), "person": person.name},
        )
    return _to_list(viewer)
