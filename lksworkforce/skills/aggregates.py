"""Reads for skills roll-ups: whose latest assessments count (a scope), one aggregate query over
them, and breakdowns of its sums by band group, role, organisation or region. Every roll-up
surface (page, API, CSV/XLSX/PDF, CLI) takes its figures from `rollup_data` + `breakdown_by`."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Cast

from lksworkforce.accounts.people import PARA_PROFESSIONAL_BANDS, band_group
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.organisations.models import Organisation, Region
from lksworkforce.organisations.selectors import latest_membership_year
from lksworkforce.skills.models import Assessment, Framework, Rating
from lksworkforce.skills.rollups import Breakdown, CellSums, Figures, Slice, breakdown

BAND_NOT_GIVEN = "Band not recorded"
ROLE_NOT_GIVEN = "Role not given"
NO_ORGANISATION = "No organisation"
NO_REGION = "No region"
BREAKDOWNS = ("band_group", "role", "organisation", "region", "all")

type Level = Literal["area", "sub_area"]


@dataclass(frozen=True)
class Scope:
    """Whose assessments a roll-up counts: the nation, a region's or one organisation's."""

    kind: Literal["nation", "region", "organisation"]
    code: str  # "" for the nation
    name: str
    organisation_ids: frozenset[int] | None  # None: every organisation (and people with none)


def nation_scope() -> Scope:
    return Scope("nation", "", "England", None)


def region_scope(region: Region) -> Scope:
    year = latest_membership_year(region.geography.key)
    ids = Organisation.objects.in_region(region, year).values_list("pk", flat=True)
    return Scope("region", region.code, region.name, frozenset(ids))


def organisation_scope(organisation: Organisation) -> Scope:
    return Scope("organisation", organisation.ods_code, organisation.name, frozenset({organisation.pk}))


def _band_group_expression(prefix: str) -> Case:
    return Case(
        When(**{f"{prefix}band__in": sorted(PARA_PROFESSIONAL_BANDS)}, then=Value(band_group("1"))),
        When(**{f"{prefix}band": ""}, then=Value(BAND_NOT_GIVEN)),
        default=Value(band_group("5")),
        output_field=CharField(),
    )


def _in_scope(queryset: QuerySet[Any], scope: Scope, prefix: str) -> QuerySet[Any]:
    if scope.organisation_ids is None:
        return queryset
    return queryset.filter(**{f"{prefix}organisation_id__in": sorted(scope.organisation_ids)})


def rollup_sums(framework: Framework, scope: Scope, level: Level) -> tuple[list[CellSums], dict[Slice, int]]:
    """One aggregate over the latest assessments in scope: sums per item and slice (organisation
    id, band group, role profile id), and the people in each slice."""
    item = "sub_area__area__number" if level == "area" else "sub_area__number"
    ratings = _in_scope(
        Rating.objects.filter(assessment__framework=framework, assessment__is_latest=True), scope, "assessment__"
    )
    rows = (
        ratings.annotate(
            slice_organisation=Cast("assessment__organisation_id", CharField()),
            slice_band=_band_group_expression("assessment__"),
            slice_role=Cast("assessment__role_profile_id", CharField()),
            item=F(item),
        )
        .values("slice_organisation", "slice_band", "slice_role", "item")
        .annotate(
            people=Count("assessment_id", distinct=True),
            ratings=Count("id"),
            sum_current=Sum("current"),
            sum_target=Sum("target"),
            people_with_gap=Count("assessment_id", filter=Q(target__gt=F("current")), distinct=True),
        )
        .order_by()
    )
    cells = [
        CellSums(
            str(row["item"]),
            (row["slice_organisation"] or "", row["slice_band"], row["slice_role"] or ""),
            Figures(row["people"], row["ratings"], row["sum_current"], row["sum_target"], row["people_with_gap"]),
        )
        for row in rows
    ]
    people = (
        _in_scope(Assessment.objects.filter(framework=framework, is_latest=True), scope, "")
        .annotate(
            slice_organisation=Cast("organisation_id", CharField()),
            slice_band=_band_group_expression(""),
            slice_role=Cast("role_profile_id", CharField()),
        )
        .values("slice_organisation", "slice_band", "slice_role")
        .annotate(people=Count("id"))
        .order_by()
    )
    by_slice: dict[Slice, int] = {
        (p["slice_organisation"] or "", p["slice_band"], p["slice_role"] or ""): p["people"] for p in people
    }
    return cells, by_slice


def item_labels(framework: Framework, level: Level) -> list[tuple[str, str]]:
    """(item key, label) in framework order: areas by number, or sub-areas by position."""
    if level == "area":
        return [
            (str(n), f"{n}. {name}") for n, name in framework.areas.order_by("number").values_list("number", "name")
        ]
    return [(n, f"{n} {name}") for n, name in framework.sub_areas.order_by("position").values_list("number", "name")]


def role_names(framework: Framework) -> dict[str, str]:
    return {str(pk): name for pk, name in framework.role_profiles.values_list("pk", "name")}


def organisation_names(ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Organisation id (as in a slice) -> (ODS code, name)."""
    wanted = [int(i) for i in ids if i]
    return {
        str(pk): (code, name)
        for pk, code, name in Organisation.objects.filter(pk__in=wanted).values_list("pk", "ods_code", "name")
    }


