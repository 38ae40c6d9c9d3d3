"""Responses: unsent ones, resuming one, and a response's stored answers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from lksworkforce.surveys.models import (
    Answer,
    Response,
    ResponseStatus,
    Survey,
)
from lksworkforce.surveys.questions import (
    ParsedAnswer,
)
from lksworkforce.surveys.selectors.structure import AskedQuestion


def unsent_count(survey: Survey) -> int:
    return Response.objects.filter(survey=survey, status=ResponseStatus.IN_PROGRESS).count()


def resumable_response(survey: Survey, code_hash: str) -> Response | None:
    return Response.objects.filter(survey=survey, status=ResponseStatus.IN_PROGRESS, resume_code_hash=code_hash).first()


def response_answers(response: Response) -> dict[int, list[Answer]]:
    """A response's stored answers by question id (options in rank order for rankings)."""
    by_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in response.answers.select_related("option").order_by("question_id", "rank", "id"):
        by_question[answer.question_id].append(answer)
    return by_question


def stored_answers(response: Response, questions: Iterable[AskedQuestion]) -> dict[str, ParsedAnswer]:
    """A response's answers as the form shows them again (options in rank order)."""
    stored = response_answers(response)
    parsed = {}
    for question in questions:
        rows = stored.get(question.id)
        if not rows:
            continue
        if rows[0].option_id is not None:
            parsed[question.key] = ParsedAnswer(options=tuple(a.option.key for a in rows if a.option))
        else:
            parsed[question.key] = ParsedAnswer(number=rows[0].number, text=rows[0].text)
    return parsed
