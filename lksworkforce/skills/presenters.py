"""Skills figures as pages, files, the API and the CLI show them. Hidden (small) groups are shown
as "fewer than N" and never with a figure, on every surface."""

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from lksworkforce.core.charts import NHS_BLUE, render_svg
from lksworkforce.core.disclosure import Suppressed, suppressed_label, suppression_reason
from lksworkforce.skills.aggregates import LabelledBreakdown, RollupData
from lksworkforce.skills.gaps import AreaHistory, AreaSummary, RatedSubArea
from lksworkforce.skills.levels import ActionKind, ActionStatus, Scale
from lksworkforce.skills.models import Assessment, PlanAction
from lksworkforce.skills.rollups import Cell, Ranked

ROLLUP_COLUMNS = (
    "scope_code",
    "scope_name",
    "group_code",
    "group_name",
    "item",
    "item_name",
    "people",
    "mean_current",
    "mean_target",
    "percent_with_gap",
)
RANKING_COLUMNS = (
    "rank",
    "item",
    "item_name",
    "people",
    "percent_rating",
    "mean_current",
    "mean_target",
    "percent_with_gap",
)
TOTAL_GROUP = "All"


TENTHS = Decimal("0.1")
FIGURES = ("people", "mean_current", "mean_target", "percent_with_gap")


def tenths(value: Decimal | None) -> Decimal | None:
    """A mean or a percentage at the one decimal place every surface shows (the API's number is the
    CSV's cell, read as a number)."""
    return None if value is None else value.quantize(TENTHS)


def decimal_text(value: Decimal | None) -> str:
    return "" if value is None else f"{tenths(value):f}"


PROTECTING = "hidden to protect a smaller group"


def reason_label(reason: Suppressed, threshold: int) -> str:
    """Why figures are hidden, for people: a small group, or one hidden so a small group cannot be worked out."""
    return suppressed_label(threshold) if reason is Suppressed.SMALL_GROUP else PROTECTING


def hidden_label(people: int, threshold: int) -> str:
    return reason_label(suppression_reason(people, threshold, hidden=True) or Suppressed.SMALL_GROUP, threshold)


def cell_figures(cell: Cell, threshold: int) -> dict[str, Any]:
    """The four figures of a cell as numbers (the API's form); a hidden cell has None for each and
    `suppressed` saying why."""
    reason = suppression_reason(cell.figures.people, threshold, hidden=cell.hidden)
    if reason is not None:
        return dict.fromkeys(FIGURES) | {"suppressed": reason}
    figures = cell.figures
    return {
        "people": figures.people,
        "mean_current": tenths(figures.mean_current),
        "mean_target": tenths(figures.mean_target),
        "percent_with_gap": tenths(figures.percent_with_gap),
        "suppressed": None,
    }


def cell_values(cell: Cell, threshold: int) -> dict[str, str]:
    """cell_figures as text; a hidden cell gives only why it is hidden."""
    figures = cell_figures(cell, threshold)
    if figures["suppressed"] is not None:
        return dict.fromkeys(FIGURES, "") | {"people": reason_label(figures["suppressed"], threshold)}
    return {
        "people": str(figures["people"]),
        "mean_current": decimal_text(figures["mean_current"]),
        "mean_target": decimal_text(figures["mean_target"]),
        "percent_with_gap": decimal_text(figures["percent_with_gap"]),
    }


def published_note(data: RollupData) -> str:
    """How current the figures are: they advance in snapshots (docs/adr/0011-privacy-over-time.md)."""
    when = f"Figures as of {data.published_at:%-d %B %Y}" if data.published_at else "Figures as last published"
    return (
        f"{when}. They are updated only when at least {data.threshold} more people in a team have finished a "
        "self-assessment, so that nobody's answers can be worked out by comparing the figures before and after."
    )


def rollup_rows(
    data: RollupData,
    labelled: LabelledBreakdown,
    *,
    groups: bool = True,
    cells: Callable[[Cell, int], dict[str, Any]] = cell_values,
) -> list[dict[str, Any]]:
    """One row per item and group, with the total ("All") first: the CSV, XLSX, PDF and CLI form
    (the API's with `cells=cell_figures`). `groups=False` gives the totals alone."""
    names = data.item_names
    scope = {"scope_code": data.scope.code or "ENG", "scope_name": data.scope.name}
    rows = []
    for row in labelled.result.rows:
        item = {"item": row.item, "item_name": names[row.item]}
        rows.append(scope | {"group_code": "", "group_name": TOTAL_GROUP} | item | cells(row.total, data.threshold))
        if not groups:
            continue
        for group, cell in zip(labelled.result.groups, row.groups, strict=True):
            rows.append(
                scope
                | {
                    "group_code": labelled.codes.get(group.key, ""),
                    "group_name": labelled.labels.get(group.key, group.key),
                }
                | item
                | cells(cell, data.threshold)
            )
    return rows


