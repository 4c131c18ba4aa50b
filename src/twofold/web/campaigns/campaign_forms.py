"""The forms of setting up a campaign: its settings, its participants, a later deadline.

The rules live in :mod:`twofold.web.campaigns.rules`, shared with the
services; a form turns posted text into values, asks the rules, and puts each
problem on the field it is about.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from twofold.content import builtin_ids, builtin_instrument
from twofold.web.campaigns import rules
from twofold.web.campaigns.groups import GROUP_NAMES
from twofold.web.campaigns.models import (
    Campaign,
    Status,
    default_nomination_limits,
    default_policy,
    default_reminder_days,
)
from twofold.web.organisations.models import Person, Team


def _deadline_field(label: Any) -> forms.SplitDateTimeField:
    """A date and a time, each its own input (the browser's pickers where it has them)."""
    return forms.SplitDateTimeField(
        label=label,
        help_text=format_lazy(_("A date and a time, in {zone}."), zone=settings.TIME_ZONE),
        widget=forms.SplitDateTimeWidget(
            # Lazy labels, read out for each input inside the field's fieldset.
            date_attrs=cast(dict[str, str], {"type": "date", "aria-label": _("Date")}),
            time_attrs=cast(dict[str, str], {"type": "time", "aria-label": _("Time")}),
            date_format="%Y-%m-%d",
            time_format="%H:%M",
        ),
        error_messages={
            "required": _("Enter a date and a time."),
            "incomplete": _("Enter a date and a time."),
            "invalid_date": _("Enter a date such as 2027-03-31."),
            "invalid_time": _("Enter a time such as 17:00."),
        },
    )


#: A new campaign's deadline until the administrator picks one: weeks from today, at 17:00.
DEFAULT_WEEKS = 3
DEFAULT_TIME = time(17, 0)


def default_deadline() -> datetime:
    """The deadline a new campaign's form starts with.

    A date left to the browser's picker and a time left blank fail the form
    with "Enter a date and a time"; a filled-in default is one less thing to
    trip over, and easy to change.
    """
    day = timezone.localdate() + timedelta(weeks=DEFAULT_WEEKS)
    return timezone.make_aware(datetime.combine(day, DEFAULT_TIME))


def field_name(key: str) -> str:
    """The form field a rule's problem key is about: ``limits.peers.min`` → ``limits_peers_min``."""
    return key.replace(".", "_")


class CampaignForm(forms.Form):
    """A campaign's settings, for a new campaign or an existing one.

    Once the campaign is open, the deadline, the instrument and the
    nomination limits are shown but fixed, and thresholds may only rise.
    """

    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("For example “Spring 2027 360”.")
    )
    deadline = _deadline_field(_("Deadline"))
    instrument = forms.ChoiceField(label=_("Questionnaire"))
    reminder_days = forms.CharField(
        label=_("Reminders"),
        required=False,
        help_text=_(
            "Days before the deadline on which raters who have not finished are reminded, "
            "such as “7, 2”. Leave empty for no reminders."
        ),
    )
    coach_may_release = forms.BooleanField(
        label=_("Coaches may release the reports of the people they coach"), required=False
    )
    managers_see_reports = forms.BooleanField(
        label=_("Managers may read the released reports of the people in their line"),
        required=False,
    )

    def __init__(self, *args: Any, campaign: Campaign | None = None, **kwargs: Any) -> None:
        self.campaign = campaign
        kwargs.setdefault("initial", self._initial(campaign))
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["instrument"]).choices = [
            (i, f"{builtin_instrument(i).name} ({builtin_instrument(i).version})")
            for i in builtin_ids()
        ]
        kinds = {"scores": _("scores"), "comments": _("comments")}
        for kind in rules.POLICY_KINDS:
            for group in rules.POLICY_GROUPS:
                # Each group's own floor, so a number below it (even -5) is
                # refused with the real minimum, and the browser knows it too.
                self.fields[f"{kind}_{group}"] = forms.IntegerField(
                    label=f"{GROUP_NAMES[group]}: {kinds[kind]}",
                    min_value=rules.threshold_floor(group),
                    max_value=rules.MAX_THRESHOLD,
                    error_messages={"min_value": rules.below_floor_message(group)},
                )
        for group in rules.NOMINATED_GROUPS:
            for end, words in (("min", _("fewest")), ("max", _("most"))):
                self.fields[f"limits_{group}_{end}"] = forms.IntegerField(
                    label=f"{GROUP_NAMES[group]}: {words}",
                    min_value=0,
                    max_value=rules.MAX_NOMINATIONS,
                )
        # In the page's order, so the error summary lists problems as the page shows them.
        added = [name for name in self.fields if name not in self.base_fields]
        self.order_fields(["name", "deadline", "instrument", *added])
        if self.is_open:
            for name in self.fixed_fields():
                self.fields[name].disabled = True

    @property
    def is_open(self) -> bool:
        """Launched: some settings are fixed and thresholds only rise."""
        return self.campaign is not None and self.campaign.status != Status.DRAFT

    def fixed_fields(self) -> list[str]:
        """The fields an open campaign can no longer change."""
        limits = [f"limits_{g}_{end}" for g in rules.NOMINATED_GROUPS for end in ("min", "max")]
        return ["deadline", "instrument", *limits]

    @staticmethod
    def _initial(campaign: Campaign | None) -> dict[str, Any]:
        if campaign is None:
            policy, limits = default_policy(), default_nomination_limits()
            initial: dict[str, Any] = {
                "deadline": default_deadline(),
                "instrument": "tlmi",
                "reminder_days": ", ".join(map(str, default_reminder_days())),
                "coach_may_release": False,
                "managers_see_reports": True,
            }
        else:
            policy, limits = campaign.policy, campaign.nomination_limits
            initial = {
                "name": campaign.name,
                "deadline": timezone.localtime(campaign.deadline),
                "instrument": campaign.instrument_id,
                "reminder_days": ", ".join(map(str, campaign.reminder_days)),
                "coach_may_release": campaign.coach_may_release,
                "managers_see_reports": campaign.managers_see_reports,
            }
        for kind in rules.POLICY_KINDS:
            for group in rules.POLICY_GROUPS:
                initial[f"{kind}_{group}"] = policy[kind][group]
        for group in rules.NOMINATED_GROUPS:
            initial[f"limits_{group}_min"], initial[f"limits_{group}_max"] = limits[group]
        return initial

    def clean_deadline(self) -> datetime:
        deadline: datetime = self.cleaned_data["deadline"]
        if not self.is_open:
            for text in rules.deadline_problems(deadline).values():
                raise forms.ValidationError(text)
        return deadline

    def clean_reminder_days(self) -> list[int]:
        days, problems = rules.reminder_days_from_text(self.cleaned_data["reminder_days"])
        for text in problems.values():
            raise forms.ValidationError(text)
        return days

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        policy = self.policy()
        problems = rules.policy_problems(policy) if policy is not None else {}
        if policy is not None and not problems and self.is_open and self.campaign is not None:
            problems = rules.raised_only_problems(self.campaign.policy, policy)
        limits = self.nomination_limits()
        if limits is not None and not self.is_open:
            problems.update(rules.limit_problems(limits, policy))
        self.add_problems(problems)
        return cleaned

    def add_problems(self, problems: rules.Problems) -> None:
        """Put each problem (from the rules or the services) on its field."""
        for key, text in problems.items():
            name = field_name(key)
            if key == "nomination_limits":
                name = "limits_peers_min"
            self.add_error(name if name in self.fields else None, text)

    def policy(self) -> dict[str, dict[str, int]] | None:
        """The thresholds given, or None while one of them is missing or not a number."""
        data = self.cleaned_data
        names = [f"{k}_{g}" for k in rules.POLICY_KINDS for g in rules.POLICY_GROUPS]
        if any(data.get(name) is None for name in names):
            return None
        return {k: {g: data[f"{k}_{g}"] for g in rules.POLICY_GROUPS} for k in rules.POLICY_KINDS}

    def nomination_limits(self) -> dict[str, list[int]] | None:
        data = self.cleaned_data
        names = [f"limits_{g}_{end}" for g in rules.NOMINATED_GROUPS for end in ("min", "max")]
        if any(data.get(name) is None for name in names):
            return None
        return {
            g: [data[f"limits_{g}_min"], data[f"limits_{g}_max"]] for g in rules.NOMINATED_GROUPS
        }

    def settings(self) -> dict[str, Any]:
        """The valid settings as the services take them (only what may change, once open)."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "name": data["name"],
            "policy": self.policy(),
            "reminder_days": data["reminder_days"],
            "coach_may_release": data["coach_may_release"],
            "managers_see_reports": data["managers_see_reports"],
        }
        if not self.is_open:
            values.update(
                deadline=data["deadline"],
                instrument=data["instrument"],
                nomination_limits=self.nomination_limits(),
            )
        return values

    def threshold_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """For the page: each group with its score and comment threshold fields."""
        return [
            (str(GROUP_NAMES[g]), self[f"scores_{g}"], self[f"comments_{g}"])
            for g in rules.POLICY_GROUPS
        ]

    def limit_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """For the page: each nominated group with its fewest and most fields."""
        return [
            (str(GROUP_NAMES[g]), self[f"limits_{g}_min"], self[f"limits_{g}_max"])
            for g in rules.NOMINATED_GROUPS
        ]


class ExtendForm(forms.Form):
    """A later deadline for an open campaign (the services check that it is later)."""

    deadline = _deadline_field(_("New deadline"))


class AddPeopleForm(forms.Form):
    """People to add to a draft campaign: picked one by one, or a whole team."""

    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=Person.objects.none(), required=False
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = cast("forms.ModelMultipleChoiceField[Person]", self.fields["people"])
        team = cast("forms.ModelChoiceField[Team]", self.fields["team"])
        people.queryset = Person.objects.filter(organisation_id=organisation_id)
        team.queryset = Team.objects.filter(organisation_id=organisation_id)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("people") and not cleaned.get("team") and not self.errors:
            raise forms.ValidationError(_("Choose at least one person, or a team."))
        return cleaned

    def chosen(self) -> list[Person]:
        """Everyone picked, and everyone in the team picked."""
        chosen = {p.pk: p for p in self.cleaned_data.get("people") or []}
        team = self.cleaned_data.get("team")
        if team is not None:
            chosen.update({p.pk: p for p in team.members.all()})
        return list(chosen.values())
