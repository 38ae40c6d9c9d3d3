"""Learning records in aggregate, for service managers (their organisations), regional leads (their
region) and the national team (England, and each region): hours, records and people by framework
area, band group and region, small groups suppressed. Page and API read `record_aggregates`.

Privacy over time (docs/adr/0011-privacy-over-time.md): figures are only for whole calendar years
that have ended, and a year's figures are frozen (`FrozenLearning`) the first time they are asked for
after it ends. Learning recorded, changed or removed afterwards, for any year, moves no figure that
anyone else can read, so comparing the figures before and after one person's record reveals nothing.

Across pages (core.disclosure): a region's page hides what England's page by region hides of it
(`hidden_by_parent`), and a manager's organisations are protected the same way against their
region's page (their organisations against the rest of the region)."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import BAND_GROUP_LABELS, band_group
from lksworkforce.accounts.rules import is_national_team
from lksworkforce.core.disclosure import (
    Inherited,
    ParentView,
    Suppressed,
    hidden_by_parent,
    page_hidden,
    suppressed_groups,
    suppressed_label,
    suppression_reason,
)
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.learning.cpd_hours import hours
from lksworkforce.learning.models import LearningRecord
from lksworkforce.learning.models.records import FrozenLearning, FrozenRecordYear
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Region, RegionMembership

NO_REGION = "No region"
NO_AREA = "Not linked to an area"
RULE = (
    "Figures are for whole calendar years that have ended. A year's figures are fixed the first time "
    "they are shown after the year ends: learning recorded, changed or removed later does not change "
    "them, so nobody's learning can be worked out by comparing the figures before and after."
)
type Dimension = Literal["area", "band_group", "region"]
DIMENSION_TITLES: Mapping[str, str] = {
    "area": "By framework area",
    "band_group": "By band group",
    "region": "By region",
}


@dataclass(frozen=True)
class AggregateScope:
    kind: Literal["nation", "region", "organisations"]
    key: str  # "england", a region's code, or "organisations" (a manager's own)
    name: str
    region_ids: frozenset[int] | None = None  # the region's, or the regions of a manager's organisations
    organisation_ids: frozenset[int] | None = None


def _current_regions() -> QuerySet[Region]:
    return Region.objects.filter(geography__key=CURRENT_GEOGRAPHY_KEY).order_by("name")


def _region_of_organisations(organisation_ids: Iterable[int]) -> dict[int, int]:
    """Organisation id -> its region in the latest year of the current geography it is placed in."""
    found: dict[int, int] = {}
    for organisation_id, region_id in (
        RegionMembership.objects.filter(
            geography__key=CURRENT_GEOGRAPHY_KEY, organisation_id__in=sorted(organisation_ids)
        )
        .order_by("organisation_id", "-year")
        .values_list("organisation_id", "region_id")
    ):
        found.setdefault(organisation_id, region_id)
    return found


def scopes_for(viewer: User) -> list[AggregateScope]:
    """The scopes a viewer may read, widest first: England and every region for the national team,
    a regional lead's regions, a service manager's organisations (together)."""
    if not viewer.has_perm("learning.view_record_aggregates"):
        return []
    scopes: list[AggregateScope] = []
    national = bool(is_national_team(viewer))
    if national:
        scopes.append(AggregateScope("nation", "england", "England"))
    led = viewer.led_region_ids()
    for region in _current_regions():
        if national or region.pk in led:
            scopes.append(AggregateScope("region", region.code, region.name, region_ids=frozenset({region.pk})))
    managed = viewer.managed_organisation_ids()
    if managed:
        regions = frozenset(_region_of_organisations(managed).values())
        scopes.append(
            AggregateScope("organisations", "organisations", "Your organisations", regions, frozenset(managed))
        )
    return scopes


def scope_for(viewer: User, key: str | None) -> AggregateScope | None:
    """The scope asked for (the widest the viewer has when none is), or None when not theirs."""
    scopes = scopes_for(viewer)
    if not key:
        return scopes[0] if scopes else None
    return next((scope for scope in scopes if scope.key == key), None)


# Freezing closed years -----------------------------------------------------------------------------


def freeze_year(year: int) -> bool:
    """Freeze `year`'s figures, once: one row per person (their total) and per person and area.
    False when it was frozen already (by this or a concurrent request)."""
    try:
        with transaction.atomic():
            _marker, created = FrozenRecordYear.objects.get_or_create(year=year)
            if created:
                FrozenLearning.objects.bulk_create(_frozen_rows(year), batch_size=1000)
    except IntegrityError:  # another request froze it at the same moment
        return False
    return created


def _frozen_rows(year: int) -> list[FrozenLearning]:
    records = LearningRecord.objects.filter(done_on__gte=date(year, 1, 1), done_on__lte=date(year, 12, 31))
    latest: dict[int, tuple[date, int, int | None, str]] = {}  # person -> their latest record's place
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    minutes_of: dict[int, tuple[int, int]] = {}
    for pk, person_id, organisation_id, band, minutes, done_on in records.values_list(
        "pk", "person_id", "organisation_id", "band", "minutes", "done_on"
    ):
        minutes_of[pk] = (person_id, minutes)
        totals[person_id][0] += minutes
        totals[person_id][1] += 1
        if person_id not in latest or (done_on, pk) > latest[person_id][:2]:
            latest[person_id] = (done_on, pk, organisation_id, band)
    by_area: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    through = LearningRecord.sub_areas.through
    for record_id, area_id in (
        through.objects.filter(learningrecord__in=records)
        .values_list("learningrecord_id", "subarea__area_id")
        .distinct()
    ):
        person_id, minutes = minutes_of[record_id]
        by_area[(person_id, area_id)][0] += minutes
        by_area[(person_id, area_id)][1] += 1
    regions = _region_of_organisations({place[2] for place in latest.values() if place[2] is not None})

    def row(person_id: int, area_id: int | None, figures: list[int]) -> FrozenLearning:
        _done, _pk, organisation_id, band = latest[person_id]
        return FrozenLearning(
            year=year,
            organisation_id=organisation_id,
            region_id=regions.get(organisation_id) if organisation_id else None,
            band_group=band_group(band),
            area_id=area_id,
            minutes=figures[0],
            records=figures[1],
        )

    return [row(p, None, f) for p, f in totals.items()] + [row(p, a, f) for (p, a), f in by_area.items()]


def freeze_closed_years(today: date) -> None:
    """Freeze every ended year that has learning and is not frozen yet (a few queries, once a year)."""
    years = {d.year for d in LearningRecord.objects.filter(done_on__lt=date(today.year, 1, 1)).dates("done_on", "year")}
    for year in sorted(years - set(FrozenRecordYear.objects.values_list("year", flat=True))):
        freeze_year(year)


def frozen_years() -> list[int]:
    return sorted(FrozenRecordYear.objects.values_list("year", flat=True), reverse=True)


# Figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One group's people, records and minutes, or why they are hidden."""

    key: str
    label: str
    people: int
    records: int
    minutes: int
    threshold: int
    hidden: bool

    @property
    def reason(self) -> Suppressed | None:
        return suppression_reason(self.people, self.threshold, hidden=self.hidden)

    @property
    def shown_people(self) -> int | None:
        return None if self.hidden else self.people

    @property
    def shown_records(self) -> int | None:
        return None if self.hidden else self.records

    @property
    def shown_hours(self) -> float | None:
        return None if self.hidden else hours(self.minutes)

    @property
    def hidden_label(self) -> str:
        if self.reason is Suppressed.SMALL_GROUP:
            return suppressed_label(self.threshold)
        return "Not shown, to protect a smaller group"


