"""Surveys benchmarks (issue 5's budget), each against its baseline measured in the same run:

- survey_import: 100,000 responses x 30 questions from CSV through `lksw survey_import`'s service
  (read, validate every cell, recognise re-imports, write), against a bare bulk insert of the same
  answers (already parsed) into the same tables. Budget 3x.
- survey_top_ten: the top ten of the needs question with every breakdown (band group, role, region,
  organisation type), as rows ready for any surface, against one hand-written SQL aggregate (the
  needs' counts) over the same tables. Budget 3x.
- survey_results_page, survey_questions_page, survey_export_csv: the results page, every question's
  summary and the CSV export, for context (report only): none may time out.

`--scale small` uses 10,000 responses. The import is slow enough that it is measured twice, after no
warm-up, candidate and baseline interleaved (the figure notes say so)."""

import csv
import io
import random
import statistics
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.test import Client

from benchmarks.timing import Result, compare, elapsed_ms
from lksworkforce.surveys.definition import SectionDef, SurveyDef, definition_to_yaml
from lksworkforce.surveys.demo.plan import AGREEMENT, demo_respondents, demo_survey_definitions
from lksworkforce.surveys.questions import SUBMITTED_ON_COLUMN, OptionDef, QuestionDef, QuestionKind

if TYPE_CHECKING:
    from lksworkforce.surveys.models import Survey

NAMES: tuple[str, ...] = (
    "survey_import",
    "survey_top_ten",
    "survey_results_page",
    "survey_questions_page",
    "survey_export_csv",
)
BUDGET = 3.0
RESPONSES = {"national": 100_000, "small": 10_000}
IMPORT_REPETITIONS = 2
KEY = "bench-survey"


def definition() -> SurveyDef:
    """The demo's 2019 survey (15 questions of every type) and 15 more, as a 30-question survey."""
    base = demo_survey_definitions()[1]
    more = (
        tuple(
            QuestionDef(f"statement_{n}", QuestionKind.LIKERT, f"Statement {n} about development", options=AGREEMENT)
            for n in range(1, 9)
        )
        + tuple(
            QuestionDef(
                f"choice_{n}",
                QuestionKind.SINGLE_CHOICE,
                f"Choice question {n}",
                options=tuple(OptionDef(f"answer_{k}", f"Answer {k}") for k in range(1, 6)),
            )
            for n in range(1, 6)
        )
        + tuple(
            QuestionDef(f"count_{n}", QuestionKind.NUMBER, f"Count {n}", min_value=Decimal(0), max_value=Decimal(100))
            for n in range(1, 3)
        )
    )
    return replace(
        base,
        key=KEY,
        title="Benchmark survey",
        compare_with=None,
        sections=(*base.sections, SectionDef(title="More questions", questions=more)),
    )


def response_file(survey: SurveyDef, count: int) -> bytes:
    rng = random.Random("lksw-bench-survey")
    columns = [q.key for q in survey.questions]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([SUBMITTED_ON_COLUMN, *columns])
    for respondent in demo_respondents(survey, count, seed=1):
        extra = {f"statement_{n}": rng.choice(("agree", "disagree", "neither", "strongly_agree")) for n in range(1, 9)}
        extra |= {f"choice_{n}": f"answer_{rng.randint(1, 5)}" for n in range(1, 6)}
        extra |= {f"count_{n}": str(rng.randint(0, 100)) for n in range(1, 3)}
        answers = respondent.answers | extra
        writer.writerow([respondent.submitted_on.isoformat(), *(answers.get(c, "") for c in columns)])
    return out.getvalue().encode()


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:
    from benchmarks.database import migrate, throwaway_database

    with throwaway_database("surveys", folder):
        migrate()
        return _run(scale, selected)