def rollup_table(data: RollupData, labelled: LabelledBreakdown) -> dict[str, Any]:
    """The page's pivoted table: items down; everyone, then each group, across."""
    names = data.item_names
    threshold = data.threshold
    result = labelled.result
    return {
        "people": hidden_label(result.people, threshold) if result.hidden else f"{result.people:,}",
        "hidden": result.hidden,
        "groups": [
            {
                "label": labelled.labels.get(g.key, g.key),
                "people": hidden_label(g.people, threshold) if g.hidden else f"{g.people:,}",
            }
            for g in result.groups
        ],
        "rows": [
            {
                "item": names[row.item],
                "total": cell_values(row.total, threshold),
                "groups": [cell_values(cell, threshold) for cell in row.groups],
            }
            for row in result.rows
        ],
    }


def ranking_figures(data: RollupData, ranked: list[Ranked]) -> list[dict[str, Any]]:
    """The lowest widely needed items as numbers (the API's form); only shown groups are ranked."""
    names = data.item_names
    return [
        {
            "rank": r.rank,
            "item": r.item,
            "item_name": names[r.item],
            "people": r.figures.people,
            "percent_rating": tenths(r.percent_rating),
            "mean_current": tenths(r.figures.mean_current),
            "mean_target": tenths(r.figures.mean_target),
            "percent_with_gap": tenths(r.figures.percent_with_gap),
        }
        for r in ranked
    ]


def ranking_rows(data: RollupData, ranked: list[Ranked]) -> list[dict[str, str]]:
    return [
        {
            key: decimal_text(value) if isinstance(value, Decimal) or value is None else str(value)
            for key, value in row.items()
        }
        for row in ranking_figures(data, ranked)
    ]


def heatmap_chart(data: RollupData, labelled: LabelledBreakdown, description: str) -> Markup | None:
    """Mean current level, items down and groups across; hidden cells are left empty."""
    names = data.item_names
    values = [
        {
            "item": names[row.item],
            "group": labelled.labels.get(group.key, group.key),
            "level": float(cell.figures.mean_current or 0),
        }
        for row in labelled.result.rows
        for group, cell in zip(labelled.result.groups, row.groups, strict=True)
        if not cell.hidden and cell.figures.mean_current is not None
    ]
    if not values:
        return None
    scale = [lv for lv, _label in _scale_of(data)]
    return render_svg(
        {
            "description": description,
            "data": {"values": values},
            "mark": {"type": "rect", "stroke": "#ffffff"},
            "width": {"step": 36},
            "height": {"step": 22},
            "encoding": {
                "x": {"field": "group", "type": "nominal", "title": None, "sort": None, "axis": {"labelAngle": -40}},
                "y": {"field": "item", "type": "nominal", "title": None, "sort": None},
                "color": {
                    "field": "level",
                    "type": "quantitative",
                    "title": "Mean current level",
                    "scale": {"scheme": "blues", "domain": [min(scale, default=0), max(scale, default=4)]},
                },
            },
        }
    )


def _scale_of(data: RollupData) -> list[tuple[int, str]]:
    return list(data.framework.scale.values_list("value", "label"))


# A person's own figures -------------------------------------------------------------------


def level_text(scale: Scale, value: int | None) -> str:
    return "" if value is None else f"{value} {scale.label(value)}"


def gap_figures(gaps: list[RatedSubArea]) -> list[dict[str, Any]]:
    """Prioritised gaps as levels and numbers (the API's form)."""
    return [
        {
            "sub_area": g.number,
            "sub_area_name": g.name,
            "priority": g.priority.value if g.priority else None,
            "current": g.current,
            "target": g.target,
            "gap": g.gap,
            "role_expects": g.expected,
            "role_gap": g.role_gap,
        }
        for g in gaps
    ]


def gap_rows(scale: Scale, gaps: list[RatedSubArea]) -> list[dict[str, str]]:
    return [
        {
            "sub_area": f"{g.number} {g.name}",
            "priority": g.priority.label if g.priority else "Not set",
            "current": level_text(scale, g.current),
            "target": level_text(scale, g.target),
            "gap": str(g.gap),
            "role_expects": level_text(scale, g.expected),
            "role_gap": "" if g.role_gap is None else str(g.role_gap),
        }
        for g in gaps
    ]


GAP_COLUMNS = (
    ("sub_area", "Sub-area", False),
    ("priority", "Priority", False),
    ("current", "Current level", False),
    ("target", "Your target", False),
    ("gap", "Gap to your target", True),
    ("role_expects", "Your role expects", False),
    ("role_gap", "Gap to your role", True),
)


def area_figures(summaries: list[AreaSummary]) -> list[dict[str, Any]]:
    """Levels by area as numbers (the API's form), means at one decimal place as the pages show them."""
    return [
        {
            "area": s.number,
            "area_name": s.name,
            "rated": s.rated,
            "mean_current": tenths(s.mean_current),
            "mean_target": tenths(s.mean_target),
            "mean_expected": tenths(s.mean_expected),
            "with_gap": s.with_gap,
        }
        for s in summaries
    ]


