"""A survey's structure as it asks it (sections, questions, options with the bank ids answers point
at), the definition it was loaded from, and the question bank."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from lksworkforce.surveys.definition import OptionDef, QuestionDef, SectionDef, SurveyDef
from lksworkforce.surveys.models import (
    Answer,
    Question,
    Section,
    Survey,
    SurveyOption,
    SurveyQuestion,
)
from lksworkforce.surveys.questions import (
    Demographic,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
)

# Response columns holding each demographic answer (see Response).
DEMOGRAPHIC_FIELDS = {
    Demographic.BAND: "band_id",
    Demographic.ROLE: "role_id",
    Demographic.REGION: "region_id",
    Demographic.ORGANISATION_TYPE: "organisation_type_id",
}


@dataclass(frozen=True)
class AskedOption:
    id: int
    key: str
    label: str
    score: int | None


@dataclass(frozen=True)
class AskedQuestion:
    """A question as one survey asks it, with the bank ids that answers point at."""

    id: int
    key: str
    kind: QuestionKind
    text: str
    hint: str
    required: bool
    demographic: Demographic | None
    section: int
    options: tuple[AskedOption, ...]
    max_choices: int | None
    ranks: int | None
    min_value: Decimal | None
    max_value: Decimal | None
    max_length: int | None
    unit: str
    spec: QuestionSpec = field(compare=False)

    @cached_property
    def option_ids(self) -> dict[str, int]:
        return {o.key: o.id for o in self.options}

    @cached_property
    def labels(self) -> dict[str, str]:
        return {o.key: o.label for o in self.options}


@dataclass(frozen=True)
class SectionView:
    number: int
    title: str
    introduction: str
    questions: tuple[AskedQuestion, ...]


@dataclass(frozen=True)
class SurveyStructure:
    survey: Survey
    sections: tuple[SectionView, ...]

    @property
    def questions(self) -> list[AskedQuestion]:
        return [q for s in self.sections for q in s.questions]

    def question(self, key: str) -> AskedQuestion | None:
        return next((q for q in self.questions if q.key == key), None)

    def section(self, number: int) -> SectionView | None:
        return next((s for s in self.sections if s.number == number), None)

    def demographic_question(self, demographic: Demographic) -> AskedQuestion | None:
        return next((q for q in self.questions if q.demographic is demographic), None)


def survey_structure(survey: Survey) -> SurveyStructure:
    """Sections, questions and options as the survey asks them: three queries."""
    sections = list(Section.objects.filter(survey=survey).order_by("number"))
    asked = list(SurveyQuestion.objects.filter(survey=survey).select_related("question").order_by("position"))
    options_by_question: dict[int, list[AskedOption]] = defaultdict(list)
    for survey_option in (
        SurveyOption.objects.filter(survey_question__survey=survey)
        .select_related("option")
        .order_by("survey_question_id", "position")
    ):
        option = survey_option.option
        options_by_question[survey_option.survey_question_id].append(
            AskedOption(option.pk, option.key, survey_option.label, option.score)
        )
    by_section: dict[int, list[AskedQuestion]] = defaultdict(list)
    for sq in asked:
        options = tuple(options_by_question[sq.pk])
        kind = QuestionKind(sq.question.kind)
        spec = QuestionSpec(
            key=sq.question.key,
            kind=kind,
            text=sq.text,
            options=tuple(OptionSpec(o.key, o.label, o.score) for o in options),
            required=sq.required,
            max_choices=sq.max_choices,
            ranks=sq.ranks,
            min_value=sq.min_value,
            max_value=sq.max_value,
            max_length=sq.max_length,
        )
        by_section[sq.section_id].append(
            AskedQuestion(
                id=sq.question_id,
                key=sq.question.key,
                kind=kind,
                text=sq.text,
                hint=sq.hint,
                required=sq.required,
                demographic=Demographic(sq.question.demographic) if sq.question.demographic else None,
                section=next(s.number for s in sections if s.pk == sq.section_id),
                options=options,
                max_choices=sq.max_choices,
                ranks=sq.ranks,
                min_value=sq.min_value,
                max_value=sq.max_value,
                max_length=sq.max_length,
                unit=sq.unit,
                spec=spec,
            )
        )
    return SurveyStructure(
        survey=survey,
        sections=tuple(SectionView(s.number, s.title, s.introduction, tuple(by_section[s.pk])) for s in sections),
    )


def survey_definition(survey: Survey) -> SurveyDef:
    """The survey as its YAML definition describes it (for `survey_export` and the API)."""
    structure = survey_structure(survey)
    return SurveyDef(
        key=survey.key,
        title=survey.title,
        cycle=survey.cycle,
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        introduction=survey.introduction,
        invitations=survey.uses_invitations,
        needs_question=survey.needs_question.key if survey.needs_question else None,
        compare_with=survey.compare_with.key if survey.compare_with else None,
        sections=tuple(
            SectionDef(
                title=s.title,
                introduction=s.introduction,
                questions=tuple(
                    QuestionDef(
                        key=q.key,
                        kind=q.kind,
                        text=q.text,
                        hint=q.hint,
                        required=q.required,
                        demographic=q.demographic,
                        options=tuple(OptionDef(o.key, o.label, o.score) for o in q.options),
                        max_choices=q.max_choices,
                        ranks=q.ranks,
                        min_value=q.min_value,
                        max_value=q.max_value,
                        max_length=q.max_length,
                        unit=q.unit,
                    )
                    for q in s.questions
                ),
            )
            for s in structure.sections
        ),
    )


def bank_questions(keys: Iterable[str]) -> dict[str, Question]:
    return {q.key: q for q in Question.objects.filter(key__in=list(keys)).prefetch_related("options")}


def answered_keys(survey: Survey) -> dict[str, set[str]]:
    """Question key -> option keys (with "" for a question answered without options) that stored
    answers to this survey use: what a reloaded definition must keep."""
    used: dict[str, set[str]] = defaultdict(set)
    rows = (
        Answer.objects.filter(response__survey=survey).values_list("question__key", "option__key").distinct().order_by()
    )
    for question_key, option_key in rows:
        used[question_key].add(option_key or "")
    return used
