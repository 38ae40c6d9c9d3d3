"""A survey's structure as it asks it (sections, questions, options with the bank ids answers point
at), the definition it was loaded from, and the question bank."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

from lksworkforce.surveys.definition import SectionDef, SurveyDef
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
    OptionDef,
    QuestionDef,
    QuestionKind,
)

# Response columns holding each demographic answer (see Response).
DEMOGRAPHIC_FIELDS = {
    Demographic.BAND: "band_id",
    Demographic.ROLE: "role_id",
    Demographic.REGION: "region_id",
    Demographic.ORGANISATION_TYPE: "organisation_type_id",
}


@dataclass(frozen=True, kw_only=True)
class AskedQuestion(QuestionDef):
    """A question as one survey asks it: its definition, with the bank ids its answers point at."""

    id: int
    section: int  # the number of the section it is in
    option_ids: Mapping[str, int] = field(compare=False)

    @property
    def definition(self) -> QuestionDef:
        """The question as a definition file gives it, without the ids."""
        return QuestionDef(**{f.name: getattr(self, f.name) for f in fields(QuestionDef)})


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
    options_by_question: dict[int, list[tuple[int, OptionDef]]] = defaultdict(list)
    for survey_option in (
        SurveyOption.objects.filter(survey_question__survey=survey)
        .select_related("option")
        .order_by("survey_question_id", "position")
    ):
        option = survey_option.option
        options_by_question[survey_option.survey_question_id].append(
            (option.pk, OptionDef(option.key, survey_option.label, option.score))
        )
    section_numbers = {s.pk: s.number for s in sections}
    by_section: dict[int, list[AskedQuestion]] = defaultdict(list)
    for sq in asked:
        options = options_by_question[sq.pk]
        by_section[sq.section_id].append(
            AskedQuestion(
                key=sq.question.key,
                kind=QuestionKind(sq.question.kind),
                demographic=Demographic(sq.question.demographic) if sq.question.demographic else None,
                options=tuple(option for _id, option in options),
                **{name: getattr(sq, name) for name in SurveyQuestion.ASKED_FIELDS},
                id=sq.question_id,
                section=section_numbers[sq.section_id],
                option_ids={option.key: option_id for option_id, option in options},
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
                questions=tuple(q.definition for q in s.questions),
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
