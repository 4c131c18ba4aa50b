"""The emails of a campaign, each built from a text template and an HTML one.

Every link starts with ``settings.SITE_URL``, the address people open
Twofold at. An email tells its recipient about themself and what they are
asked to do, and nothing else: never anyone's answers, and never who else
has or has not answered.

The functions here only build messages; the tasks in
:mod:`twofold.web.campaigns.tasks` decide when, and send them once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from twofold.core.anonymity import MANAGER
from twofold.web.accounts.models import Membership, Role
from twofold.web.campaigns.groups import (
    ANSWERS_OF,
    AS_ROLE,
    NOMINATED_GROUPS,
    asked_for,
    group_count,
)
from twofold.web.campaigns.models import Campaign, Invitation, InvitationStatus, Participant
from twofold.web.organisations.models import Person


def link(name: str, fallback: str, **kwargs: Any) -> str:
    """An absolute link to the page named ``name``, or to ``fallback`` if no such page is wired.

    The rater's pages belong to another part of Twofold; the path of a
    rater's link is fixed (``/rate/<token>/``), so an email can carry it
    even where the page's name does not resolve.
    """
    try:
        path = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        path = fallback
    return f"{settings.SITE_URL}{path}"


def rating_link(invitation: Invitation) -> str:
    token = invitation.token
    return link("rating:start", f"/rate/{token}/", token=token)


def decline_link(invitation: Invitation) -> str:
    token = invitation.token
    return link("rating:decline", f"/rate/{token}/decline/", token=token)


def nominations_link(participant: Participant) -> str:
    campaign = participant.campaign
    return link(
        "campaigns:nominations",
        "",
        slug=campaign.organisation.slug,
        pk=campaign.pk,
        participant=participant.pk,
    )


def sign_in_link() -> str:
    return link("accounts:login", "/accounts/login/")


def _message(
    template: str, subject: str, to: list[str], context: dict[str, Any]
) -> EmailMultiAlternatives:
    context = {"site_url": settings.SITE_URL, "sign_in_url": sign_in_link(), **context}
    text = render_to_string(f"campaigns/email/{template}.txt", context)
    html = render_to_string(f"campaigns/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    return message


def _campaign(campaign: Campaign) -> dict[str, Any]:
    return {
        "campaign": campaign.name,
        "organisation": campaign.organisation.name,
        "deadline": campaign.deadline,
    }


def _asker(invitation: Invitation) -> Person | None:
    """Who asked: the person who nominated the rater; None when the organisation did."""
    if invitation.nominated_by_id is None:
        return None
    membership = (
        Membership.objects.filter(
            user_id=invitation.nominated_by_id,
            organisation_id=invitation.participant.campaign.organisation_id,
        )
        .select_related("person")
        .first()
    )
    return membership.person if membership is not None else None


def _rater(invitation: Invitation) -> dict[str, Any]:
    """What a rater's emails say: who asked, about whom, in which group, and how it is kept."""
    participant = invitation.participant
    campaign = participant.campaign
    policy = campaign.anonymity_policy()
    group = invitation.group
    asker = _asker(invitation)
    return {
        **_campaign(campaign),
        "rater": invitation.name,
        "participant": participant.person.name,
        "asker": asker.name if asker is not None else "",
        "asked_by_participant": asker is not None and asker.pk == participant.person_id,
        "as_role": AS_ROLE[group],
        "anonymous": policy.is_anonymous(group),
        "answers_of": ANSWERS_OF.get(group, ""),
        "at_least": group_count(group, policy.threshold(group)),
        "rating_url": rating_link(invitation),
        "decline_url": decline_link(invitation),
    }


def invitation_email(invitation: Invitation) -> EmailMultiAlternatives:
    """The email with a rater's personal link."""
    context = _rater(invitation)
    subject = _("%(participant)s would value your feedback") % context
    return _message("invitation", subject, [invitation.email], context)


def rater_reminder_email(invitation: Invitation) -> EmailMultiAlternatives:
    """A reminder to a rater who has not submitted their answers."""
    context = _rater(invitation)
    subject = _("Reminder: your feedback for %(participant)s") % context
    return _message("rater_reminder", subject, [invitation.email], context)


def _limits(campaign: Campaign) -> list[str]:
    """What the campaign asks for, group by group: "3 to 8 peers"."""
    limits: dict[str, list[int]] = campaign.nomination_limits
    policy = campaign.anonymity_policy()
    asked = []
    for group in NOMINATED_GROUPS:
        fewest, most = limits.get(group, [0, 0])
        if most > 0:
            asked.append(asked_for(group, fewest, most, policy.threshold(group)))
    return asked


def _participant(participant: Participant) -> dict[str, Any]:
    campaign = participant.campaign
    assessment = participant.assessment
    respond_url = ""
    if assessment is not None:
        token = assessment.self_response_set().respond_token
        respond_url = link("assessments:respond", f"/respond/{token}/", token=token)
    manager = participant.invitations.filter(
        group=MANAGER, status__in=(InvitationStatus.APPROVED, InvitationStatus.SENT)
    ).first()
    return {
        **_campaign(campaign),
        "participant": participant.person.name,
        "email": participant.person.email,
        "respond_url": respond_url,
        "nominations_url": nominations_link(participant),
        "manager": manager.name if manager is not None else "",
        "limits": _limits(campaign),
    }


def participant_opening_email(participant: Participant) -> EmailMultiAlternatives:
    """To a participant as the campaign opens: assess yourself, choose your raters."""
    context = _participant(participant)
    subject = _("Your 360 feedback: %(campaign)s") % context
    return _message("participant_opening", subject, [participant.person.email], context)


def participant_reminder_email(participant: Participant) -> EmailMultiAlternatives:
    """A reminder to a participant who has not submitted their self-assessment."""
    context = _participant(participant)
    subject = _("Reminder: your self-assessment for %(campaign)s") % context
    return _message("participant_reminder", subject, [participant.person.email], context)


def approvers(participant: Participant) -> list[str]:
    """The addresses told that a participant's list waits for approval.

    The participant's own manager; without one in the org chart, the
    organisation's administrators (never the participant themself).
    """
    manager = participant.person.manager
    if manager is not None:
        return [manager.email]
    admins = Membership.objects.filter(
        organisation_id=participant.campaign.organisation_id, role=Role.ADMIN
    ).exclude(person_id=participant.person_id)
    return sorted({m.user.email for m in admins.select_related("user") if m.user.email})


def approval_request_email(participant: Participant) -> EmailMultiAlternatives | None:
    """To whoever approves a participant's raters: a list waits for them. None if nobody can."""
    to = approvers(participant)
    if not to:
        return None
    campaign = participant.campaign
    context = {
        **_campaign(campaign),
        "participant": participant.person.name,
        "waiting": participant.invitations.filter(status=InvitationStatus.PROPOSED).count(),
        "approvals_url": link("campaigns:approvals", "", slug=campaign.organisation.slug),
    }
    subject = _("%(participant)s's raters wait for your approval") % context
    return _message("approval_request", subject, to, context)
