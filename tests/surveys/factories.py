"""Surveys for the tests: a small survey open today (through the real loader), and responses written
through the real import, so every test data path is one a person could take."""

import csv
import datetime
import io
import itertools
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from django.utils import timezone

from lksworkforce.surveys.models import Survey
from lksworkforce.surveys.services import responses_import, survey_load

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats"
EXAMPLES = DOCS / "examples"

NEEDS = (
    ("searching", "Literature searching"),
    ("appraisal", "Critical appraisal"),
    ("impact", "Demonstrating value and impact"),
    ("technology", "Emerging technologies"),
    ("marketing", "Marketing and promotion"),
    ("leadership", "Leadership"),
)


def small_definition(
    key: str = "test-survey",
    *,
    cycle: int = 2025,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    needs: Sequence[tuple[str, str]] = NEEDS,
    compare_with: str | None = None,
    invitations: bool = False,
    needs_text: str = "Which of these would you like to develop?",
) -> str:
    """A survey of three sections with every question type and the four demographics."""
    today = timezone.localdate()
    opens_on = opens_on or today - datetime.timedelta(days=10)
    closes_on = closes_on or today + datetime.timedelta(days=20)
    need_lines = "\n".join(f"          - {{key: {k}, label: {label}}}" for k, label in needs)
    return f"""
key: {key}
title: Test survey {cycle}
cycle: {cycle}
opens_on: {opens_on.isoformat()}
closes_on: {closes_on.isoformat()}
introduction: A survey for the tests.
invitations: {"true" if invitations else "false"}
needs_question: needs
{f"compare_with: {compare_with}" if compare_with else ""}
sections:
  - title: About you
    questions:
      - key: band
        type: single_choice
        text: What is your band?
        required: true
        demographic: band
        options:
          - {{key: "3", label: Band 3}}
          - {{key: "4", label: Band 4}}
          - {{key: "6", label: Band 6}}
          - {{key: 8a, label: Band 8a}}
          - {{key: prefer_not_to_say, label: Prefer not to say}}
      - key: role
        type: single_choice
        text: What is your role?
        demographic: role
        options:
          - {{key: assistant, label: Library assistant}}
          - {{key: librarian, label: Librarian}}
          - {{key: manager, label: Service manager}}
      - key: region
        type: single_choice
        text: Where do you work?
        demographic: region
        options:
          - {{key: north, label: North}}
          - {{key: south, label: South}}
      - key: organisation_type
        type: single_choice
        text: What type of organisation do you work for?
        demographic: organisation_type
        options:
          - {{key: acute, label: Acute trust}}
          - {{key: mental_health, label: Mental health trust}}
  - title: Your development
    introduction: What you want to learn next.
    questions:
      - key: needs
        type: multiple_choice
        text: {needs_text}
        hint: Select all that apply.
        required: true
        options:
{need_lines}
      - key: priorities
        type: ranking
        text: Put your top two priorities in order
        ranks: 2
        options:
          - {{key: searching_area, label: Searching}}
          - {{key: leading_area, label: Leading}}
          - {{key: teaching_area, label: Teaching}}
      - key: other_needs
        type: free_text
        text: Anything else you would like to develop?
        max_length: 500
  - title: Learning
    questions:
      - key: framework_use
        type: likert
        text: I use the skills framework to plan my development
        options:
          - {{key: disagree, label: Disagree, score: 1}}
          - {{key: neutral, label: Neither agree nor disagree, score: 2}}
          - {{key: agree, label: Agree, score: 3}}
      - key: cpd_hours
        type: number
        text: Hours of development last year
        min: 0
        max: 1000
        unit: hours
"""


def load_survey(text: str | None = None, **kwargs: object) -> Survey:
    definition = text if text is not None else small_definition(**kwargs)  # type: ignore[arg-type]
    return survey_load(data=definition.encode(), filename="survey.yaml", actor=None).survey


def load_example(key: str) -> Survey:
    path = EXAMPLES / f"survey-{key}.yaml"
    return survey_load(data=path.read_bytes(), filename=path.name, actor=None).survey


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Responses")
    sheet.write_row(0, 0, header)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value == "":
                continue
            sheet.write(number, column, value)
    book.close()
    return out.getvalue()


RESPONSE_HEADER = [
    "band",
    "role",
    "region",
    "organisation_type",
    "needs",
    "priorities",
    "framework_use",
    "cpd_hours",
    "other_needs",
]


_RESPONSE_IDS = itertools.count(1)


def respond(survey: Survey, rows: Sequence[dict[str, str]]) -> int:
    """Import one response per dict (question key -> cell text); returns how many were created. Each
    row gets its own response_id, so that identical answers in separate calls are separate people."""
    columns = ["response_id", *RESPONSE_HEADER]
    data = csv_bytes(columns, [[f"t{next(_RESPONSE_IDS)}", *(row.get(c, "") for c in RESPONSE_HEADER)] for row in rows])
    return responses_import(survey=survey, data=data, filename="responses.csv", actor=None).created


def people(count: int, **answers: str) -> list[dict[str, str]]:
    """`count` respondents giving the same answers."""
    return [dict(answers) for _ in range(count)]


def close(*keys: str) -> None:
    """The surveys close (yesterday): their results are published to every signed-in person. While
    a survey is open only the national team sees its results (docs/adr/0011-privacy-over-time.md)."""
    today = timezone.localdate()
    Survey.objects.filter(key__in=keys).update(
        opens_on=today - datetime.timedelta(days=30), closes_on=today - datetime.timedelta(days=1)
    )


def ranking_figures(row: dict[str, str], threshold: int = 5) -> dict[str, object]:
    """A ranking row of the CSV as the API sends it: numbers, null where the CSV is empty, and why a
    count is hidden ("fewer than 5": a small group; "not shown ...": protecting a smaller one)."""
    people = row["respondents"]
    suppressed = (
        "small_group"
        if people == f"fewer than {threshold}"
        else "protects_smaller_group"
        if people.startswith("not shown")
        else None
    )
    figure: dict[str, object] = {"group": row["group"], "option": row["option"] or None}
    for key in ("rank", "previous_rank"):  # without a comparison, the API's previous_* are null
        figure[key] = int(row[key]) if row.get(key) else None
    for key in ("percent", "ci_low", "ci_high", "previous_percent"):
        figure[key] = float(row[key]) if row.get(key) else None
    figure["respondents"] = None if suppressed else int(people)
    return figure | {"suppressed": suppressed}
