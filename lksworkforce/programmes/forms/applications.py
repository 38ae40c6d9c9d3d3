"""The applications part's forms: they parse what a page sent; the services check it whole."""

from typing import Any

from django import forms

from lksworkforce.core.forms import VersionField
from lksworkforce.core.problems import Problem
from lksworkforce.programmes.services.applications import MAX_REASON, MAX_STATEMENT
from lksworkforce.programmes.services.applications_selection import HIGHEST_SCORE

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y"]
DATE_ERROR = {"invalid": "Enter a real date, for example 15/3/2026"}


class ProblemsForm(forms.Form):
    def add_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.reason)


class ApplyForm(ProblemsForm):
    statement = forms.CharField(required=False, max_length=MAX_STATEMENT * 2)
    could_not_travel = forms.BooleanField(required=False)


class SupportForm(ProblemsForm):
    edit_version = VersionField()
    supported = forms.TypedChoiceField(
        required=False,
        choices=[("yes", "I support this application"), ("no", "I do not support this application")],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )
    reason = forms.CharField(required=False, max_length=MAX_REASON * 2)


class ReplyForm(ProblemsForm):
    edit_version = VersionField()
    answer = forms.ChoiceField(
        choices=[("accept", "Accept the place"), ("decline", "Decline the place")],
        error_messages={"required": "Say whether you accept or decline the place"},
    )


class WithdrawForm(ProblemsForm):
    edit_version = VersionField()


class ScoreForm(ProblemsForm):
    edit_version = VersionField()

    def __init__(self, *args: Any, criteria: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for index, name in enumerate(criteria):
            self.fields[f"criterion_{index}"] = forms.IntegerField(
                required=False,
                label=name,
                error_messages={"invalid": f"Score {name} as a whole number from 0 to {HIGHEST_SCORE}"},
            )

    def scores(self) -> dict[int, int | None]:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {index: data.get(f"criterion_{index}") for index in range(len(self.criteria))}


class OfferForm(ProblemsForm):
    reply_by = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_ERROR)


class ReplyByForm(OfferForm):
    edit_version = VersionField()
