"""Every write for surveys: loading definitions, importing responses, invitations, and the survey
form's responses. Keyword-only arguments, one transaction each. Definitions and imports are
audited; anonymous responses are not (an audit entry would tie a person to a time)."""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.concurrency import StaleEdit, claim_version, expected
from lksworkforce.core.disclosure import small_changes
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.core.tabular import ErrorCollector, noting, read_table
from lksworkforce.skills.models import Framework, SubArea
from lksworkforce.surveys import codes, selectors
from lksworkforce.surveys.definition import SurveyDef, parse_definition
from lksworkforce.surveys.importers import ColumnMapping, parse_mapping, table_spec, validate_response_rows
from lksworkforce.surveys.links import parse_links
from lksworkforce.surveys.models import (
    Answer,
    Invitation,
    Option,
    Question,
    Response,
    ResponseSource,
    ResponseStatus,
    Section,
    Survey,
    SurveyOption,
    SurveyQuestion,
)
from lksworkforce.surveys.questions import ParsedAnswer, QuestionKind
from lksworkforce.surveys.selectors import DEMOGRAPHIC_FIELDS, AskedQuestion, SurveyStructure

RESPONSE_BATCH = 2000
CLI_MAX_BYTES = 512 * 1024 * 1024  # files on the national team's own machine
NO_INVITATIONS = "No invitation links were made"
MAX_INVITATIONS = 10_000


# Definitions ------------------------------------------------------------------------------------


@dataclass
class LoadOutcome:
    survey: Survey
    created: bool
    questions_added: int = 0
    options_added: int = 0
    notes: list[str] = field(default_factory=list)


def survey_load(*, data: bytes, filename: str, actor: Any) -> LoadOutcome:
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
                text=question.text,
                hint=question.hint,
                required=question.required,
                max_choices=question.max_choices,
                ranks=question.ranks,
                min_value=question.min_value,
                max_value=question.max_value,
                max_length=question.max_length,
                unit=question.unit,
            )
            survey_options += [
                SurveyOption(survey_question=asked, option_id=option_ids[held.pk, o.key], position=i, label=o.label)
                for i, o in enumerate(question.options, start=1)
            ]
    SurveyOption.objects.bulk_create(survey_options)


# Imports ----------------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    rows: int = 0
    created: int = 0
    already_imported: int = 0
    notes: list[str] = field(default_factory=list)


UNKNOWN_COLUMN_HINT = ". Name the question it answers in a mapping file, or list it there under ignore."


def responses_import(
    *,
    survey: Survey,
    data: bytes,
    filename: str,
    actor: Any,
    mapping_data: bytes | None = None,
    mapping_filename: str = "mapping.yaml",
    max_bytes: int | None = None,
) -> ImportOutcome:
    """Responses from a survey tool's export. All or nothing: a file with any problem changes nothing.
    A row already imported (recognised by the tool's response_id, or else by its answers) is not
    imported again, so re-importing a file, or a later export with more rows, adds only what is new."""
    structure = selectors.survey_structure(survey)
    specs = [q.spec for q in structure.questions]
    mapping = ColumnMapping()
    if mapping_data is not None:
        mapping = parse_mapping(mapping_data, filename=mapping_filename, survey_key=survey.key, questions=specs)
    try:
        table = read_table(
            data, filename=filename, spec=table_spec(specs, mapping), max_bytes=max_bytes or settings.IMPORT_MAX_BYTES
        )
    except Rejected as rejected:
        raise Rejected(
            [
                replace(e, reason=e.reason.rstrip(".") + UNKNOWN_COLUMN_HINT)
                if e.reason.startswith("Unknown column")
                else e
                for e in rejected.problems
            ],
            notes=rejected.notes,
        ) from None
    with noting(table):
        validated = validate_response_rows(table, specs, mapping, salt=survey.import_salt)
    outcome = ImportOutcome(rows=len(validated.rows), notes=[*table.notes, *validated.notes])
    today = selectors.today()
    by_key = {q.key: q for q in structure.questions}
    with transaction.atomic():
        Survey.objects.select_for_update().filter(pk=survey.pk).first()  # one import of a survey at a time
        seen = Counter(
            Response.objects.filter(survey=survey, source=ResponseSource.IMPORT)
            .exclude(import_fingerprint="")
            .values_list("import_fingerprint", flat=True)
        )
        new_rows = []
        for row in validated.rows:
            if seen[row.fingerprint] > 0:
                seen[row.fingerprint] -= 1
                outcome.already_imported += 1
            else:
                new_rows.append(row)
        if new_rows and survey.status_on(today) == "closed":
            _refuse_small_changes(survey, structure, [row.answers for row in new_rows])
        for start in range(0, len(new_rows), RESPONSE_BATCH):
            batch = new_rows[start : start + RESPONSE_BATCH]
            responses = [
                Response(
                    survey=survey,
                    status=ResponseStatus.SUBMITTED,
                    source=ResponseSource.IMPORT,
                    started_on=row.submitted_on or today,
                    submitted_on=row.submitted_on or today,
                    import_fingerprint=row.fingerprint,
                    **demographic_ids(by_key, row.answers),
                )
                for row in batch
            ]
            Response.objects.bulk_create(responses)
            answers_insert(
                [
                    (response.pk, *values)
                    for response, row in zip(responses, batch, strict=True)
                    for key, parsed in row.answers
                    for values in answer_values(by_key[key], parsed)
                ]
            )
        outcome.created = len(new_rows)
        audit_record(
            actor=actor,
            action="survey.responses_imported",
            obj=survey,
            summary=f"{survey.key}: {outcome.created} responses imported, {outcome.already_imported} already held",
            changes={
                "file_sha256": hashlib.sha256(data).hexdigest(),
                "rows": outcome.rows,
                "created": outcome.created,
                "already_imported": outcome.already_imported,
            },
        )
    return outcome


