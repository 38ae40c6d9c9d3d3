"""Loading a survey's YAML definition: the question bank and how the survey asks its questions.
Audited."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.tabular import ErrorCollector
from lksworkforce.core.viewers import Caller
from lksworkforce.surveys import selectors
from lksworkforce.surveys.definition import SurveyDef, parse_definition
from lksworkforce.surveys.models import (
    Option,
    Question,
    Section,
    Survey,
    SurveyOption,
    SurveyQuestion,
)
from lksworkforce.surveys.questions import QuestionKind


@dataclass
class LoadOutcome:
    survey: Survey
    created: bool
    questions_added: int = 0
    options_added: int = 0
    notes: list[str] = field(default_factory=list)


def survey_load(*, data: bytes, filename: str, actor: Caller | None) -> LoadOutcome:
    """Create or replace a survey from its YAML definition. Questions and options join the bank by
    key; a key keeps its type (and a Likert point its score) in every cycle. A survey with responses
    can be reworded and reordered, but not lose a question or option that has answers."""
    definition = parse_definition(data, filename=filename)
    with transaction.atomic():
        existing = Survey.objects.select_for_update().filter(key=definition.key).first()
        bank = selectors.bank_questions(q.key for q in definition.questions)
        compare_with = _check_against_database(definition, existing, bank)
        added_questions, added_options = _update_bank(definition, bank)
        survey = existing or Survey(key=definition.key, import_salt=secrets.token_hex(16))
        survey.title = definition.title
        survey.cycle = definition.cycle
        survey.opens_on = definition.opens_on
        survey.closes_on = definition.closes_on
        survey.introduction = definition.introduction
        survey.uses_invitations = definition.invitations
        survey.needs_question = bank[definition.needs_question] if definition.needs_question else None
        survey.compare_with = compare_with
        survey.save()
        Section.objects.filter(survey=survey).delete()  # and, with them, how the survey asked its questions
        _write_structure(survey, definition, bank)
        audit_record(
            actor=actor,
            action="survey.loaded",
            obj=survey,
            summary=f"Survey definition {survey.key} {'replaced' if existing else 'loaded'}",
            changes={
                "questions": len(definition.questions),
                "questions_added_to_bank": added_questions,
                "options_added_to_bank": added_options,
            },
        )
    return LoadOutcome(survey, existing is None, added_questions, added_options)


def _check_against_database(
    definition: SurveyDef, existing: Survey | None, bank: Mapping[str, Question]
) -> Survey | None:
    errors = ErrorCollector()
    for question in definition.questions:
        held = bank.get(question.key)
        where = f"question {question.key}"
        if held is None:
            continue
        if held.kind != question.kind:
            errors.add_line(
                question.line,
                where,
                question.kind.value,
                f"In the question bank {question.key} is a {held.kind} question. A key keeps its type in every cycle: "
                "give a different question a new key",
            )
        if (held.demographic or None) != (question.demographic.value if question.demographic else None):
            errors.add_line(
                question.line,
                where,
                question.demographic.value if question.demographic else "",
                f"In the question bank {question.key} records demographic '{held.demographic or 'none'}'. "
                "A key keeps its meaning in every cycle",
            )
        scores = {o.key: o.score for o in held.options.all()}
        for option in question.options:
            if option.key in scores and held.kind == QuestionKind.LIKERT and scores[option.key] != option.score:
                errors.add_line(
                    question.line,
                    f"{where}.{option.key}",
                    str(option.score),
                    f"In the question bank this point scores {scores[option.key]}: a score never changes, "
                    "so that means stay comparable",
                )
    compare_with = None
    if definition.compare_with:
        compare_with = Survey.objects.filter(key=definition.compare_with).first()
        if compare_with is None:
            errors.add_line(None, "compare_with", definition.compare_with, "No survey has this key: load it first")
    if existing is not None:
        used = selectors.answered_keys(existing)
        kept = {q.key: {o.key for o in q.options} for q in definition.questions}
        for question_key, option_keys in sorted(used.items()):
            if question_key not in kept:
                errors.add_line(
                    None,
                    f"question {question_key}",
                    question_key,
                    "The survey has answers to this question, so a new version of it must keep the question",
                )
                continue
            for option_key in sorted(option_keys - kept[question_key] - {""}):
                errors.add_line(
                    None,
                    f"question {question_key}.options",
                    option_key,
                    "The survey has answers choosing this option, so a new version of it must keep the option",
                )
    errors.raise_if_any()
    return compare_with


def _update_bank(definition: SurveyDef, bank: dict[str, Question]) -> tuple[int, int]:
    added_questions = added_options = 0
    for question in definition.questions:
        held = bank.get(question.key)
        demographic = question.demographic.value if question.demographic else ""
        if held is None:
            held = Question.objects.create(
                key=question.key, kind=question.kind.value, text=question.text, demographic=demographic
            )
            bank[question.key] = held
            added_questions += 1
        elif held.text != question.text:
            held.text = question.text
            held.save(update_fields=["text"])
        options = {o.key: o for o in held.options.all()}
        new = [
            Option(question=held, key=o.key, label=o.label, score=o.score)
            for o in question.options
            if o.key not in options
        ]
        Option.objects.bulk_create(new)
        added_options += len(new)
        changed = []
        for option in question.options:
            if option.key in options and options[option.key].label != option.label:
                options[option.key].label = option.label
                changed.append(options[option.key])
        Option.objects.bulk_update(changed, ["label"])
    return added_questions, added_options


def _write_structure(survey: Survey, definition: SurveyDef, bank: Mapping[str, Question]) -> None:
    option_ids = {
        (question_id, key): pk
        for pk, question_id, key in Option.objects.filter(question__in=bank.values()).values_list(
            "pk", "question_id", "key"
        )
    }
    position = 0
    survey_options = []
    for number, section_def in enumerate(definition.sections, start=1):
        section = Section.objects.create(
            survey=survey, number=number, title=section_def.title, introduction=section_def.introduction
        )
        for question in section_def.questions:
            position += 1
            held = bank[question.key]
            asked = SurveyQuestion.objects.create(
                survey=survey,
                section=section,
                question=held,
                position=position,
                **{name: getattr(question, name) for name in SurveyQuestion.ASKED_FIELDS},
            )
            survey_options += [
                SurveyOption(survey_question=asked, option_id=option_ids[held.pk, o.key], position=i, label=o.label)
                for i, o in enumerate(question.options, start=1)
            ]
    SurveyOption.objects.bulk_create(survey_options)
