"""Forms for the attendance part: a session's register (a radio group and the record's version
for each person) and the upload of a register file."""

from typing import Any

from django import forms

from lksworkforce.core.forms import VersionField
from lksworkforce.programmes.selectors.attendance import RegisterRow
from lksworkforce.programmes.services.attendance import Mark
from lksworkforce.programmes.vocabulary import Attendance

CHOICES = [(a.value, a.label) for a in Attendance]
MARK_ALL = "mark_all"  # the name of the button that marks everyone present (nothing is saved)


def status_name(enrolment_id: int) -> str:
    return f"p{enrolment_id}-status"


def version_name(enrolment_id: int) -> str:
    return f"p{enrolment_id}-edit_version"  # ends in edit_version: core.forms.version_missing sees it


class RegisterForm(forms.Form):
    """One optional radio group per person; rows left blank are not saved."""

    def __init__(self, data: Any = None, *, rows: list[RegisterRow]) -> None:
        super().__init__(data)
        self.rows = rows
        for row in rows:
            self.fields[status_name(row.enrolment_id)] = forms.ChoiceField(
                choices=CHOICES,
                required=False,
                label=row.name,
                error_messages={"invalid_choice": f"Choose present, absent or apologies for {row.name}"},
            )
            # A person given a place since the page was opened sends neither: their row is left out.
            sent = not self.is_bound or status_name(row.enrolment_id) in self.data
            self.fields[version_name(row.enrolment_id)] = VersionField(required=sent)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(cleaned.get(status_name(r.enrolment_id)) for r in self.rows):
            raise forms.ValidationError("Mark at least one person present, absent or sending apologies")
        return cleaned

    def marks(self) -> list[Mark]:
        return [
            Mark(row.enrolment_id, status, self.cleaned_data.get(version_name(row.enrolment_id)))
            for row in self.rows
            if (status := self.cleaned_data.get(status_name(row.enrolment_id)))
        ]

    def chosen(self, row: RegisterRow) -> str | None:
        """The status to show checked: what was sent, else what is saved."""
        if self.is_bound:
            sent = self.data.get(status_name(row.enrolment_id))
            return sent if sent in set(Attendance) else None
        return row.status


def everyone_present(data: Any, rows: list[RegisterRow]) -> dict[str, str]:
    """The posted register with every person marked present (for "mark everyone present")."""
    marked = {key: data.get(key) for key in data}
    for row in rows:
        marked[status_name(row.enrolment_id)] = Attendance.PRESENT.value
    marked.pop(MARK_ALL, None)
    return marked


class RegisterUploadForm(forms.Form):
    file = forms.FileField(label="Register file", error_messages={"required": "Choose a CSV or XLSX file to upload"})
