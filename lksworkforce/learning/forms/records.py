"""The learning record form: it parses what the page sent; the service checks it whole."""

from datetime import date
from typing import Any

from django import forms

from lksworkforce.core.capability import PlanStep
from lksworkforce.core.forms import VersionField
from lksworkforce.core.problems import Problem
from lksworkforce.learning.models import LearningRecord
from lksworkforce.learning.selectors.records import SubAreaChoice
from lksworkforce.learning.services.records import MAX_LINKS, MAX_TEXT, MAX_TITLE, RecordEntry

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y"]


class RecordForm(forms.Form):
    title = forms.CharField(required=False, max_length=MAX_TITLE * 2)
    done_on = forms.DateField(
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter a real date, for example 15/3/2026"},
    )
    minutes = forms.IntegerField(
        required=False, error_messages={"invalid": "Enter how long it took as a whole number of minutes"}
    )
    sub_areas = forms.TypedMultipleChoiceField(required=False, coerce=int)
    learnt = forms.CharField(required=False, max_length=MAX_TEXT * 2)
    will_do_differently = forms.CharField(required=False, max_length=MAX_TEXT * 2)
    evidence_links = forms.CharField(required=False, max_length=MAX_LINKS * 600)
    shared_with_manager = forms.BooleanField(required=False)
    resource = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    plan_step = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, sub_areas: list[SubAreaChoice], plan_steps: list[PlanStep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["sub_areas"]
        field.choices = [(choice.id, choice.label) for choice in sub_areas]
        step_field: Any = self.fields["plan_step"]
        step_field.choices = [("", "None of them"), *((step.id, step.description) for step in plan_steps)]

    def entry(self) -> RecordEntry:
        data = self.cleaned_data
        links = tuple(line.strip() for line in (data.get("evidence_links") or "").splitlines() if line.strip())
        return RecordEntry(
            title=data.get("title") or "",
            done_on=data.get("done_on"),
            minutes=data.get("minutes"),
            sub_area_ids=tuple(data.get("sub_areas") or ()),
            learnt=data.get("learnt") or "",
            will_do_differently=data.get("will_do_differently") or "",
            evidence_links=links,
            shared_with_manager=bool(data.get("shared_with_manager")),
            resource_id=data.get("resource"),
            plan_step_id=data.get("plan_step"),
        )

    def add_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            name = problem.field if problem.field in self.fields else None
            self.add_error(name, problem.reason)


class RecordChangeForm(RecordForm):
    edit_version = VersionField()


class RecordRemoveForm(forms.Form):
    edit_version = VersionField()


def record_initial(record: LearningRecord) -> dict[str, Any]:
    done_on: date = record.done_on
    return {
        "title": record.title,
        "done_on": f"{done_on.day}/{done_on.month}/{done_on.year}",
        "minutes": record.minutes,
        "sub_areas": [s.pk for s in record.sub_areas.all()],
        "learnt": record.learnt,
        "will_do_differently": record.will_do_differently,
        "evidence_links": "\n".join(record.evidence_links),
        "shared_with_manager": record.shared_with_manager,
        "resource": record.resource_id,
        "edit_version": record.edit_version,
    }
