"""Roll-ups are published as snapshots (docs/adr/0011-privacy-over-time.md): the figures count each
person's *published* assessment, which moves to their latest only when enough people have changed
that no before-and-after comparison reveals one of them.

Reads here: the people whose latest assessment is not their published one, and which cells their
change would move. Which of them are released is `core.disclosure.releasable`; the write is
`services.rollup_publish`. A cell is one organisation's (or the people with none's) everyone, band
group or role, for one item (an area, a sub-area, or the head count): every roll-up figure, at any
scope and in any breakdown, is a sum of such cells."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Max, Q

from lksworkforce.accounts.people import band_group
from lksworkforce.skills.models import Assessment, Framework, Rating, RollupPublication

# The groupings within one organisation that any roll-up page shows or sums: everyone, band groups,
# roles. Regions and organisations are unions of partitions, so they need no cells of their own.
GROUPINGS = ("all", "band_group", "role")
PEOPLE = "people"  # the head count of a group, as an item of its own

type Partition = str  # organisation id as text, "" for people with none
type CellKey = tuple[str, str, str]  # grouping, group, item
type Touch = tuple[Partition, CellKey]


@dataclass(frozen=True)
class Contribution:
    """What one assessment adds to the figures: where it counts, and its value for each item."""

    partition: Partition
    band_group: str
    role: str
    items: dict[str, object]

    def group(self, grouping: str) -> str:
        return {"all": "all", "band_group": self.band_group, "role": self.role}[grouping]


def touched_cells(old: Contribution | None, new: Contribution | None) -> frozenset[Touch]:
    """The cells a person's move from `old` to `new` changes (either may be None: not counted)."""
    touched: set[Touch] = set()
    for grouping in GROUPINGS:
        old_at = (old.partition, old.group(grouping)) if old else None
        new_at = (new.partition, new.group(grouping)) if new else None
        if old is not None and new is not None and old_at == new_at:
            for item in old.items.keys() | new.items.keys():
                if old.items.get(item) != new.items.get(item):
                    touched.add((old.partition, (grouping, old.group(grouping), item)))
            continue
        for side in (old, new):
            if side is not None:
                touched |= {(side.partition, (grouping, side.group(grouping), item)) for item in side.items}
    return frozenset(touched)


def contributions(assessment_ids: list[int]) -> dict[int, Contribution]:
    """Each assessment's contribution to the figures at both levels: per sub-area its levels, per
    area the levels of all its ratings there (what the area's sums and gap flag are made of)."""
    items: dict[int, dict[str, object]] = defaultdict(dict)
    areas: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    ratings = Rating.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id", "sub_area__number", "sub_area__area__number", "current", "target"
    )
    for assessment_id, sub_area, area, current, target in ratings.order_by():
        items[assessment_id][f"sub_area {sub_area}"] = (current, target)
        areas[assessment_id][f"area {area}"].append((current, target))
    found = Assessment.objects.filter(pk__in=assessment_ids).values_list(
        "pk", "organisation_id", "band", "role_profile_id"
    )
    result = {}
    for pk, organisation, band, role in found:
        values = items[pk] | {key: tuple(sorted(levels)) for key, levels in areas[pk].items()} | {PEOPLE: True}
        group = band_group(band)
        result[pk] = Contribution(str(organisation or ""), group, str(role or ""), values)
    return result


def pending_changes(framework: Framework) -> dict[int, frozenset[Touch]]:
    """Person id -> the cells their unpublished change would move, for everyone whose latest
    finished assessment is not the one the published figures count."""
    changed = Assessment.objects.filter(framework=framework).filter(
        Q(is_latest=True, is_published=False) | Q(is_latest=False, is_published=True)
    )
    people = set(changed.values_list("person_id", flat=True))
    if not people:
        return {}
    sides = list(
        Assessment.objects.filter(framework=framework, person_id__in=people)
        .filter(Q(is_latest=True) | Q(is_published=True))
        .values_list("pk", "person_id", "is_latest", "is_published")
    )
    counted = contributions([pk for pk, *_rest in sides])
    old: dict[int, Contribution] = {}
    new: dict[int, Contribution] = {}
    for pk, person, latest, published in sides:
        if published:
            old[person] = counted[pk]
        if latest:
            new[person] = counted[pk]
    return {person: touched_cells(old.get(person), new.get(person)) for person in people}


def partitions_of(touches: frozenset[Touch]) -> set[Partition]:
    return {partition for partition, _cell in touches}


def published_as_of(framework: Framework, organisation_ids: Any) -> datetime | None:
    """When the figures of a scope last changed (None: not since snapshots began)."""
    publications = RollupPublication.objects.filter(framework=framework)
    if organisation_ids is not None:
        publications = publications.filter(organisation_id__in=sorted(organisation_ids))
    latest: datetime | None = publications.aggregate(latest=Max("published_at"))["latest"]
    return latest
