"""What is stored: assessments and the response sets that answer them.

Design
------
* An :class:`Assessment` is one person assessed with one instrument at one time.
  A self-assessment has one :class:`ResponseSet` (role ``self``); a 360 adds more
  response sets to the same assessment, one per rater (manager, peers, direct
  reports, others). Nothing about the raters beyond their role is stored, so a
  report can only ever show observers as groups. Aggregating a group only when it
  has enough raters (the anonymity rule) will live in the query that builds the
  360 report, next to this data, never in a template.
* Everything built on assessments points at them; they point at nothing. A
  campaign's participant record will hold a one-to-one key to the participant's
  :class:`Assessment`, and each invitation of a rater a one-to-one key to the
  rater's :class:`ResponseSet`, so who was asked lives in the campaign's tables
  and what was answered lives here, and the tie between the two can be cut
  once a campaign's results are released. Re-assessment is a newer assessment
  of the same participant, and a development plan points at the assessment it
  was made from. None of these needs a change to the two tables here, and this
  app never imports the apps built on it (see docs/decisions/0004).
* Access is by unguessable links, not by accounts: ``report_token`` opens the
  report and ``respond_token`` opens one response set. Each is 256 bits from
  :func:`secrets.token_urlsafe`, unique and indexed. A rater's response set is
  opened only through their invitation's link; its ``respond_token`` is never
  shown (docs/decisions/0018-answering-by-link.md).
* Every response set records the instrument id and version it answered, so an
  instrument revised later can never be scored against old answers by mistake.
* Answers are a JSON object ``{item_id: int}``: an unanswered item is absent and
  an observer's "Not observed" is ``null``. Scores are never stored: the core
  computes them from the answers on demand, in well under a millisecond, so a
  fix to scoring reaches every report at once.
* The answers are validated against the instrument in one place,
  :func:`twofold.core.answers.clean_answers`, which the pages, the htmx
  saves and the API all call through :meth:`ResponseSet.record`; an
  observer's comments likewise by :func:`~twofold.core.answers.clean_comments`.
  Comments reach a reader only through the 360 report's anonymity rule:
  no page, API response or admin page shows them otherwise.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twofold.core.answers import Comments, clean_answers, clean_comments, merge_comments
from twofold.core.errors import InvalidCommentsError

if TYPE_CHECKING:
    from twofold.core.instrument import Instrument

TOKEN_BYTES = 32  # 256 bits


def new_token() -> str:
    """An unguessable link token: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


class Assessment(models.Model):
    """One person assessed with one instrument at one time.

    ``completed_at`` is set when the self response set is submitted; until
    then there is no report. Demo assessments (``is_demo``) are the only ones
    ever listed anywhere; every other assessment is reachable only by its link.
    """

    subject_name = models.CharField(
        max_length=120, blank=True, help_text=_("Shown in the person's own report header only.")
    )
    instrument_id = models.CharField(max_length=64)
    instrument_version = models.CharField(max_length=32)
    report_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    # When answering by link ends; None: never (a self-assessment on its own).
    # A campaign keeps it in step with its deadline, and with closing and
    # releasing, so the rule is kept here for every page and API route.
    answers_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        name = self.subject_name or "Unnamed"
        return f"{name} ({self.instrument_ref}, {self.created_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("reports:report", args=[self.report_token])

    @property
    def instrument_ref(self) -> str:
        return f"{self.instrument_id}@{self.instrument_version}"

    def self_response_set(self) -> ResponseSet:
        return self.response_sets.get(rater_role=RaterRole.SELF)

    def accepts_answers(self, now: datetime | None = None) -> bool:
        """Answers may still be given: no end is set, or it has not come yet."""
        now = timezone.now() if now is None else now
        return self.answers_until is None or now < self.answers_until


class RaterRole(models.TextChoices):
    """Whose answers a response set holds; the values are the core's rater groups."""

    SELF = "self", _("Self")
    MANAGER = "manager", _("Manager")
    PEERS = "peers", _("Peer")
    DIRECT_REPORTS = "direct_reports", _("Direct report")
    OTHERS = "others", _("Other")


class AlreadySubmittedError(Exception):
    """Answers were sent to a response set that has been submitted."""


class AnswersClosedError(Exception):
    """Answers were sent after answering ended (a campaign's deadline, close or release)."""