@dataclass(frozen=True)
class Table:
    dimension: Dimension
    title: str
    rows: tuple[Figure, ...]


@dataclass(frozen=True)
class RecordAggregates:
    scope: AggregateScope
    year: int
    threshold: int
    frozen_at: datetime | None
    total: Figure
    tables: tuple[Table, ...]
    rule: str = RULE


type Sums = dict[str, tuple[int, int, int]]  # group key -> (people, records, minutes)


def _sums(rows: QuerySet[FrozenLearning], by: str) -> Sums:
    grouped = rows.values(by).annotate(people=Count("id"), records=Sum("records"), minutes=Sum("minutes")).order_by()
    return {str(g[by] or ""): (g["people"], g["records"] or 0, g["minutes"] or 0) for g in grouped}


def _rows_in(year: int, scope: AggregateScope | None) -> QuerySet[FrozenLearning]:
    rows = FrozenLearning.objects.filter(year=year)
    if scope is None or scope.kind == "nation":
        return rows
    if scope.kind == "region":
        return rows.filter(region_id__in=sorted(scope.region_ids or ()))
    return rows.filter(organisation_id__in=sorted(scope.organisation_ids or ()))


def _people(sums: Sums) -> dict[str, int]:
    return {key: figures[0] for key, figures in sums.items()}