def current_regions_of(ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Organisation id (as in a slice) -> (region code, region name) in the latest year."""
    year = latest_membership_year()
    wanted = [int(i) for i in ids if i]
    memberships = (
        Region.objects.current()
        .filter(memberships__organisation_id__in=wanted, memberships__year=year or 0)
        .values_list("memberships__organisation_id", "code", "name")
    )
    return {str(org): (code, name) for org, code, name in memberships}


@dataclass
class RollupData:
    """The sums of one scope at one level, with the names needed to label any breakdown.
    Built by `rollup_data` in a constant number of queries; breakdowns cost no more queries."""

    framework: Framework
    scope: Scope
    level: Level
    threshold: int
    items: list[tuple[str, str]]
    cells: list[CellSums]
    people_by_slice: dict[Slice, int]
    roles: dict[str, str]
    organisations: dict[str, tuple[str, str]] = field(default_factory=dict)
    regions: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def item_names(self) -> dict[str, str]:
        return dict(self.items)


def rollup_data(framework: Framework, scope: Scope, level: Level) -> RollupData:
    cells, people = rollup_sums(framework, scope, level)
    organisation_ids = {slice_[0] for slice_ in people}
    return RollupData(
        framework=framework,
        scope=scope,
        level=level,
        threshold=suppression_threshold(),
        items=item_labels(framework, level),
        cells=cells,
        people_by_slice=people,
        roles=role_names(framework),
        organisations=organisation_names(organisation_ids),
        regions=current_regions_of(organisation_ids),
    )


@dataclass(frozen=True)
class LabelledBreakdown:
    """A breakdown with a label (and, where there is one, a code) for each group."""

    by: str
    result: Breakdown
    labels: dict[str, str]
    codes: dict[str, str]


def breakdown_by(data: RollupData, by: str) -> LabelledBreakdown:
    """The roll-up's items, with groups across: band groups, roles, organisations, regions or
    everyone together ("all"). Suppression is applied by `rollups.breakdown`."""
    group_of, labels, codes, order = _grouping(data, by)
    result = breakdown(
        data.cells,
        items=[key for key, _label in data.items],
        group_of=group_of,
        people_by_slice=data.people_by_slice,
        threshold=data.threshold,
        group_order=order,
    )
    return LabelledBreakdown(by, result, labels, codes)


def _grouping(data: RollupData, by: str) -> tuple[Any, dict[str, str], dict[str, str], list[str] | None]:
    if by == "band_group":
        order = [band_group("1"), band_group("5"), BAND_NOT_GIVEN]
        present = {s[1] for s in data.people_by_slice}
        return (lambda s: s[1]), {k: k for k in order}, {}, [k for k in order if k in present or k != BAND_NOT_GIVEN]
    if by == "role":
        names = {**data.roles, "": ROLE_NOT_GIVEN}
        order = [*sorted(data.roles, key=lambda k: data.roles[k]), ""]
        return (lambda s: s[2]), names, {}, order
    if by == "organisation":
        labels = {k: name for k, (_code, name) in data.organisations.items()} | {"": NO_ORGANISATION}
        codes = {k: code for k, (code, _name) in data.organisations.items()}
        order = sorted(data.organisations, key=lambda k: data.organisations[k][1])
        return (lambda s: s[0]), labels, codes, order
    if by == "region":
        region_of = {org: code for org, (code, _name) in data.regions.items()}
        labels = dict(data.regions.values()) | {"": NO_REGION}
        order = sorted({code for code, _name in data.regions.values()}, key=lambda c: labels[c])
        return (lambda s: region_of.get(s[0], "")), labels, {c: c for c in order}, order
    if by == "all":
        return (lambda _slice: "all"), {"all": "Everyone"}, {}, ["all"]
    raise ValueError(f"Unknown breakdown {by!r}")


type ScopeKind = Literal["nation", "region", "organisation"]
PERMISSION_FOR_SCOPE = {
    "nation": "skills.view_national_rollup",
    "region": "skills.view_region_rollup",
    "organisation": "skills.view_organisation_rollup",
}
# What a scope's heat map spreads its areas across.
HEATMAP_BREAKDOWN = {"nation": "region", "region": "organisation", "organisation": "band_group"}


def find_scope(kind: ScopeKind, code: str = "") -> tuple[Scope, Region | Organisation | None] | None:
    """The scope, and the object whose permission guards it (None for the nation); None if unknown."""
    if kind == "nation":
        return nation_scope(), None
    if kind == "region":
        region = Region.objects.current().filter(code=code.upper()).select_related("geography").first()
        return (region_scope(region), region) if region else None
    organisation = Organisation.objects.filter(ods_code=code.upper()).first()
    return (organisation_scope(organisation), organisation) if organisation else None
