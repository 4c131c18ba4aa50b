"""360 campaigns: who is assessed, who is asked to rate them, and what has been released.

Design
------
* A :class:`Campaign` pins an instrument version, a deadline and an anonymity
  policy, and moves draft → open → closed → released. A released campaign may
  be re-opened and released again, if the second release cannot reveal a
  rater by difference with the first (:mod:`twofold.core.anonymity`).
* A :class:`Participant` is one person assessed in the campaign; their
  :class:`~twofold.web.assessments.models.Assessment` holds their own answers
  and every rater's, as response sets.
* An :class:`Invitation` is one rater asked about one participant, from the
  nomination (proposed by the participant, approved by their manager or an
  administrator) to the email with the rater's personal link (``token``, 256
  random bits). Before release it points at the rater's response set, so the
  rater can leave and come back, and administrators can see who has not
  answered yet (never what anyone answered).
* A :class:`Release` is the moment a participant's answers became a report. Releasing
  cuts the tie between invitations and answers for good: the answers are
  copied, in shuffled order, to new response sets with no timestamps of
  their own, listed in :class:`ReleasedResponse`; the originals and every
  invitation's answered state are deleted. From then on only counts tie
  people to answers (docs/decisions/0017-releasing-a-campaign.md).
* A participant's report is computed from the response sets of their latest
  release, so it does not change when someone answers late. Each release
  copies the sets of the ones before again and takes them over, so nothing
  says which release first held a set.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twofold.core.anonymity import (
    DIRECT_REPORTS,
    MANAGER,
    OTHERS,
    PEERS,
    AnonymityPolicy,
)
from twofold.web.assessments.models import Assessment, ResponseSet, new_token
from twofold.web.organisations.models import Organisation, Person


def default_policy() -> dict[str, dict[str, int]]:
    """The default anonymity thresholds (see :class:`~twofold.core.anonymity.AnonymityPolicy`)."""
    policy = AnonymityPolicy()
    return {"scores": dict(policy.scores), "comments": dict(policy.comments)}


def default_nomination_limits() -> dict[str, list[int]]:
    """How many raters a participant nominates per group: [fewest, most]."""
    return {PEERS: [3, 8], DIRECT_REPORTS: [0, 10], OTHERS: [0, 5]}


def default_reminder_days() -> list[int]:
    """Days before the deadline on which raters who have not finished are reminded."""
    return [7, 2]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    RELEASED = "released", _("Released")


class Group(models.TextChoices):
    """The groups a rater is invited in; the same names as the core's groups."""

    MANAGER = MANAGER, _("Manager")
    PEERS = PEERS, _("Peer")
    DIRECT_REPORTS = DIRECT_REPORTS, _("Direct report")
    OTHERS = OTHERS, _("Other")


class Campaign(models.Model):
    """A 360 round: participants, their raters, a deadline and the rules that protect raters."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaigns"
    )
    name = models.CharField(_("name"), max_length=200)
    instrument_id = models.CharField(max_length=64)
    instrument_version = models.CharField(max_length=32)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateTimeField(_("deadline"))
    policy = models.JSONField(_("anonymity policy"), default=default_policy)
    nomination_limits = models.JSONField(default=default_nomination_limits)
    reminder_days = models.JSONField(default=default_reminder_days)
    coach_may_release = models.BooleanField(
        _("coaches may release"),
        default=False,
        help_text=_("Let a participant's coach release their report after the campaign closes."),
    )
    managers_see_reports = models.BooleanField(
        _("managers see released reports"),
        default=True,
        help_text=_("Let managers read the released reports of the people in their line."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.name

    @property
    def instrument_ref(self) -> str:
        return f"{self.instrument_id}@{self.instrument_version}"

    def anonymity_policy(self) -> AnonymityPolicy:
        """The stored thresholds as the core's policy (which checks them)."""
        stored: dict[str, Any] = self.policy
        return AnonymityPolicy(scores=stored["scores"], comments=stored["comments"])

    def accepts_answers(self, now: datetime | None = None) -> bool:
        """Raters may answer: the campaign is open and its deadline has not passed."""
        now = timezone.now() if now is None else now
        return self.status == Status.OPEN and now < self.deadline

    def answers_end(self) -> datetime:
        """When answering by link ends: the deadline while open, else when it closed."""
        if self.status == Status.OPEN:
            return self.deadline
        return self.closed_at or timezone.now()

    def sync_answer_window(self) -> None:
        """Give every participant's assessment this campaign's end of answering.

        Call it whenever the status, the deadline or ``closed_at`` changes: the
        response sets refuse answers by this time, on every page and API route.
        """
        Assessment.objects.filter(participant__campaign=self).update(
            answers_until=self.answers_end()
        )


class Participant(models.Model):
    """One person assessed in a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    # Created when the campaign opens; a draft's participants have none yet.
    assessment = models.OneToOneField(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participant",
    )
    nominations_submitted_at = models.DateTimeField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    # When each email to the participant went out. A task that sends one first
    # claims it by setting the time, so a task run twice sends it once.
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # When whoever approves their raters was last told that a submitted list waits.
    approvers_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("person__name",)
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = (
            models.UniqueConstraint(fields=("campaign", "person"), name="one_participation"),
        )

    def __str__(self) -> str:
        return f"{self.person.name} in {self.campaign}"


class InvitationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for approval")
    REJECTED = "rejected", _("Not approved")
    APPROVED = "approved", _("Approved, not sent yet")
    SENT = "sent", _("Invited")
    DECLINED = "declined", _("Declined")
    # After a release: invited or declined, no longer told apart (only counts remain).
    CLOSED = "closed", _("Closed")


class Invitation(models.Model):
    """One rater asked about one participant, and their personal link."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="invitations"
    )
    group = models.CharField(_("group"), max_length=16, choices=Group.choices)
    # An internal rater; external raters have only a name and an email address.
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    status = models.CharField(
        max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PROPOSED
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Cut (set to None) when the campaign is released.
    response_set = models.OneToOneField(
        ResponseSet,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # When the email with the link went out, and when the rater was last
    # reminded: set by the task that sends each, before sending, so a task run
    # twice sends once (twofold.web.campaigns.tasks).
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("participant", "group", "name")
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = (
            models.UniqueConstraint(fields=("participant", "email"), name="one_invitation_each"),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.get_group_display()}) for {self.participant.person.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Release(models.Model):
    """One release of one participant's results.

    An administrator releases every participant of a closed campaign at once;
    a coach, when the campaign allows it, releases the people they coach. A
    re-opened campaign may release a participant again (number 2, 3, …) only
    if the new release cannot reveal a rater by difference with the earlier ones.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="releases")
    number = models.PositiveIntegerField()
    released_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("participant", "number")
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = (
            models.UniqueConstraint(fields=("participant", "number"), name="one_release_number"),
        )

    def __str__(self) -> str:
        return f"{self.participant} release {self.number}"


class ReleasedResponse(models.Model):
    """A response set a release is computed from (the participant's own included).

    Observer sets listed here are the shuffled copies made at release: no
    invitation points at them and they carry no time of their own. Only a
    participant's latest release lists any: each release copies every set
    released before again, with the new ones, lists them all, and deletes the
    earlier copies and their rows here, so that which release first held a
    set, and so which raters could have given it, is kept nowhere.
    """

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="responses")
    response_set = models.OneToOneField(
        ResponseSet, on_delete=models.PROTECT, related_name="released"
    )

    class Meta:
        verbose_name = _("released response")
        verbose_name_plural = _("released responses")

    def __str__(self) -> str:
        return f"{self.release}: response {self.response_set_id}"
