"""Writing the demo skills data (self-assessments, plans): part of demo_seed's transaction (nonprod).

The default framework loads through the same service as `lksw framework_load` (unless a framework
with its key is loaded already, perhaps with the licensed wording: then that one is used as it
is). The self-assessments planned by `demo_skills` are written with bulk inserts."""

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import connection

from lksworkforce.accounts.demo.seed import demo_people
from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.skills.demo.plan import SkillsPerson, demo_skills
from lksworkforce.skills.framework_file import parse_framework
from lksworkforce.skills.models import Assessment, Framework, PlanAction, Rating
from lksworkforce.skills.selectors import framework_spec
from lksworkforce.skills.services import framework_load

DEFAULT_FRAMEWORK_FILE = Path(__file__).resolve().parents[1] / "frameworks" / "lks-skills-2021.yaml"
BATCH = 2000


def default_framework() -> Framework:
    """The shipped framework: loaded from its file the first time, used as it is afterwards."""
    spec = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8"))
    existing = Framework.objects.filter(key=spec.key).first()
    return existing if existing is not None else framework_load(spec=spec)


def present() -> bool:
    return False  # never in the way: a reset or a first seed replaces it


def seed(context: DemoContext) -> list[str]:
    return seed_skills(context.seed)


def remove(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - every demo person's, whatever the seed
    remove_demo_skills()
    return []


def seed_skills(seed: int) -> list[str]:
    """Write demo skills data for the demo people already in the database; lines for the summary."""
    framework = default_framework()
    rows = list(demo_people().values_list("id", "email", "band", "job_title", "organisation_id"))
    people = [
        SkillsPerson(email, band, job_title, organisation_id is not None)
        for _, email, band, job_title, organisation_id in rows
    ]
    by_email = {email: (pk, band, organisation_id) for pk, email, band, _, organisation_id in rows}
    plan = demo_skills(seed, people, framework_spec(framework))

    sub_areas = dict(framework.sub_areas.values_list("number", "id"))
    profiles = dict(framework.role_profiles.values_list("key", "id"))
    assessments = Assessment.objects.bulk_create(
        (
            Assessment(
                person_id=by_email[a.email][0],
                framework=framework,
                organisation_id=by_email[a.email][2],
                band=by_email[a.email][1],
                role_profile_id=profiles.get(a.role_profile or ""),
                started_on=a.started_on,
                completed_on=a.completed_on,
                reflection=a.reflection,
                shared_with_manager=a.shared_with_manager,
                is_latest=a.is_latest,
                is_published=a.is_latest,  # demo figures start published (docs/adr/0011-privacy-over-time.md)
            )
            for a in plan.assessments
        ),
        batch_size=BATCH,
    )
    # bulk_create sets primary keys on PostgreSQL and SQLite; map them back by position.
    _insert_ratings(
        (
            saved.pk,
            sub_areas[r.number],
            r.current,
            r.target,
            r.priority,
            r.learning_evidence,
            list(r.evidence_links),
        )
        for saved, planned in zip(assessments, plan.assessments, strict=True)
        for r in planned.ratings
    )
    actions = PlanAction.objects.bulk_create(
        (
            PlanAction(
                person_id=by_email[a.email][0],
                kind=a.kind.value,
                description=a.description,
                due_on=a.due_on,
                status=a.status.value,
                resource_url=a.resource_url,
            )
            for a in plan.actions
        ),
        batch_size=BATCH,
    )
    through = PlanAction.sub_areas.through
    through.objects.bulk_create(
        (
            through(planaction_id=saved.pk, subarea_id=sub_areas[number])
            for saved, planned in zip(actions, plan.actions, strict=True)
            for number in planned.sub_areas
        ),
        batch_size=BATCH,
    )
    return [
        f"Skills: {len(plan.assessments):,} self-assessments by {plan.people:,} people ({plan.ratings:,} ratings) "
        f"in the {framework.key} framework, and {len(plan.actions):,} development plan actions"
    ]


RATING_FIELDS = ("assessment", "sub_area", "current", "target", "priority", "learning_evidence", "evidence_links")


def _insert_ratings(rows: Iterable[tuple[Any, ...]]) -> None:
    """Ratings are most of the rows (about 65,000): one INSERT run for many parameter rows, which
    is many times faster than building a model instance for each. The values are prepared by the
    fields themselves (the JSON of the evidence links), as bulk_create would."""
    concrete = {f.name: f for f in Rating._meta.concrete_fields}
    fields = [concrete[name] for name in RATING_FIELDS]
    links = fields[-1]
    no_links = links.get_db_prep_save([], connection)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(Rating._meta.db_table)} ({', '.join(quote(str(f.column)) for f in fields)}) "  # noqa: S608 - names from the model
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    prepared = ((*row[:-1], links.get_db_prep_save(row[-1], connection) if row[-1] else no_links) for row in rows)
    with connection.cursor() as cursor:
        for batch in itertools.batched(prepared, 5000, strict=False):
            cursor.executemany(sql, batch)


def remove_demo_skills() -> None:
    """Delete demo skills data, before demo people and organisations are removed. The framework
    stays: it is the service's, not demo data."""
    people = demo_people()
    Rating.objects.filter(assessment__person__in=people).delete()
    Assessment.objects.filter(person__in=people).delete()
    PlanAction.sub_areas.through.objects.filter(planaction__person__in=people).delete()
    PlanAction.objects.filter(person__in=people).delete()