class ResponseSet(models.Model):
    """One rater's answers about the assessed person, in one role.

    An assessment has at most one ``self`` set (a database constraint); it may
    have any number of observer sets. Once ``submitted_at`` is set the answers
    are final.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="response_sets"
    )
    rater_role = models.CharField(max_length=16, choices=RaterRole.choices)
    respond_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    instrument_id = models.CharField(max_length=64)
    instrument_version = models.CharField(max_length=32)
    answers = models.JSONField(default=dict, blank=True)
    # An observer's words: {"domains": {domain_id: text}, "strength": text, "change": text}.
    comments = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("assessment",),
                condition=Q(rater_role="self"),
                name="one_self_response_set_per_assessment",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_rater_role_display()} answers for {self.assessment}"

    @property
    def instrument_ref(self) -> str:
        return f"{self.instrument_id}@{self.instrument_version}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def missing(self, instrument: Instrument) -> list[str]:
        """Ids of the items with no answer, in the instrument's order.

        An observer's "Not observed" (``null``) counts as an answer.
        """
        return [item_id for item_id in instrument.item_ids if item_id not in self.answers]

    def record(
        self,
        instrument: Instrument,
        raw: Mapping[str, Any],
        *,
        comments: Mapping[str, object] | None = None,
    ) -> dict[str, int | None]:
        """Validate ``raw`` (and an observer's ``comments``) and merge them into the stored ones.

        The row is locked while they are merged, so two saves arriving at once
        (two radio buttons changed quickly, a comment left as an answer is
        chosen) cannot overwrite each other. Answers and comments sent together
        are both checked before either is kept.

        Raises
        ------
        twofold.core.answers.InvalidAnswersError
            An unknown item or a value that is not allowed, or (its subclass
            ``InvalidCommentsError``) a comment that is not allowed; nothing is saved.
        AlreadySubmittedError
            The set was submitted earlier; nothing is saved.
        AnswersClosedError
            Answering has ended; nothing is saved.
        """
        cleaned = clean_answers(instrument, raw, observer=self.rater_role != RaterRole.SELF)
        notes = self._clean_comments(instrument, comments) if comments else None
        # Everything between taking the lock and committing is kept short (two
        # plain statements, no model instances), because on SQLite every other
        # save waits for this one's write lock.
        row = ResponseSet.objects.filter(pk=self.pk)
        stored_fields = ("answers", "comments") if notes is not None else ("answers",)
        with transaction.atomic():
            *stored, submitted_at, until = (
                row.select_for_update(of=("self",))
                .values_list(*stored_fields, "submitted_at", "assessment__answers_until")
                .get()
            )
            if submitted_at is not None:
                raise AlreadySubmittedError(self.respond_token)
            if until is not None and timezone.now() >= until:
                raise AnswersClosedError(self.respond_token)
            now = timezone.now()
            changes: dict[str, Any] = {"answers": {**stored[0], **cleaned}, "updated_at": now}
            if notes is not None:
                changes["comments"] = merge_comments(stored[1], notes)
            row.update(**changes)
        self.answers, self.updated_at = changes["answers"], now
        if notes is not None:
            self.comments = changes["comments"]
        return cleaned

    def record_comments(self, instrument: Instrument, raw: Mapping[str, object]) -> Comments:
        """Validate an observer's comments and merge them into the stored ones.

        See :func:`twofold.core.answers.clean_comments` for what ``raw`` holds
        (empty text removes a comment) and :meth:`record` for the lock and the
        errors. Returns the comments as kept.
        """
        self.record(instrument, {}, comments=raw)
        kept: Comments = self.comments
        return kept

    def _clean_comments(self, instrument: Instrument, raw: Mapping[str, object]) -> Comments:
        if self.rater_role == RaterRole.SELF:
            raise InvalidCommentsError(
                ["comments: only someone rating another person writes comments"]
            )
        return clean_comments(instrument, raw)

    def submit(self, instrument: Instrument) -> list[str]:
        """Mark the set submitted if every item is answered; return the missing ids.

        Submitting the self set completes the assessment. Submitting twice is
        harmless: the first time stands.

        Raises
        ------
        AnswersClosedError
            Answering has ended before this set was submitted.
        """
        with transaction.atomic():
            locked = (
                ResponseSet.objects.select_for_update(of=("self",))
                .select_related("assessment")
                .get(pk=self.pk)
            )
            if locked.is_submitted:
                return []
            if not locked.assessment.accepts_answers():
                raise AnswersClosedError(self.respond_token)
            missing = locked.missing(instrument)
            if missing:
                return missing
            now = timezone.now()
            locked.submitted_at = now
            locked.save(update_fields=["submitted_at", "updated_at"])
            if locked.rater_role == RaterRole.SELF:
                Assessment.objects.filter(pk=locked.assessment_id).update(completed_at=now)
        self.submitted_at = locked.submitted_at
        return []
