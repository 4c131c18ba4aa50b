"""What every change to a campaign shares: why it cannot be made, the lock, who acted.

The services that set a campaign up (:mod:`~twofold.web.campaigns.campaign_settings`,
:mod:`~twofold.web.campaigns.draft_participants`) and move it on
(:mod:`~twofold.web.campaigns.lifecycle`) are thin functions over the models;
none of them knows about HTTP. Each checks what the campaign's status allows
under a lock on the campaign's row (:func:`lock`), so two administrators
acting at once cannot launch a campaign twice or add someone to a campaign
that has just opened, and each says what stops it with a :class:`SetupError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.utils import timezone

from twofold.web.campaigns.models import Campaign

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    #: Who acts: the signed-in account of the request, or None for Twofold itself.
    Actor = User | AnonymousUser | None


class SetupError(ValueError):
    """A campaign cannot be set up or moved on as asked; ``problems`` says why, per setting.

    Keys name the setting at fault as :mod:`~twofold.web.campaigns.rules`
    does (``deadline``, ``scores.peers``, ``participants``…), so a form can
    show each message beside its field.
    """

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{key}: {text}" for key, text in self.problems.items()))


def account_of(by: Actor) -> User | None:
    """The account to record as having acted (an anonymous request has none)."""
    return by if isinstance(by, User) else None


def lock(campaign: Campaign) -> Campaign:
    """The campaign's row, locked until the end of the transaction."""
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def refreshed(campaign: Campaign, source: Campaign) -> Campaign:
    """Copy the locked row's values onto the caller's instance, so it sees the change."""
    for field in Campaign._meta.concrete_fields:
        setattr(campaign, field.attname, getattr(source, field.attname))
    return campaign


def logged_time(moment: datetime) -> str:
    """A time as the audit log's summaries and messages write it, in the server's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")
