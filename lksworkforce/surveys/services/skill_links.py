"""Links from a needs question's options to sub-areas of a skills framework. Audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.capability import framework_sub_areas
from lksworkforce.core.tabular import ErrorCollector
from lksworkforce.core.viewers import Caller
from lksworkforce.surveys.links import parse_links
from lksworkforce.surveys.models import (
    Option,
    Question,
)
from lksworkforce.surveys.questions import QuestionKind


@dataclass
class LinksOutcome:
    question: str
    framework: str
    options_linked: int
    links: int


def skill_links_load(*, data: bytes, filename: str, actor: Caller | None) -> LinksOutcome:
    """Link a question's options (development needs) to sub-areas of a skills framework. The file is
    the whole statement for that question and framework: options it leaves out lose their links to
    the framework. All or nothing, with every problem's line."""
    links = parse_links(data, filename=filename)
    errors = ErrorCollector()
    sub_areas = framework_sub_areas(links.framework)
    if sub_areas is None:
        errors.add_line(None, "framework", links.framework, "No skills framework has this key: load it first")
    question = Question.objects.filter(key=links.question).first()
    if question is None:
        errors.add_line(None, "question", links.question, "No question in the question bank has this key")
    elif not QuestionKind(question.kind).has_options:
        errors.add_line(None, "question", links.question, "This question has no options to link")
    errors.raise_if_any()
    assert sub_areas is not None
    assert question is not None
    framework_key = links.framework
    options = {o.key: o for o in question.options.all()}
    for option_key, numbers in links.links.items():
        line = links.lines[option_key]
        if option_key not in options:
            errors.add_line(line, f"links.{option_key}", option_key, f"Not an option of question {question.key}")
        for number in numbers:
            if number not in sub_areas:
                errors.add_line(line, f"links.{option_key}", number, f"Not a sub-area of {framework_key}")
    errors.raise_if_any()
    through = Option.sub_areas.through
    with transaction.atomic():
        through.objects.filter(option__question=question, subarea_id__in=sub_areas.values()).delete()
        rows = [
            through(option_id=options[key].pk, subarea_id=sub_areas[number])
            for key, numbers in links.links.items()
            for number in numbers
        ]
        through.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action="survey.skill_links_loaded",
            obj=question,
            summary=f"{question.key} linked to {framework_key}: {len(rows)} links",
            changes={"framework": framework_key, "links": len(rows)},
        )
    return LinksOutcome(question.key, framework_key, sum(1 for n in links.links.values() if n), len(rows))