def _run(scale: str, selected: list[str]) -> tuple[list[Result], list[str]]:
    from lksworkforce.accounts.models import Membership, User
    from lksworkforce.accounts.people import Role
    from lksworkforce.surveys import selectors, services

    count = RESPONSES.get(scale, RESPONSES["national"])
    survey_def = definition()
    survey = services.survey_load(
        data=definition_to_yaml(survey_def).encode(), filename="bench.yaml", actor=None
    ).survey
    data = response_file(survey_def, count)
    results: list[Result] = []
    context = [
        f"Surveys: {count:,} responses x {len(survey_def.questions)} questions, a {len(data) / 1024 / 1024:,.1f} MiB CSV file."
    ]

    def candidate_import() -> None:
        outcome = services.responses_import(
            survey=survey, data=data, filename="bench.csv", actor=None, max_bytes=services.CLI_MAX_BYTES
        )
        if outcome.created != count:
            raise RuntimeError(f"Imported {outcome.created}, not {count}: the reset failed")

    if "survey_import" in selected:
        answer_rows = _answer_rows(survey, data)
        context.append(f"Surveys: {sum(len(a) for _, a in answer_rows):,} answer rows in the import.")
        result = _compare_few(
            "survey_import",
            candidate_import,
            lambda: _bulk_insert(survey, answer_rows),
            BUDGET,
            _clear,
            IMPORT_REPETITIONS,
        )
        result.notes.append(
            f"median of {IMPORT_REPETITIONS} runs, no warm-up; candidate: CSV bytes -> read, validate, dedupe, write; "
            "baseline: the already-parsed responses (bulk_create) and answers (executemany) inserted"
        )
        results.append(result)

    if not set(selected) - {"survey_import"}:
        return results, context
    _clear()
    candidate_import()
    survey.refresh_from_db()
    question = selectors.survey_structure(survey).question("development_needs")
    assert question is not None

    if "survey_top_ten" in selected:
        from lksworkforce.surveys import presenters
        from lksworkforce.surveys.questions import Breakdown

        def top_ten_with_breakdowns() -> object:
            report = selectors.ranking_report(survey, "development_needs", top=10, compare=False)
            return [presenters.ranking_rows(report, by, compared=False) for by in (None, *Breakdown)]

        def baseline() -> object:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT a.option_id, COUNT(*) FROM surveys_answer a "
                    "JOIN surveys_response r ON r.id = a.response_id "
                    "WHERE r.survey_id = %s AND r.status = 'submitted' AND a.question_id = %s "
                    "GROUP BY a.option_id",
                    [survey.pk, question.id],
                )
                return cursor.fetchall()

        result = compare("survey_top_ten", top_ten_with_breakdowns, baseline, BUDGET)
        result.notes.append(
            "candidate: overall and 4 breakdowns with suppression and Wilson intervals; baseline: one GROUP BY"
        )
        results.append(result)

    user = User.objects.create_user("bench-national@example.invalid", "bench-password-not-used", full_name="Bench")
    Membership.objects.create(user=user, role=Role.NATIONAL_TEAM.value)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    pages = {
        "survey_results_page": f"/surveys/{KEY}/results/",
        "survey_questions_page": f"/surveys/{KEY}/results/questions/",
        "survey_export_csv": f"/surveys/{KEY}/results/?format=csv&by=role",
    }
    for name, path in pages.items():
        if name not in selected:
            continue

        def get(path: str = path) -> object:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path} answered {response.status_code}")
            return response

        times = [elapsed_ms(get) for _ in range(4)][1:]
        results.append(Result(name, statistics.median(times), budget_label="no time-out"))
    return results, context


# One answer row as the baseline inserts it (question, option, rank, number, text, is_first), and
# one response: the keyword arguments of its Response (a date and demographic ids, hence Any) and
# its answer rows.
type AnswerRow = tuple[int, int | None, int | None, Decimal | None, str, bool]
type ParsedResponse = tuple[dict[str, Any], list[AnswerRow]]


def _answer_rows(survey: "Survey", data: bytes) -> list[ParsedResponse]:
    """The file's answers parsed once, outside the timing: what the baseline inserts."""
    from lksworkforce.core.tabular import read_table
    from lksworkforce.surveys import selectors
    from lksworkforce.surveys.importers import ColumnMapping, table_spec, validate_response_rows
    from lksworkforce.surveys.services import CLI_MAX_BYTES, answer_values, demographic_ids

    structure = selectors.survey_structure(survey)
    specs = structure.questions
    table = read_table(data, filename="bench.csv", spec=table_spec(specs, ColumnMapping()), max_bytes=CLI_MAX_BYTES)
    rows = validate_response_rows(table, specs, ColumnMapping(), salt="bench").rows
    by_key = {q.key: q for q in structure.questions}
    parsed: list[ParsedResponse] = []
    for row in rows:
        answers = [values for key, answer in row.answers for values in answer_values(by_key[key], answer)]
        parsed.append(({"submitted_on": row.submitted_on, **demographic_ids(by_key, row.answers)}, answers))
    return parsed


@transaction.atomic
def _bulk_insert(survey: "Survey", rows: list[ParsedResponse]) -> None:
    """The bare insert: the responses with bulk_create (their ids are needed), then every answer row
    in one executemany per batch."""
    from lksworkforce.surveys.models import Answer, Response, ResponseSource, ResponseStatus
    from lksworkforce.surveys.services import RESPONSE_BATCH

    table = Answer._meta.db_table
    sql = (
        f"INSERT INTO {table} (response_id, question_id, option_id, rank, number, text, is_first) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s)"
    )
    for start in range(0, len(rows), RESPONSE_BATCH):
        batch = rows[start : start + RESPONSE_BATCH]
        responses = [
            Response(
                survey=survey,
                status=ResponseStatus.SUBMITTED,
                source=ResponseSource.IMPORT,
                started_on=fields["submitted_on"],
                **fields,
            )
            for fields, _answers in batch
        ]
        Response.objects.bulk_create(responses)
        with connection.cursor() as cursor:
            cursor.executemany(
                sql,
                [
                    (response.pk, *values)
                    for response, (_fields, answers) in zip(responses, batch, strict=True)
                    for values in answers
                ],
            )


def _clear() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM surveys_answer")
        cursor.execute("DELETE FROM surveys_response")
        cursor.execute("DELETE FROM core_auditevent WHERE action = 'survey.responses_imported'")


def _compare_few(
    name: str,
    candidate: Callable[[], object],
    baseline: Callable[[], object],
    budget: float,
    reset: Callable[[], object],
    repetitions: int,
) -> Result:
    """As timing.compare, with fewer repetitions and no warm-up, for a benchmark that takes minutes."""
    candidate_times, baseline_times = [], []
    for _ in range(repetitions):
        reset()
        candidate_times.append(elapsed_ms(candidate))
        reset()
        baseline_times.append(elapsed_ms(baseline))
    reset()
    return Result(name, statistics.median(candidate_times), statistics.median(baseline_times), budget)
