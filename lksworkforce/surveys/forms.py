"""The survey form, one section per page. Answers are read by the same rules as imports
(`questions.parse_answer`), so the form and a tool's export accept exactly the same answers.

Fields are named after question keys; a ranking has one select per place (`<key>-1`, `<key>-2`...).
The first element of each question has the id `q-<key>`, which the error summary links to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import QueryDict

from lksworkforce.surveys.questions import AnswerError, ParsedAnswer, QuestionKind, parse_answer, plain_number
from lksworkforce.surveys.selectors.structure import AskedQuestion, SectionView

PLACES = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth")


def field_id(question: AskedQuestion) -> str:
    return f"q-{question.key}"


def place_name(place: int) -> str:
    return PLACES[place - 1] if place <= len(PLACES) else f"Number {place}"


def required_message(question: AskedQuestion) -> str:
    """The same words next to the field and in the error summary, naming the question."""
    what = {
        QuestionKind.SINGLE_CHOICE: "Select an answer",
        QuestionKind.LIKERT: "Select an answer",
        QuestionKind.MULTIPLE_CHOICE: "Select at least one answer",
        QuestionKind.RANKING: "Choose your first choice",
        QuestionKind.NUMBER: "Enter a number",
        QuestionKind.FREE_TEXT: "Enter an answer",
    }[question.kind]
    return f"{what} for: {question.text}"


class SectionForm:
    """One page of the survey: bound to what was posted, or showing what was saved before."""

    def __init__(
        self, section: SectionView, data: QueryDict | None = None, saved: Mapping[str, ParsedAnswer] | None = None
    ) -> None:
        self.section = section
        self.data = data
        self.saved = dict(saved or {})
        self.errors: dict[str, str] = {}
        self.cleaned: dict[str, ParsedAnswer | None] = {}

    @property
    def is_bound(self) -> bool:
        return self.data is not None

    def is_valid(self, *, require: bool) -> bool:
        """Read every answer; with `require`, required questions must be answered."""
        assert self.data is not None
        self.errors, self.cleaned = {}, {}
        for question in self.section.questions:
            try:
                answer = parse_answer(question, self._raw(question), separator="\x00", on_the_form=True)
            except AnswerError as problem:
                self.errors[question.key] = str(problem)
                continue
            if answer is None and require and question.required:
                self.errors[question.key] = required_message(question)
                continue
            self.cleaned[question.key] = answer
        return not self.errors

    def _raw(self, question: AskedQuestion) -> str | list[str]:
        assert self.data is not None
        if question.kind is QuestionKind.RANKING:
            places = [
                self.data.get(f"{question.key}-{place}", "").strip() for place in range(1, question.rank_count + 1)
            ]
            while places and not places[-1]:
                places.pop()
            if "" in places:
                first_gap = places.index("") + 1
                raise_gap = f"Choose your {place_name(first_gap).lower()} choice before your {place_name(first_gap + 1).lower()}"
                raise AnswerError(raise_gap)
            return places
        if question.kind is QuestionKind.MULTIPLE_CHOICE:
            return self.data.getlist(question.key)
        if question.kind in {QuestionKind.SINGLE_CHOICE, QuestionKind.LIKERT}:
            values = self.data.getlist(question.key)
            return values[0] if len(values) == 1 else values
        return self.data.get(question.key, "")

    def error_list(self) -> list[dict[str, str]]:
        return [
            {"text": self.errors[q.key], "href": f"#{field_id(q)}"}
            for q in self.section.questions
            if q.key in self.errors
        ]

    def fields(self) -> list[dict[str, Any]]:
        """What the template needs for each question: its values, as posted or as saved."""
        return [self._field(q) for q in self.section.questions]

    def _field(self, question: AskedQuestion) -> dict[str, Any]:
        field: dict[str, Any] = {
            "question": question,
            "id": field_id(question),
            "error": {"text": self.errors[question.key]} if question.key in self.errors else None,
            "hint": question.hint or None,
        }
        kind = question.kind
        if self.data is not None:
            if kind is QuestionKind.RANKING:
                chosen = [self.data.get(f"{question.key}-{p}", "") for p in range(1, question.rank_count + 1)]
            elif kind in {QuestionKind.MULTIPLE_CHOICE, QuestionKind.SINGLE_CHOICE, QuestionKind.LIKERT}:
                chosen = self.data.getlist(question.key)
            else:
                field["value"] = self.data.get(question.key, "")
                return field
        else:
            saved = self.saved.get(question.key)
            if kind in {QuestionKind.NUMBER, QuestionKind.FREE_TEXT}:
                field["value"] = (
                    "" if saved is None else (plain_number(saved.number) if saved.number is not None else saved.text)
                )
                return field
            chosen = list(saved.options) if saved else []
        if kind is QuestionKind.RANKING:
            field["places"] = [
                {
                    "id": field_id(question) if place == 1 else f"{field_id(question)}-{place}",
                    "name": f"{question.key}-{place}",
                    "label": f"{place_name(place)} choice",
                    "items": [{"value": "", "text": "Not chosen", "selected": not _at(chosen, place)}]
                    + [
                        {"value": o.key, "text": o.label, "selected": _at(chosen, place) == o.key}
                        for o in question.options
                    ],
                }
                for place in range(1, question.rank_count + 1)
            ]
        else:
            field["items"] = [{"value": o.key, "text": o.label, "checked": o.key in chosen} for o in question.options]
        return field


def _at(chosen: list[str], place: int) -> str:
    return chosen[place - 1] if len(chosen) >= place else ""


class ResumeForm(forms.Form):
    code = forms.CharField(
        label="Your resume code",
        max_length=40,
        error_messages={"required": "Enter your resume code"},
        help_text="The 12 letters and numbers you were given when you saved your answers, like K7QM-2XRD-W9TP.",
    )


class ResponseImportForm(forms.Form):
    file = forms.FileField(
        label="Responses file", error_messages={"required": "Choose the CSV or XLSX file of responses"}
    )
    mapping = forms.FileField(label="Mapping file (optional)", required=False)


class DefinitionForm(forms.Form):
    file = forms.FileField(label="Survey definition", error_messages={"required": "Choose the YAML file of the survey"})
