"""Writing the demo development needs surveys and responses: part of demo_seed's transaction.

The definitions load and the responses import through the same services the national team uses
(a YAML definition, then a CSV export as a survey tool would give it)."""

import csv
import io

from django.db.models import Q

from lksworkforce.core.capability import DemoContext, DemoRemoved, framework_sub_areas
from lksworkforce.surveys.definition import definition_to_yaml
from lksworkforce.surveys.demo.plan import (
    RESPONSES,
    SKILLS_FRAMEWORK_KEY,
    demo_respondents,
    demo_response_rows,
    demo_skill_links,
    demo_survey_definitions,
)
from lksworkforce.surveys.links import links_to_yaml
from lksworkforce.surveys.models import Question, Survey
from lksworkforce.surveys.questions import SUBMITTED_ON_COLUMN
from lksworkforce.surveys.services import responses_import, skill_links_load, survey_load


def present() -> bool:
    return False  # never in the way: a reset or a first seed replaces it


def seed(context: DemoContext) -> list[str]:
    return seed_surveys(context.seed)


def remove(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - the demo cycles, whatever the seed
    remove_demo_surveys()
    return []


def seed_surveys(seed: int) -> list[str]:
    """Write demo surveys and responses; lines for the summary."""
    counts = []
    for definition in demo_survey_definitions():
        outcome = survey_load(
            data=definition_to_yaml(definition).encode(), filename=f"{definition.key}.yaml", actor=None
        )
        count = RESPONSES.get(definition.key, 0)
        if count:
            columns = [q.key for q in definition.questions]
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow([SUBMITTED_ON_COLUMN, *columns])
            writer.writerows(demo_response_rows(demo_respondents(definition, count, seed), columns))
            responses_import(
                survey=outcome.survey, data=out.getvalue().encode(), filename=f"{definition.key}.csv", actor=None
            )
        counts.append(
            f"{definition.cycle}: {count:,} responses" if count else f"{definition.cycle}: open, no responses yet"
        )
    lines = [f"Development needs surveys: {'; '.join(counts)}"]
    if framework_sub_areas(SKILLS_FRAMEWORK_KEY) is not None:
        links = skill_links_load(
            data=links_to_yaml(demo_skill_links()).encode(), filename="demo-skill-links.yaml", actor=None
        )
        lines.append(f"Development needs linked to {links.links} sub-areas of the skills framework")
    return lines


def remove_demo_surveys() -> None:
    """Delete demo survey data, before demo people and organisations are removed: the demo cycles
    with their responses, then bank questions no survey asks any more."""
    keys = [d.key for d in demo_survey_definitions()]
    Survey.objects.filter(key__in=keys).delete()
    Question.objects.filter(Q(survey_questions__isnull=True)).delete()