def _parent_view(year: int, scope: AggregateScope, member: str) -> ParentView[str, str]:
    """What the page above `scope` shows of it: England by region (for a region); the region with
    the manager's organisations as one member and the rest of the region as another."""
    if scope.kind == "region":
        rows = FrozenLearning.objects.filter(year=year)
        total = rows.filter(area__isnull=True)
        members = _people(_sums(total, "region_id"))
        member_of = "region_id"
    else:
        mine = Q(organisation_id__in=sorted(scope.organisation_ids or ()))
        rows = FrozenLearning.objects.filter(year=year, region_id__in=sorted(scope.region_ids or ()))
        total = rows.filter(area__isnull=True)
        members = {member: total.filter(mine).count(), "rest": total.exclude(mine).count()}
        member_of = ""
    parts: dict[str, dict[str, int]] = defaultdict(dict)
    for dimension, source in (("band_group", total), ("area", rows.filter(area__isnull=False))):
        if member_of:
            split = source.values(dimension, member_of).annotate(people=Count("id")).order_by()
            for g in split:
                parts[f"{dimension}:{g[dimension] or ''}"][str(g[member_of] or "")] = g["people"]
        else:
            mine = Q(organisation_id__in=sorted(scope.organisation_ids or ()))
            for side, chosen in ((member, source.filter(mine)), ("rest", source.exclude(mine))):
                for g in chosen.values(dimension).annotate(people=Count("id")).order_by():
                    parts[f"{dimension}:{g[dimension] or ''}"][side] = g["people"]
    return ParentView(members=members, parts=dict(parts))


def _labels(dimension: Dimension, keys: Iterable[str]) -> list[tuple[str, str]]:
    wanted = list(keys)
    if dimension == "band_group":
        return [(k, BAND_GROUP_LABELS.get(k, k)) for k in BAND_GROUP_LABELS if k in wanted]
    if dimension == "region":
        names = dict(Region.objects.filter(pk__in=[int(k) for k in wanted if k]).values_list("pk", "name"))
        known = sorted((names[int(k)], k) for k in wanted if k and int(k) in names)
        return [(k, name) for name, k in known] + ([("", NO_REGION)] if "" in wanted else [])
    areas = apps.get_model("skills", "Area").objects.filter(pk__in=[int(k) for k in wanted if k])
    ordered = areas.order_by("framework_id", "number").values_list("pk", "number", "name")
    return [(str(pk), f"{number}. {name}") for pk, number, name in ordered] + ([("", NO_AREA)] if "" in wanted else [])


def record_aggregates(scope: AggregateScope, year: int) -> RecordAggregates:
    """The scope's figures for a frozen year, every group under the threshold hidden, with the
    complementary groups that would give it away, and what the page above hides of this scope."""
    threshold = suppression_threshold()
    rows = _rows_in(year, scope)
    totals = rows.filter(area__isnull=True)
    sums: dict[Dimension, Sums] = {
        "area": _sums(rows.filter(area__isnull=False), "area_id"),
        "band_group": _sums(totals, "band_group"),
    }
    if scope.kind == "nation":
        sums["region"] = _sums(totals, "region_id")
    people = totals.count()
    figures = totals.aggregate(records=Sum("records"), minutes=Sum("minutes"))
    inherited: Inherited[str] = Inherited()
    if scope.kind == "region" or (scope.kind == "organisations" and scope.region_ids):
        member = next(iter(scope.region_ids or ()), 0) if scope.kind == "region" else -1
        parent = _parent_view(year, scope, str(member))
        inherited = hidden_by_parent(parent, str(member), threshold)
    everything_hidden = people < threshold or inherited.everything
    total = Figure(
        "", scope.name, people, figures["records"] or 0, figures["minutes"] or 0, threshold, everything_hidden
    )
    tables = []
    for dimension, by_key in sums.items():
        sizes = _people(by_key)
        forced = Inherited(
            everything_hidden,
            frozenset(g.split(":", 1)[1] for g in inherited.groups if g.startswith(f"{dimension}:")),
        )
        hidden = page_hidden(sizes, threshold, hidden=suppressed_groups(sizes, threshold), inherited=forced)
        tables.append(
            Table(
                dimension,
                DIMENSION_TITLES[dimension],
                tuple(
                    Figure(key, label, *by_key[key], threshold, key in hidden)
                    for key, label in _labels(dimension, by_key)
                ),
            )
        )
    frozen_at = FrozenRecordYear.objects.filter(year=year).values_list("frozen_at", flat=True).first()
    return RecordAggregates(scope, year, threshold, frozen_at, total, tuple(tables))