def _refuse_small_changes(survey: Survey, structure: SurveyStructure, rows: list[Any]) -> None:
    """A closed survey's results are published: new responses may change them only if every
    figure (each question's answers, overall and in each group of each breakdown, and the head
    counts) moves by nobody or by at least the threshold of respondents, or a comparison before and
    after the import would give the few away (docs/adr/0011-privacy-over-time.md). While fewer than
    the threshold have responded nothing at all is shown, so the first import may be any size."""
    threshold = suppression_threshold()
    if Response.objects.submitted().filter(survey=survey).count() < threshold:
        return
    by_key = {q.key: q for q in structure.questions}
    groupers = selectors.breakdown_groupers(structure)
    changed: Counter[tuple[str, str, str]] = Counter()
    for answers in rows:
        ids = demographic_ids(by_key, answers)
        groups = [("", "Everyone")] + [
            (breakdown.label.lower(), labels.get(key, key))
            for breakdown, (group_of, labels) in groupers.items()
            for key in [group_of(ids.get(DEMOGRAPHIC_FIELDS[breakdown.demographic]))]
        ]
        for question in ["respondents", *(key for key, _parsed in answers)]:
            changed.update((by, group, question) for by, group in groups)
    small = sorted(small_changes(changed, threshold))
    if small:
        shown = "; ".join(
            f"{changed[cell]} to {cell[1] if not cell[0] else cell[0] + ' ' + cell[1]}"
            f" ({'respondents' if cell[2] == 'respondents' else 'question ' + cell[2]})"
            for cell in small[:5]
        )
        more = f", and {len(small) - 5} more" if len(small) > 5 else ""
        raise Rejected(
            [
                Problem(
                    field="file",
                    reason=f"This survey has closed and its results are published, so new responses must add nobody or at "
                    f"least {threshold} to every published figure, or comparing the results before and after would "
                    f"give their answers away. This file would add {shown}{more}. Import them together with more "
                    "responses, so that every group they add to gains at least "
                    f"{threshold}.",
                )
            ]
        )


# question, option, rank, number, text, is_first
type AnswerValues = tuple[int, int | None, int | None, Decimal | None, str, bool]
ANSWER_COLUMNS = ("response", "question", "option", "rank", "number", "text", "is_first")


def answer_values(question: AskedQuestion, parsed: ParsedAnswer) -> list[AnswerValues]:
    """The rows that store one answer: one per chosen option (with its rank in a ranking), the first
    of them marked (see Answer.is_first)."""
    if parsed.options:
        ids = question.option_ids
        ranked = question.kind is QuestionKind.RANKING
        return [
            (question.id, ids[key], i if ranked else None, None, "", i == 1)
            for i, key in enumerate(parsed.options, start=1)
        ]
    return [(question.id, None, None, parsed.number, parsed.text, True)]


