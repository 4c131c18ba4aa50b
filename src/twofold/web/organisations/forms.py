"""Forms of the organisations pages: finding people, and choosing a people file."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from twofold.web.organisations.models import Team

#: The largest people file the pages take. A file of 20,000 people is about 2 MB
#: as CSV and far less as a workbook; the file waits in the session between the
#: preview and the import, so it is kept small.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class PeopleFilter(forms.Form):
    """Search by name or email, and keep to one team."""

    q = forms.CharField(label=_("Name or email"), max_length=200, required=False)
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("All teams"),
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Team]", self.fields["team"]).queryset = teams


class PeopleFileForm(forms.Form):
    """A people file to preview before anything of it is imported."""

    file = forms.FileField(
        label=_("People file"),
        help_text=_("A CSV file or an Excel workbook (.xlsx), one row per person."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB. Split it, or save it as .xlsx.")
                % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload
