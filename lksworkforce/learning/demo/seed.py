"""Writing the demo learning catalogue and learning records: part of demo_seed's transaction (nonprod).

Planned by `learning/demo/plan.py` for the skills framework's sub-areas (asked through core's
`framework_sub_areas`) and the demo people, and written with bulk inserts. The latest closed demo
survey's lowest-ranked top need outside the topic pages is left with nothing on offer, and goes on the curators' queue as the
coverage page's button would put it."""

import itertools
from collections.abc import Iterable

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model, QuerySet

from lksworkforce.accounts.demo.seed import demo_people
from lksworkforce.core.capability import DemoContext, DemoRemoved, framework_sub_areas, needs_in_focus
from lksworkforce.learning import search_index
from lksworkforce.learning.coverage import DEFAULT_MIN_RESOURCES
from lksworkforce.learning.demo.phrases import DEMO_URL_ROOT, TOPICS
from lksworkforce.learning.demo.plan import DemoCatalogue, DemoSubArea, LearningPerson, demo_catalogue
from lksworkforce.learning.models import (
    LearningRecord,
    Resource,
    ResourceSheet,
    SheetEntry,
    Suggestion,
    Teaches,
    Topic,
    TopicEntry,
)
from lksworkforce.learning.selectors.coverage import coverage_report
from lksworkforce.learning.services.coverage import queue_needs_without_offer
from lksworkforce.learning.vocabulary import SuggestionKind, SuggestionStatus

SKILLS_FRAMEWORK_KEY = "lks-skills-2021"  # the skills demo's default framework (skills/frameworks/)
BATCH = 2000
DEMO_SHEET = "Synthetic demo sheet."
DEMO_TOPIC = "Synthetic demo topic."


def demo_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(url__startswith=DEMO_URL_ROOT + "/")


def present() -> bool:
    return demo_resources().exists()


def seed(context: DemoContext) -> list[str]:
    context.closing_lines.append(
        "To check the demo catalogue's links (some are planted broken or moved), run `lksw check_links --demo`: "
        "it answers the demo's web addresses itself and contacts nothing outside this machine."
    )
    return seed_learning(context.seed)


