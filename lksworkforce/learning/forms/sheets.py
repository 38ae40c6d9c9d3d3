"""Forms for curating a resource sheet. Each carries the sheet's `edit_version`; the services check
the text again (core.params) and write."""

from typing import Any

from django import forms

from lksworkforce.core.forms import VersionedForm
from lksworkforce.core.params import ParamError, check_text
from lksworkforce.learning.services.sheets import INTRODUCTION_LIMIT, NOTE_LIMIT, RESOURCE_ID_LIMIT, TITLE_LIMIT


class CheckedText(forms.CharField):
    """Text within its limit, with nothing a database cannot store, in the words the API uses."""

    def __init__(self, *, limit: int, what: str, **kwargs: Any) -> None:
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)
        self.limit, self.what = limit, what

    def validate(self, value: Any) -> None:
        super().validate(value)
        try:
            check_text(value or "", max_length=self.limit, what=self.what)
        except ParamError as problem:
            raise forms.ValidationError(str(problem), code="invalid") from None


class SheetDescribeForm(VersionedForm):
    title = CheckedText(limit=TITLE_LIMIT, what="The title", error_messages={"required": "Enter a title for the sheet"})
    introduction = CheckedText(limit=INTRODUCTION_LIMIT, what="The introduction", required=False)


class EntryAddForm(VersionedForm):
    resource_id = forms.IntegerField(
        min_value=1,
        max_value=RESOURCE_ID_LIMIT,
        error_messages={
            "required": "Enter the number of a published resource",
            "invalid": "The resource number must be a whole number, like 42",
            "min_value": "The resource number must be a whole number from 1",
            "max_value": "No published resource has this number",
        },
    )
    note = CheckedText(limit=NOTE_LIMIT, what="The note", required=False)


class EntryNoteForm(VersionedForm):
    note = CheckedText(limit=NOTE_LIMIT, what="The note", required=False)


class EntryMoveForm(VersionedForm):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class EntryRemoveForm(VersionedForm):
    pass
