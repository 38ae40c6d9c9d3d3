"""How answers are stored: the rows for one answer, inserted in bulk, and the demographic columns a
response copies from its answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import connection, models

from lksworkforce.surveys.models import (
    Answer,
)
from lksworkforce.surveys.questions import ParsedAnswer, QuestionKind
from lksworkforce.surveys.selectors.structure import DEMOGRAPHIC_FIELDS, AskedQuestion

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
