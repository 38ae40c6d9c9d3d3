"""The synthetic demo learning catalogue, and the demo staff's learning records.

Pure: the standard library and the project's pure modules only; no Django. Given the seed, the
skills framework's sub-areas and the demo people, it plans what `learning/demo/seed.py` writes:
about 400 resources composed from the phrase tables (learning/demo/phrases.py) for the sub-areas,
the topic pages, both resource sheets, a few suggestions waiting for a curator, and learning
records. The same seed always gives the same plan; a person's records come from a generator
seeded with the seed and their email address, so they do not depend on who else is in the list.

Everything says it is synthetic: providers are marked "(demo)", descriptions start "Synthetic demo
resource." and addresses are on the link checker's demo host, where /gone/ paths are broken and
/moved/ paths have moved."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from lksworkforce.learning.demo import phrases as p
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus, SheetKind, SuggestionKind

RESOURCES = 400
BROKEN_LINKS = 6
MOVED_LINKS = 3
REVIEW_OVERDUE = 0.08  # share of resources past their review date
AS_OF = date(2026, 3, 31)  # the demo world's date (organisations/demo/world.py)
FIRST_ADDED = date(2021, 1, 4)


@dataclass(frozen=True)
class DemoSubArea:
    number: str
    name: str


@dataclass(frozen=True)
class LearningPerson:
    email: str
    band: str


@dataclass(frozen=True)
class PlannedResource:
    key: str  # unique, the last part of its address
    title: str
    description: str
    kind: ResourceKind
    provider: str
    url: str
    format: str
    length_minutes: int
    cost: Cost
    cost_note: str
    band_from: str
    band_to: str
    licence: str
    added_on: date
    review_due_on: date
    status: ResourceStatus
    teaches: tuple[tuple[str, int | None], ...]  # (sub-area number, level)


@dataclass(frozen=True)
class PlannedTopic:
    slug: str
    name: str
    introduction: str
    entries: tuple[tuple[str, int | None], ...]  # (resource key, curated position)


@dataclass(frozen=True)
class PlannedSheet:
    kind: SheetKind
    title: str
    introduction: str
    entries: tuple[tuple[str, str], ...]  # (resource key, note), in order


@dataclass(frozen=True)
class PlannedSuggestion:
    kind: SuggestionKind
    email: str
    title: str = ""
    url: str = ""
    details: str = ""
    resource: str = ""  # a resource's key
    sheet: SheetKind | None = None


@dataclass(frozen=True)
class PlannedRecord:
    email: str
    resource: str  # a resource's key; "" for learning outside the catalogue
    title: str
    done_on: date
    minutes: int
    sub_areas: tuple[str, ...]
    learnt: str
    will_do_differently: str
    shared_with_manager: bool


@dataclass(frozen=True)
class DemoCatalogue:
    resources: tuple[PlannedResource, ...]
    topics: tuple[PlannedTopic, ...]
    sheets: tuple[PlannedSheet, ...]
    suggestions: tuple[PlannedSuggestion, ...]
    records: tuple[PlannedRecord, ...]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _weighted[T](rng: random.Random, weights: Sequence[tuple[T, float]]) -> T:
    return rng.choices([w[0] for w in weights], weights=[w[1] for w in weights])[0]


def _fill(template: str, name: str) -> str:
    return template.replace("{Name}", name[:1].upper() + name[1:]).replace("{name}", name[:1].lower() + name[1:])


def _resources(
    rng: random.Random, sub_areas: Sequence[DemoSubArea], uncovered: frozenset[str]
) -> list[PlannedResource]:
    """RESOURCES resources spread round the covered sub-areas, each with distinct title templates."""
    covered = [s for s in sub_areas if s.number not in uncovered]
    if not covered:
        return []
    templates = [(kind, t) for kind, ts in p.TITLES.items() for t in ts]
    kind_weight = {kind: p.KIND_WEIGHTS[kind] / len(p.TITLES[kind]) for kind in p.TITLES}
    unused = {s.number: list(templates) for s in covered}
    by_area: dict[str, list[DemoSubArea]] = {}
    for s in covered:
        by_area.setdefault(s.number.split(".")[0], []).append(s)
    planned: list[PlannedResource] = []
    for index in range(RESOURCES):
        sub_area = covered[index % len(covered)]
        left = unused[sub_area.number]
        if not left:
            continue
        kind, template = rng.choices(left, weights=[kind_weight[k] for k, _ in left])[0]
        left.remove((kind, template))
        band_from, band_to = _weighted(rng, p.BAND_RANGES)
        title = _fill(template, sub_area.name) + p.AUDIENCES.get((band_from, band_to), "")
        provider, provider_slug = rng.choice(p.PROVIDERS)
        key = _slug(f"{sub_area.number} {title}")
        form, lengths = p.FORMATS[kind]
        paid = kind in (ResourceKind.COURSE, ResourceKind.MOOC) and rng.random() < 0.6
        added_on = FIRST_ADDED + timedelta(days=rng.randrange((AS_OF - FIRST_ADDED).days))
        overdue = rng.random() < REVIEW_OVERDUE
        review_due_on = (
            AS_OF - timedelta(days=rng.randrange(10, 200))
            if overdue
            else AS_OF + timedelta(days=rng.randrange(400, 1100))
        )
        siblings = [s for s in by_area[sub_area.number.split(".")[0]] if s != sub_area]
        teaches: list[tuple[str, int | None]] = [(sub_area.number, rng.choice((None, 1, 2, 2, 3)))]
        if siblings and rng.random() < 0.3:
            teaches.append((rng.choice(siblings).number, None))
        status = _weighted(
            rng, ((ResourceStatus.PUBLISHED, 0.93), (ResourceStatus.DRAFT, 0.04), (ResourceStatus.RETIRED, 0.03))
        )
        planned.append(
            PlannedResource(
                key=key,
                title=title,
                description=f"{p.SYNTHETIC} {_fill(rng.choice(p.PURPOSES), sub_area.name)}",
                kind=kind,
                provider=provider,
                url=f"{p.DEMO_URL_ROOT}/{provider_slug}/{key}",
                format=form,
                length_minutes=rng.choice(lengths),
                cost=Cost.PAID if paid else Cost.FREE,
                cost_note="A made-up fee, for the demo" if paid else "",
                band_from=band_from,
                band_to=band_to,
                licence=rng.choice(p.LICENCES),
                added_on=added_on,
                review_due_on=review_due_on,
                status=status,
                teaches=tuple(teaches),
            )
        )
    return _plant_bad_links(rng, planned)


def _plant_bad_links(rng: random.Random, planned: list[PlannedResource]) -> list[PlannedResource]:
    """A few published resources whose addresses the link checker will find broken or moved."""
    published = [i for i, r in enumerate(planned) if r.status is ResourceStatus.PUBLISHED]
    chosen = rng.sample(published, min(len(published), BROKEN_LINKS + MOVED_LINKS))
    for n, i in enumerate(chosen):
        prefix = p.GONE_PREFIX if n < BROKEN_LINKS else p.MOVED_PREFIX
        resource = planned[i]
        planned[i] = _replace_url(resource, f"{p.DEMO_URL_ROOT}{prefix}{resource.key}")
    return planned


def _replace_url(resource: PlannedResource, url: str) -> PlannedResource:
    return replace(resource, url=url)


def _topics(resources: Sequence[PlannedResource]) -> list[PlannedTopic]:
    topics = []
    for slug, name, introduction, numbers in p.TOPICS:
        keys = [r.key for r in resources if r.status is ResourceStatus.PUBLISHED and r.teaches[0][0] in numbers]
        entries = tuple((key, n + 1 if n < p.CURATED_PER_TOPIC else None) for n, key in enumerate(keys))
        topics.append(PlannedTopic(slug, name, f"Synthetic demo topic. {introduction}", entries))
    return topics


def _suits_bands_2_to_4(r: PlannedResource) -> bool:
    return r.band_from in ("", "1", "2", "3", "4") and r.band_to in ("", "4", "5")


def _sheets(rng: random.Random, resources: Sequence[PlannedResource]) -> list[PlannedSheet]:
    sheets = []
    for kind, (title, introduction, kinds) in p.SHEETS.items():
        fitting = [
            r.key
            for r in resources
            if r.status is ResourceStatus.PUBLISHED
            and r.kind in kinds
            and _suits_bands_2_to_4(r)
            and r.cost is Cost.FREE
        ]
        chosen = rng.sample(fitting, min(p.SHEET_ENTRIES, len(fitting)))
        sheets.append(
            PlannedSheet(kind, title, introduction, tuple((key, rng.choice(p.SHEET_NOTES)) for key in chosen))
        )
    return sheets


def _suggestions(
    rng: random.Random, resources: Sequence[PlannedResource], people: Sequence[LearningPerson]
) -> list[PlannedSuggestion]:
    if not people or not resources:
        return []
    by_email = sorted(people, key=lambda person: person.email)
    suggesters = rng.sample(by_email, min(5, len(by_email)))
    published = [r for r in resources if r.status is ResourceStatus.PUBLISHED]
    gone = [r for r in published if p.GONE_PREFIX in r.url]
    fixable, addition = rng.sample(published, 2)
    suggestions = [
        PlannedSuggestion(
            SuggestionKind.NEW_RESOURCE,
            suggesters[n % len(suggesters)].email,
            title=title,
            url=f"{p.DEMO_URL_ROOT}{path}",
            details="Synthetic demo suggestion: colleagues found this useful.",
        )
        for n, (title, path) in enumerate(p.NEW_RESOURCE_IDEAS)
    ]
    suggestions.append(
        PlannedSuggestion(
            SuggestionKind.CORRECTION,
            suggesters[2 % len(suggesters)].email,
            details="Synthetic demo suggestion: the length given looks too short; it took me twice as long.",
            resource=fixable.key,
        )
    )
    if gone:
        suggestions.append(
            PlannedSuggestion(
                SuggestionKind.BROKEN_LINK,
                suggesters[3 % len(suggesters)].email,
                details="Synthetic demo suggestion: the link gives a 'page not found' error.",
                resource=gone[0].key,
                url=gone[0].url,
            )
        )
    suggestions.append(
        PlannedSuggestion(
            SuggestionKind.SHEET_ADDITION,
            suggesters[4 % len(suggesters)].email,
            details="Synthetic demo suggestion: good for a quiet afternoon.",
            resource=addition.key,
            sheet=SheetKind.ACTIVITIES,
        )
    )
    return suggestions


def _records(seed: int, resources: Sequence[PlannedResource], people: Sequence[LearningPerson]) -> list[PlannedRecord]:
    """Learning records over the year to AS_OF for most demo staff, their hours spread round the 20 expected."""
    usable = [r for r in resources if r.status is not ResourceStatus.DRAFT]
    records: list[PlannedRecord] = []
    for person in sorted(people, key=lambda person: person.email):
        rng = random.Random(f"{seed}:learning:{person.email}")  # noqa: S311 - demo data, not security
        if rng.random() >= p.RECORDING_SHARE or not usable:
            continue
        target = _weighted(rng, p.HOURS_TARGETS) * 60 * rng.uniform(0.8, 1.2)
        done = 0
        while done < target:
            if rng.random() < 0.75:
                resource = rng.choice(usable)
                key, title, minutes = resource.key, resource.title, resource.length_minutes
                sub_areas = tuple(number for number, _ in resource.teaches)
            else:
                title, minutes = rng.choice(p.OTHER_LEARNING)
                key, sub_areas = "", ()
            records.append(
                PlannedRecord(
                    email=person.email,
                    resource=key,
                    title=title,
                    done_on=AS_OF - timedelta(days=rng.randrange(365)),
                    minutes=minutes,
                    sub_areas=sub_areas,
                    learnt=rng.choice(p.LEARNT),
                    will_do_differently=rng.choice(p.WILL_DO),
                    shared_with_manager=rng.random() < p.SHARED_WITH_MANAGER,
                )
            )
            done += minutes
    return records


def demo_catalogue(
    seed: int,
    sub_areas: Sequence[DemoSubArea],
    people: Sequence[LearningPerson],
    uncovered: frozenset[str] = frozenset(),
) -> DemoCatalogue:
    """The whole plan. `uncovered`: sub-area numbers left with nothing on offer (the demo's gaps)."""
    rng = random.Random(f"{seed}:learning-catalogue")  # noqa: S311 - demo data, not security
    resources = _resources(rng, sorted(sub_areas, key=lambda s: [int(x) for x in s.number.split(".")]), uncovered)
    return DemoCatalogue(
        resources=tuple(resources),
        topics=tuple(_topics(resources)),
        sheets=tuple(_sheets(rng, resources)),
        suggestions=tuple(_suggestions(rng, resources, people)),
        records=tuple(_records(seed, resources, people)),
    )