def remove(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - the demo catalogue, whatever the seed
    return remove_demo_learning()


def _sub_areas() -> tuple[dict[str, int], list[DemoSubArea]]:
    ids = dict(framework_sub_areas(SKILLS_FRAMEWORK_KEY) or {})
    sub_area_model = apps.get_model("skills", "SubArea")
    named = sub_area_model.objects.filter(pk__in=ids.values()).values_list("number", "name")
    return ids, [DemoSubArea(number, name) for number, name in named]


def _uncovered(ids: dict[str, int]) -> frozenset[str]:
    """The sub-areas of the nation's lowest-ranked top need that no topic page gathers (a need's own:
    a sub-area goes to its best-ranked need), left with nothing on offer as the demo's gap."""
    focus = needs_in_focus(None)
    if focus is None:
        return frozenset()
    numbers = {pk: number for number, pk in ids.items()}
    in_topics = {number for *_, topic_numbers in TOPICS for number in topic_numbers}
    by_need: dict[str, set[str]] = {}
    for pk, label in focus.national.items():
        if pk in numbers:
            by_need.setdefault(label, set()).add(numbers[pk])
    for need_numbers in reversed(list(by_need.values())):
        if not need_numbers & in_topics:
            return frozenset(need_numbers)
    return frozenset()


@transaction.atomic
def seed_learning(seed: int) -> list[str]:
    """Write the demo catalogue and records; lines for the summary."""
    ids, sub_areas = _sub_areas()
    if not ids:
        return ["Learning catalogue: not written, as no skills framework is loaded"]
    rows = list(demo_people().values_list("id", "email", "band", "organisation_id"))
    people = {email: (pk, band, organisation_id) for pk, email, band, organisation_id in rows}
    plan = demo_catalogue(seed, sub_areas, [LearningPerson(e, b) for _, e, b, _ in rows], _uncovered(ids))
    resource_ids = _write_catalogue(plan, ids)
    search_index.reindex(resource_ids.values())  # written in bulk: no signals
    suggestions = Suggestion.objects.bulk_create(
        Suggestion(
            kind=s.kind,
            suggested_by_id=people[s.email][0],
            title=s.title,
            url=s.url,
            details=s.details,
            resource_id=resource_ids.get(s.resource),
            sheet=ResourceSheet.objects.get(kind=s.sheet) if s.sheet else None,
        )
        for s in plan.suggestions
    )
    records = LearningRecord.objects.bulk_create(
        (
            LearningRecord(
                person_id=people[r.email][0],
                resource_id=resource_ids.get(r.resource),
                title=r.title,
                done_on=r.done_on,
                minutes=r.minutes,
                learnt=r.learnt,
                will_do_differently=r.will_do_differently,
                shared_with_manager=r.shared_with_manager,
                organisation_id=people[r.email][2],
                band=people[r.email][1] or "",
            )
            for r in plan.records
        ),
        batch_size=BATCH,
    )
    _insert_links(
        LearningRecord.sub_areas.through,
        ("learningrecord_id", "subarea_id"),
        (
            (saved.pk, ids[number])
            for saved, planned in zip(records, plan.records, strict=True)
            for number in planned.sub_areas
        ),
    )
    report = coverage_report(None, DEFAULT_MIN_RESOURCES)
    no_offer = 0 if report is None else queue_needs_without_offer(report=report, actor=None)
    recorders = len({r.email for r in plan.records})
    return [
        f"Learning catalogue: {len(plan.resources):,} resources in {len(plan.topics)} topics; "
        f"{len(plan.sheets)} resource sheets of {', '.join(str(len(s.entries)) for s in plan.sheets)} entries; "
        f"{len(suggestions)} suggestions and {no_offer} top {'need' if no_offer == 1 else 'needs'} with nothing "
        f"on offer waiting for a curator",
        f"Learning records: {len(records):,} by {recorders:,} people",
    ]


def _write_catalogue(plan: DemoCatalogue, sub_area_ids: dict[str, int]) -> dict[str, int]:
    """The resources, what they teach, topics and sheets; resource key -> id."""
    saved = Resource.objects.bulk_create(
        (
            Resource(
                title=r.title,
                description=r.description,
                kind=r.kind,
                provider=r.provider,
                url=r.url,
                format=r.format,
                length_minutes=r.length_minutes,
                cost=r.cost,
                cost_note=r.cost_note,
                band_from=r.band_from,
                band_to=r.band_to,
                licence=r.licence,
                added_on=r.added_on,
                review_due_on=r.review_due_on,
                status=r.status,
            )
            for r in plan.resources
        ),
        batch_size=BATCH,
    )
    # bulk_create sets primary keys on PostgreSQL and SQLite; map them back by position.
    ids = {planned.key: resource.pk for planned, resource in zip(plan.resources, saved, strict=True)}
    _insert_links(
        Teaches,
        ("resource_id", "sub_area_id", "level"),
        ((ids[r.key], sub_area_ids[number], level) for r in plan.resources for number, level in r.teaches),
    )
    topics = Topic.objects.bulk_create(
        Topic(slug=t.slug, name=t.name, introduction=t.introduction) for t in plan.topics
    )
    TopicEntry.objects.bulk_create(
        (
            TopicEntry(topic_id=topic.pk, resource_id=ids[key], position=position)
            for topic, planned in zip(topics, plan.topics, strict=True)
            for key, position in planned.entries
        ),
        batch_size=BATCH,
    )
    for sheet in plan.sheets:
        found, _ = ResourceSheet.objects.get_or_create(
            kind=sheet.kind, defaults={"title": sheet.title, "introduction": sheet.introduction}
        )
        start = max(found.entries.values_list("position", flat=True), default=0)
        SheetEntry.objects.bulk_create(
            SheetEntry(sheet=found, resource_id=ids[key], position=start + n, note=note)
            for n, (key, note) in enumerate(sheet.entries, start=1)
        )
    return ids


def _insert_links(model: type[Model], columns: tuple[str, ...], rows: Iterable[tuple[int | None, ...]]) -> None:
    """Rows of plain numbers (links between rows) in one INSERT run for many parameter rows: many times
    faster than a model instance for each, as in skills' demo seed."""
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 - names from the model
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for batch in itertools.batched(rows, 5000, strict=False):
            cursor.executemany(sql, batch)


@transaction.atomic
def remove_demo_learning() -> list[DemoRemoved]:
    """Delete what the demo seed wrote, before the demo people are removed."""
    people = demo_people()
    LearningRecord.objects.filter(person__in=people).delete()
    Suggestion.objects.filter(suggested_by__in=people).delete()
    # What the service raised for the demo surveys' needs, which go with them.
    Suggestion.objects.filter(
        kind=SuggestionKind.NO_OFFER, status=SuggestionStatus.WAITING, suggested_by__isnull=True
    ).delete()
    resources = demo_resources()
    SheetEntry.objects.filter(resource__in=resources).delete()
    ResourceSheet.objects.filter(introduction__startswith=DEMO_SHEET, entries__isnull=True).delete()
    Topic.objects.filter(slug__in=[t[0] for t in TOPICS], introduction__startswith=DEMO_TOPIC).delete()
    count = resources.count()
    with search_index.reindexed_together():
        resources.delete()
    return [DemoRemoved(count, "learning resources")] if count else []