def answers_insert(rows: list[tuple[int, int, int | None, int | None, Decimal | None, str, bool]]) -> None:
    """Insert answer rows (response id first) in one statement per batch, without building a model
    object for each: an import of 100,000 responses writes millions of rows. The database still
    checks every constraint."""
    if not rows:
        return
    table = connection.ops.quote_name(Answer._meta.db_table)
    columns = ", ".join(_column(name) for name in ANSWER_COLUMNS)
    placeholders = ", ".join(["%s"] * len(ANSWER_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608 - names from the model


def _column(name: str) -> str:
    field = Answer._meta.get_field(name)
    assert isinstance(field, models.Field)
    assert field.column
    return connection.ops.quote_name(field.column)


def demographic_ids(by_key: Mapping[str, AskedQuestion], answers: Iterable[tuple[str, ParsedAnswer]]) -> dict[str, int]:
    """The Response columns that copy the demographic answers (see Response)."""
    found = {}
    for key, parsed in answers:
        question = by_key[key]
        if question.demographic is not None and parsed.options:
            found[DEMOGRAPHIC_FIELDS[question.demographic]] = question.option_ids[parsed.options[0]]
    return found


# Links from needs to the skills framework ---------------------------------------------------------


@dataclass
class LinksOutcome:
    question: str
    framework: str
    options_linked: int
    links: int


def skill_links_load(*, data: bytes, filename: str, actor: Any) -> LinksOutcome:
    """Link a question's options (development needs) to sub-areas of a skills framework. The file is
    the whole statement for that question and framework: options it leaves out lose their links to
    the framework. All or nothing, with every problem's line."""
    links = parse_links(data, filename=filename)
    errors = ErrorCollector()
    framework = Framework.objects.filter(key=links.framework).first()
    if framework is None:
        errors.add_line(None, "framework", links.framework, "No skills framework has this key: load it first")
    question = Question.objects.filter(key=links.question).first()
    if question is None:
        errors.add_line(None, "question", links.question, "No question in the question bank has this key")
    elif not QuestionKind(question.kind).has_options:
        errors.add_line(None, "question", links.question, "This question has no options to link")
    errors.raise_if_any()
    assert framework is not None
    assert question is not None
    options = {o.key: o for o in question.options.all()}
    sub_areas = {s.number: s for s in SubArea.objects.filter(framework=framework)}
    for option_key, numbers in links.links.items():
        line = links.lines[option_key]
        if option_key not in options:
            errors.add_line(line, f"links.{option_key}", option_key, f"Not an option of question {question.key}")
        for number in numbers:
            if number not in sub_areas:
                errors.add_line(line, f"links.{option_key}", number, f"Not a sub-area of {framework.key}")
    errors.raise_if_any()
    through = Option.sub_areas.through
    with transaction.atomic():
        through.objects.filter(option__question=question, subarea__framework=framework).delete()
        rows = [
            through(option_id=options[key].pk, subarea_id=sub_areas[number].pk)
            for key, numbers in links.links.items()
            for number in numbers
        ]
        through.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action="survey.skill_links_loaded",
            obj=question,
            summary=f"{question.key} linked to {framework.key}: {len(rows)} links",
            changes={"framework": framework.key, "links": len(rows)},
        )
    return LinksOutcome(question.key, framework.key, sum(1 for n in links.links.values() if n), len(rows))


# Invitations ------------------------------------------------------------------------------------


def invitations_create(*, survey: Survey, count: int, actor: Any) -> list[str]:
    """`count` single-use tokens for invitation links. Shown once: only their hashes are kept, and
    nothing records whom each was sent to."""
    if not 1 <= count <= MAX_INVITATIONS:
        reason = f"Give a count from 1 to {MAX_INVITATIONS:,}"
        raise Rejected([Problem(field="count", value=str(count), reason=reason)], subject=NO_INVITATIONS)
    if not survey.uses_invitations:
        reason = "This survey is open to anyone with its link: set invitations: true in its definition first"
        raise Rejected([Problem(field="survey", value=survey.key, reason=reason)], subject=NO_INVITATIONS)
    tokens = [codes.new_invitation_token() for _ in range(count)]
    today = selectors.today()
    with transaction.atomic():
        Invitation.objects.bulk_create(
            Invitation(survey=survey, token_hash=codes.invitation_hash(t), created_on=today) for t in tokens
        )
        audit_record(
            actor=actor,
            action="survey.invitations_created",
            obj=survey,
            summary=f"{count} invitations for {survey.key}",
        )
    return tokens


# The survey form --------------------------------------------------------------------------------


class SurveyClosed(Exception):  # noqa: N818 - a state, as people would say it
    """The survey is not open today; the message says why."""


class InvitationNeeded(Exception):  # noqa: N818
    """An invitation-only survey, without a usable invitation; the message says why."""


@dataclass(frozen=True)
class Incomplete(Exception):  # noqa: N818
    """Required questions left unanswered: (section number, question key) in survey order."""

    missing: tuple[tuple[int, str], ...]


def response_start(*, survey: Survey, invitation_token: str | None) -> tuple[Response, str]:
    """A new response in progress, and the resume code the respondent holds (shown once)."""
    today = selectors.today()
    if not survey.is_open(today):
        raise SurveyClosed(_closed_message(survey, today))
    invitation = None
    if survey.uses_invitations:
        invitation = _usable_invitation(survey, invitation_token)
    code = codes.new_resume_code()
    response = Response.objects.create(
        survey=survey,
        status=ResponseStatus.IN_PROGRESS,
        source=ResponseSource.WEB,
        started_on=today,
        resume_code_hash=codes.resume_code_hash(code),
        invitation=invitation,
    )
    return response, code


def check_invitation(*, survey: Survey, token: str | None) -> None:
    """Raise InvitationNeeded unless `token` is an unused invitation to this survey."""
    _usable_invitation(survey, token)


def _usable_invitation(survey: Survey, token: str | None) -> Invitation:
    if not token:
        raise InvitationNeeded("This survey is by invitation. Open the link in your invitation email to take part.")
    invitation = Invitation.objects.filter(survey=survey, token_hash=codes.invitation_hash(token)).first()
    if invitation is None:
        raise InvitationNeeded("This invitation link is not valid. Check that you copied the whole link.")
    if invitation.used_on is not None:
        raise InvitationNeeded(
            "This invitation has already been used to send a response. Each invitation can be used once."
        )
    return invitation


def _closed_message(survey: Survey, today: date) -> str:
    if today < survey.opens_on:
        return f"This survey opens on {survey.opens_on.day} {survey.opens_on:%B %Y}."
    return f"This survey closed on {survey.closes_on.day} {survey.closes_on:%B %Y}. Thank you for your interest."


def response_save_section(
    *,
    response: Response,
    structure: SurveyStructure,
    section: int,
    answers: Mapping[str, ParsedAnswer | None],
    expected_version: int | None,
) -> None:
    """Replace the response's answers to one section's questions (a blank answer removes one),
    from the version of the response the page showed: refused (StaleEdit) if the answers were
    saved from another tab or window since (ADR 12)."""
    today = selectors.today()
    if response.status != ResponseStatus.IN_PROGRESS:
        raise SurveyClosed("This response has already been sent.")
    if not structure.survey.is_open(today):
        raise SurveyClosed(_closed_message(structure.survey, today))
    view = structure.section(section)
    if view is None:
        raise ValueError(f"No section {section}")
    version = expected(expected_version)
    with transaction.atomic():
        claimed = claim_version(
            Response.objects.filter(status=ResponseStatus.IN_PROGRESS),
            pk=response.pk,
            version=version,
            last_section=section,
        )
        if not claimed:
            raise StaleEdit("Your answers")
        Answer.objects.filter(response=response, question_id__in=[q.id for q in view.questions]).delete()
        answers_insert(
            [
                (response.pk, *values)
                for question in view.questions
                if (parsed := answers.get(question.key)) is not None
                for values in answer_values(question, parsed)
            ]
        )
        response.last_section, response.edit_version = section, version + 1


def response_submit(*, response: Response, structure: SurveyStructure, expected_version: int | None) -> None:
    """Send the response: required questions answered, the invitation (if any) used up, the resume
    code and invitation forgotten, and only the date kept. Refused (StaleEdit) if answers were
    saved since the check page the person read was shown."""
    today = selectors.today()
    survey = structure.survey
    if response.status != ResponseStatus.IN_PROGRESS:
        raise SurveyClosed("This response has already been sent.")
    if not survey.is_open(today):
        raise SurveyClosed(_closed_message(survey, today))
    stored = selectors.response_answers(response)
    missing = tuple((q.section, q.key) for q in structure.questions if q.required and q.id not in stored)
    if missing:
        raise Incomplete(missing)
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        if response.status != ResponseStatus.IN_PROGRESS:
            raise SurveyClosed("This response has already been sent.")
        if not claim_version(Response.objects, pk=response.pk, version=expected(expected_version)):
            raise StaleEdit("Your answers")
        response.edit_version += 1
        if survey.uses_invitations:
            invitation = (
                Invitation.objects.select_for_update().filter(pk=response.invitation_id).first()
                if response.invitation_id is not None
                else None
            )
            if invitation is None or invitation.used_on is not None:
                raise InvitationNeeded(
                    "This invitation has already been used to send a response. Each invitation can be used once."
                )
            invitation.used_on = today
            invitation.save(update_fields=["used_on"])
        for question in structure.questions:
            if question.demographic is not None:
                chosen = [a.option_id for a in stored.get(question.id, []) if a.option_id]
                setattr(response, DEMOGRAPHIC_FIELDS[question.demographic], chosen[0] if chosen else None)
        response.status = ResponseStatus.SUBMITTED
        response.submitted_on = today
        response.started_on = min(response.started_on, today)
        response.resume_code_hash = None
        response.invitation = None
        response.save()


def responses_in_progress_remove(*, survey: Survey) -> int:
    """Forget unsent responses once a survey has closed: they are never counted."""
    with transaction.atomic():
        unsent = Response.objects.filter(survey=survey, status=ResponseStatus.IN_PROGRESS)
        count = unsent.count()
        unsent.delete()
    return count