def area_rows(summaries: list[AreaSummary]) -> list[dict[str, str]]:
    return [
        {
            "area": f"{s.number}. {s.name}",
            "rated": str(s.rated),
            "mean_current": decimal_text(s.mean_current),
            "mean_target": decimal_text(s.mean_target),
            "mean_expected": decimal_text(s.mean_expected),
            "with_gap": str(s.with_gap),
        }
        for s in summaries
    ]


AREA_COLUMNS = (
    ("area", "Area", False),
    ("rated", "Sub-areas rated", True),
    ("mean_current", "Mean current level", True),
    ("mean_target", "Mean target", True),
    ("mean_expected", "Mean level your role expects", True),
    ("with_gap", "Sub-areas with a gap", True),
)


def area_chart(summaries: list[AreaSummary], description: str) -> Markup | None:
    """Current against target (and role expectation) per area, as grouped bars."""
    values = []
    for s in summaries:
        label = f"{s.number}. {s.name}"
        values += [
            {"area": label, "measure": "Current", "level": float(s.mean_current or 0)},
            {"area": label, "measure": "Target", "level": float(s.mean_target or 0)},
        ]
        if s.mean_expected is not None:
            values.append({"area": label, "measure": "Role expects", "level": float(s.mean_expected)})
    if not values:
        return None
    return render_svg(
        {
            "description": description,
            "width": 480,
            "data": {"values": values},
            "mark": {"type": "bar"},
            "encoding": {
                "y": {"field": "area", "type": "nominal", "title": None, "sort": None},
                "yOffset": {"field": "measure", "sort": ["Current", "Target", "Role expects"]},
                "x": {"field": "level", "type": "quantitative", "title": "Mean level"},
                "color": {
                    "field": "measure",
                    "type": "nominal",
                    "title": None,
                    "sort": ["Current", "Target", "Role expects"],
                    "scale": {"range": [NHS_BLUE, "#ffb81c", "#330072"]},
                },
            },
        }
    )


def history_rows(keys: list[str], history: list[AreaHistory]) -> list[dict[str, Any]]:
    """Mean current level per area (one column per finished assessment, keyed by `keys`) and the
    change from the first to the last, as numbers so that spreadsheets can add them up."""
    rows = []
    for h in history:
        row: dict[str, Any] = {"area": f"{h.number}. {h.name}"}
        row |= {key: "" if m is None else m for key, m in zip(keys, h.means, strict=True)}
        row["change"] = "" if h.change is None else h.change
        rows.append(row)
    return rows


def history_chart(dates: list[str], history: list[AreaHistory]) -> Markup | None:
    values = [
        {"taken": date, "area": f"{h.number}. {h.name}", "level": float(m)}
        for h in history
        for date, m in zip(dates, h.means, strict=True)
        if m is not None
    ]
    if len(dates) < 2 or not values:  # a line needs two points
        return None
    return render_svg(
        {
            "description": "Mean current level by area at each self-assessment",
            "width": 480,
            "height": 260,
            "data": {"values": values},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "taken", "type": "ordinal", "title": "Self-assessment", "sort": dates},
                "y": {"field": "level", "type": "quantitative", "title": "Mean current level"},
                "color": {"field": "area", "type": "nominal", "title": "Area"},
            },
        }
    )


def rating_rows(scale: Scale, assessment: Assessment) -> list[dict[str, str]]:
    """Every rated sub-area with the person's comments, for the appraisal PDF."""
    return [
        {
            "sub_area": f"{r.sub_area.number} {r.sub_area.name}",
            "current": level_text(scale, r.current),
            "target": level_text(scale, r.target),
            "priority": r.get_priority_display() or "Not set",
            "learning_evidence": r.learning_evidence,
            "evidence_links": "\n".join(r.evidence_links),
        }
        for r in assessment.ratings.select_related("sub_area").order_by("sub_area__position")
    ]


PLAN_COLUMNS = (
    ("description", "Action", False),
    ("kind", "Kind", False),
    ("sub_areas", "Sub-areas", False),
    ("due_on", "Due", False),
    ("status", "Status", False),
    ("resource_url", "Learning resource", False),
)


def plan_figures(actions: Iterable[PlanAction]) -> list[dict[str, Any]]:
    """Plan actions with codes for kind and status and the due date as a date (the API's form)."""
    return [
        {
            "id": a.pk,
            "description": a.description,
            "kind": a.kind,
            "sub_areas": [s.number for s in a.sub_areas.all()],
            "due_on": a.due_on,
            "status": a.status,
            "resource_url": a.resource_url,
        }
        for a in actions
    ]


def plan_rows(actions: Iterable[PlanAction]) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "description": a.description,
            "kind": ActionKind(a.kind).label,
            "sub_areas": ", ".join(s.number for s in a.sub_areas.all()),
            "due_on": f"{a.due_on.day} {a.due_on:%B %Y}" if a.due_on else "",
            "status": ActionStatus(a.status).label,
            "status_value": a.status,
            "resource_url": a.resource_url,
        }
        for a in actions
    ]
