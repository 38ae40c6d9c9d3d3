"""Reads for skills roll-ups: whose latest assessments count (a scope), one aggregate query over
them, and breakdowns of its sums by band group, role, organisation or region. Every roll-up
surface (page, API, CSV/XLSX/PDF, CLI) takes its figures from `rollup_data` + `breakdown_by`."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from django.db import connection
from django.db.models import Count, QuerySet

from lksworkforce.accounts.people import BAND_GROUP_LABELS, BandGroup, band_group
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.core.disclosure import Inherited, ParentView, hidden_anywhere, hidden_by_parent, page_hidden
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.organisations.models import Organisation, Region
from lksworkforce.organisations.selectors import latest_membership_year
from lksworkforce.skills.models import Assessment, Framework, Rating, SubArea
from lksworkforce.skills.publication import published_as_of
from lksworkforce.skills.rollups import Breakdown, Cell, CellSums, Figures, Group, Row, Slice, breakdown
from lksworkforce.skills.rules import may_see_each

BAND_NOT_GIVEN = BandGroup.NOT_STATED
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


def _in_scope(queryset: QuerySet[Any], scope: Scope, prefix: str) -> QuerySet[Any]:
    if scope.organisation_ids is None:
        return queryset
    return queryset.filter(**{f"{prefix}organisation_id__in": sorted(scope.organisation_ids)})


def rollup_sums(framework: Framework, scope: Scope, level: Level) -> tuple[list[CellSums], dict[Slice, int]]:
    """Sums per item and slice (organisation id, band group, role profile id) over the latest
    assessments in scope, and the people in each slice: two aggregate queries, whatever the size.

    The ratings are grouped on whole-number keys only (sorting 300,000 rows on text costs more than
    the sums): for areas, first per assessment and area (so a person counts once in an area), then
    per slice; sub-areas need one step, as a person rates a sub-area at most once."""
    if scope.organisation_ids is not None and not scope.organisation_ids:
        return [], {}  # a region with no organisations this year: nobody to count
    latest = _in_scope(Assessment.objects.filter(framework=framework, is_published=True), scope, "")
    latest_sql, latest_params = latest.values("pk").query.sql_with_params()
    rating, sub_area, assessment = (m._meta.db_table for m in (Rating, SubArea, Assessment))
    if level == "area":
        names = {pk: str(n) for pk, n in framework.areas.values_list("pk", "number")}
        sql = f"""
            SELECT a.organisation_id, a.band, a.role_profile_id, per.item,
                   COUNT(*), SUM(per.ratings), SUM(per.sum_current), SUM(per.sum_target), SUM(per.gap)
            FROM (
                SELECT r.assessment_id AS assessment_id, s.area_id AS item, COUNT(*) AS ratings,
                       SUM(r.current) AS sum_current, SUM(r.target) AS sum_target,
                       MAX(CASE WHEN r.target > r.current THEN 1 ELSE 0 END) AS gap
                FROM {rating} r JOIN {sub_area} s ON s.id = r.sub_area_id
                WHERE r.assessment_id IN ({latest_sql})
                GROUP BY r.assessment_id, s.area_id
            ) per JOIN {assessment} a ON a.id = per.assessment_id
            GROUP BY a.organisation_id, a.band, a.role_profile_id, per.item
        """  # noqa: S608 - table names from the models; values are parameters
    else:
        names = dict(framework.sub_areas.values_list("pk", "number"))  # already text
        sql = f"""
            SELECT a.organisation_id, a.band, a.role_profile_id, r.sub_area_id,
                   COUNT(*), COUNT(*), SUM(r.current), SUM(r.target),
                   SUM(CASE WHEN r.target > r.current THEN 1 ELSE 0 END)
            FROM {rating} r JOIN {assessment} a ON a.id = r.assessment_id
            WHERE r.assessment_id IN ({latest_sql})
            GROUP BY a.organisation_id, a.band, a.role_profile_id, r.sub_area_id
        """  # noqa: S608 - table names from the models; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, latest_params)
        rows = cursor.fetchall()
    cells = [
        CellSums(names[item], _slice(organisation, band, role), Figures(*(int(v) for v in figures)))
        for organisation, band, role, item, *figures in rows
    ]
    by_slice: dict[Slice, int] = defaultdict(int)
    counted = latest.values("organisation_id", "band", "role_profile_id").annotate(people=Count("id")).order_by()
    for row in counted:
        by_slice[_slice(row["organisation_id"], row["band"], row["role_profile_id"])] += row["people"]
    return cells, dict(by_slice)


def _slice(organisation: int | None, band: str, role: int | None) -> Slice:
    group = BAND_NOT_GIVEN if not band else band_group(band)
    return (str(organisation or ""), group, str(role or ""))


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
    inherited: "Inheritance | None" = None
    published_at: datetime | None = None  # when the scope's published figures last changed

    @property
    def item_names(self) -> dict[str, str]:
        return dict(self.items)


def rollup_data(framework: Framework, scope: Scope, level: Level) -> RollupData:
    """The scope's sums, names, and what its parent's view hides about it (see `Inherited`)."""
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
        inherited=inherited_suppression(framework, scope, level),
        published_at=published_as_of(framework, scope.organisation_ids),
    )


# What the pages above a scope hide about it (docs/adr/0007-small-group-suppression.md): England
# shows each region's figures and a region each organisation's, so a region's or organisation's own
# page must hide what those hide (England - London = North West). England's bands 1 to 4 are the sum
# of each region's, so a region hides its part where, among the regions, it is hidden. The rule is
# `core.disclosure`'s; here are only the figures it is given. A figure is an item, or HEADS.

HEADS = None
type Figure = str | None
type Inheritance = dict[tuple[str, Figure], Inherited[str]]  # (breakdown, figure) -> what is forced
INHERITED_BREAKDOWNS = ("band_group", "role")


def inherited_suppression(framework: Framework, scope: Scope, level: Level) -> Inheritance:
    if scope.kind == "nation":
        return {}
    if scope.kind == "region":
        return _inherited_from(rollup_data(framework, nation_scope(), level), "region", scope.code)
    (organisation_id,) = scope.organisation_ids or frozenset({0})
    member = str(organisation_id)
    region = current_regions_of([member]).get(member)
    found = find_scope("region", region[0]) if region is not None else None
    parent = rollup_data(framework, found[0] if found else nation_scope(), level)
    own = _inherited_from(parent, "organisation", member)
    above = parent.inherited or {}
    return {key: above.get(key, Inherited()) | forced for key, forced in own.items()}


def _inherited_from(
    parent: RollupData, member_by: str, member: str, breakdowns: Iterable[str] = BREAKDOWNS
) -> Inheritance:
    """What `member` (a group of the parent's breakdown `member_by`) must hide on its own page, for
    each of its breakdowns and figures, given the parent's page by member and by each group."""
    by_member = breakdown_by(parent, member_by).result
    member_of = _grouping(parent, member_by)[0]
    views: dict[Figure, ParentView[str, str]] = {
        HEADS: ParentView({g.key: g.people for g in by_member.groups}, hidden=by_member.hidden)
    }
    for row in by_member.rows:
        sizes = {g.key: c.figures.people for g, c in zip(by_member.groups, row.groups, strict=True)}
        views[row.item] = ParentView(sizes, hidden=row.total.hidden)
    inherited: Inheritance = {}
    for by in breakdowns:
        parts = _parts(parent, by, member_of) if by in INHERITED_BREAKDOWNS else {}
        for figure, view in views.items():
            inherited[(by, figure)] = hidden_by_parent(
                replace(view, parts=parts.get(figure, {})), member, parent.threshold
            )
    return inherited


def _parts(parent: RollupData, by: str, member_of: Callable[[Slice], str]) -> dict[Figure, dict[str, dict[str, int]]]:
    """figure -> group -> member -> people: the parent's groups (its bands 1 to 4) split by member."""
    group_of = _grouping(parent, by)[0]
    parts: dict[Figure, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for cell in parent.cells:
        parts[cell.item][group_of(cell.slice)][member_of(cell.slice)] += cell.figures.people
    for slice_, count in parent.people_by_slice.items():
        parts[HEADS][group_of(slice_)][member_of(slice_)] += count
    return parts


def _with_inherited(result: Breakdown, inherited: Inheritance | None, by: str) -> Breakdown:
    """Hide, in this scope's own breakdown, what the pages above it hide, then hide again within
    each row whatever would let those be worked out from the row's total (`core.disclosure.page_hidden`)."""
    if inherited is None:
        return result
    heads = inherited.get((by, HEADS), Inherited())
    if heads.everything:
        every_group = tuple(replace(g, hidden=True) for g in result.groups)
        return replace(result, hidden=True, groups=every_group, rows=tuple(_hidden_row(r) for r in result.rows))
    threshold = result.threshold
    head_hidden = page_hidden(
        {g.key: g.people for g in result.groups},
        threshold,
        hidden=[g.key for g in result.groups if g.hidden],
        inherited=heads,
    )
    groups = tuple(replace(g, hidden=g.key in head_hidden) for g in result.groups)
    rows: list[Row] = []
    for row in result.rows:
        forced = inherited.get((by, row.item), Inherited())
        if forced.everything:
            rows.append(_hidden_row(row))
            continue
        rows.append(_hide(row, result.groups, _row_hidden(row, result.groups, threshold, forced)))
    return replace(result, groups=groups, rows=tuple(rows))


def _row_hidden(row: Row, groups: tuple[Group, ...], threshold: int, forced: Inherited[str]) -> frozenset[str]:
    cells = list(zip(groups, row.groups, strict=True))
    sizes = {g.key: c.figures.people for g, c in cells}
    return page_hidden(sizes, threshold, hidden=[g.key for g, c in cells if c.hidden], inherited=forced)


def _hide(row: Row, groups: tuple[Group, ...], hidden: Set[str]) -> Row:
    cells = tuple(Cell(c.figures, c.hidden or g.key in hidden) for g, c in zip(groups, row.groups, strict=True))
    return Row(row.item, row.total, cells)


def _hidden_row(row: Row) -> Row:
    return Row(row.item, Cell(row.total.figures, True), tuple(Cell(c.figures, True) for c in row.groups))


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
    if by == "organisation" and data.scope.kind == "nation":
        result = _as_each_region_hides(data, result)
    return LabelledBreakdown(by, _with_inherited(result, data.inherited, by), labels, codes)


def _as_each_region_hides(data: RollupData, result: Breakdown) -> Breakdown:
    """England by organisation shows each organisation's figures, as its region's page does: it hides
    whatever any region's page hides about its organisations (`core.disclosure.hidden_anywhere`)."""
    region_of = {org: code for org, (code, _name) in data.regions.items()}
    heads: list[frozenset[str]] = []
    cells: dict[str, list[frozenset[str]]] = defaultdict(list)
    for code in {region_of.get(g.key, "") for g in result.groups}:
        members = {g.key for g in result.groups if region_of.get(g.key, "") == code}
        within = breakdown(
            [c for c in data.cells if c.slice[0] in members],
            items=[row.item for row in result.rows],
            group_of=lambda slice_: slice_[0],
            people_by_slice={k: v for k, v in data.people_by_slice.items() if k[0] in members},
            threshold=data.threshold,
        )
        region_page = _with_inherited(within, _inherited_from(data, "region", code, ["organisation"]), "organisation")
        heads.append(frozenset(g.key for g in region_page.groups if g.hidden))
        for row in region_page.rows:
            cells[row.item].append(
                frozenset(g.key for g, c in zip(region_page.groups, row.groups, strict=True) if c.hidden)
            )
    own_heads = [g.key for g in result.groups if g.hidden]
    head_hidden = hidden_anywhere(own_heads, *heads)
    groups = tuple(replace(g, hidden=g.key in head_hidden) for g in result.groups)
    rows = tuple(_hide(row, result.groups, hidden_anywhere((), *cells.get(row.item, []))) for row in result.rows)
    return replace(result, groups=groups, rows=rows)


def _grouping(data: RollupData, by: str) -> tuple[Any, dict[str, str], dict[str, str], list[str] | None]:
    if by == "band_group":
        order: list[str] = list(BandGroup)
        present = {s[1] for s in data.people_by_slice}
        return (lambda s: s[1]), dict(BAND_GROUP_LABELS), {}, [k for k in order if k in present or k != BAND_NOT_GIVEN]
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
# What a scope's heat map spreads its areas across (band groups for a viewer who may not see each
# region's or organisation's own figures), and the breakdowns each scope offers.
HEATMAP_BREAKDOWN = {"nation": "region", "region": "organisation", "organisation": "band_group"}
BREAKDOWNS_FOR_SCOPE = {
    "nation": ("band_group", "role", "region", "organisation"),
    "region": ("band_group", "role", "organisation"),
    "organisation": ("band_group", "role"),
}


def breakdowns_for(viewer: AnyViewer | None, data: RollupData) -> tuple[str, ...]:
    """The breakdowns of a roll-up the viewer may see: one rule for the page, API and CLI. Groups
    that are organisations or regions are each one's own roll-up, so they are shown only to a
    viewer who may open every one of those roll-ups (`skills.rules.may_see_each`)."""
    allowed = []
    for by in BREAKDOWNS_FOR_SCOPE[data.scope.kind]:
        if by == "organisation" and not may_see_each(viewer, "organisation", data.organisations):
            continue
        if by == "region" and not may_see_each(viewer, "region", (code for code, _n in data.regions.values())):
            continue
        allowed.append(by)
    return tuple(allowed)


def heatmap_breakdown(allowed: tuple[str, ...], kind: str) -> str:
    preferred = HEATMAP_BREAKDOWN[kind]
    return preferred if preferred in allowed else "band_group"


def find_scope(kind: ScopeKind, code: str = "") -> tuple[Scope, Region | Organisation | None] | None:
    """The scope, and the object whose permission guards it (None for the nation); None if unknown."""
    if kind == "nation":
        return nation_scope(), None
    if kind == "region":
        region = Region.objects.current().filter(code=code.upper()).select_related("geography").first()
        return (region_scope(region), region) if region else None
    organisation = Organisation.objects.filter(ods_code=code.upper()).first()
    return (organisation_scope(organisation), organisation) if organisation else None
