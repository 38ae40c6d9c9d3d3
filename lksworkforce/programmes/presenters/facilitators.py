"""The facilitator register and the cascade for display: one set of rows for the page, its CSV and
XLSX, and the API, so every surface shows the same figures."""

from collections.abc import Sequence
from dataclasses import dataclass
from math import floor
from typing import Any

from lksworkforce.core.disclosure import suppressed_label
from lksworkforce.programmes import cascade
from lksworkforce.programmes.models import Facilitator
from lksworkforce.programmes.selectors.facilitators import Cascade
from lksworkforce.programmes.vocabulary import FacilitationKind

REGISTER_COLUMNS = (
    "name", "email", "trained_to_run", "programme", "trained_on", "trained_at", "trained_by", "region",
    "sessions_per_year", "sessions_run", "active",
)  # fmt: skip
REGISTER_HEADINGS = {
    "name": "Name", "email": "Email", "trained_to_run": "Trained to run", "programme": "Programme",
    "trained_on": "Trained on", "trained_at": "Trained at", "trained_by": "Trained by", "region": "Region",
    "sessions_per_year": "Sessions a year", "sessions_run": "Sessions run", "active": "Active",
}  # fmt: skip
CASCADE_COLUMNS = (
    "region", "facilitators_trained", "active_facilitators", "sessions_run", "people_reached",
    "sessions_this_year", "capacity_sessions", "capacity_used_percent", "places", "demand", "train_more", "reasons",
)  # fmt: skip
CASCADE_HEADINGS = {
    "region": "Region", "facilitators_trained": "Facilitators trained", "active_facilitators": "Active",
    "sessions_run": "Sessions run", "people_reached": "People reached", "sessions_this_year": "Sessions this year",
    "capacity_sessions": "Capacity (sessions a year)", "capacity_used_percent": "Capacity used",
    "places": "Places", "demand": "Demand (applications this year)", "train_more": "Train more",
    "reasons": "Why",
}  # fmt: skip


def kind_label(kind: str) -> str:
    try:
        return FacilitationKind(kind).label
    except ValueError:
        return kind


def kind_choices() -> list[tuple[str, str]]:
    return [(k.value, k.label) for k in FacilitationKind]


def _day(value: object) -> str:
    return f"{value:%-d %B %Y}" if value else ""


def register_row(f: Facilitator) -> dict[str, Any]:
    return {
        "id": f.pk,
        "name": f.person.full_name or f.person.email,
        "email": f.person.email,
        "trained_to_run": kind_label(f.kind),
        "programme": f.programme.title if f.programme else "",
        "trained_on": f.trained_on.isoformat(),
        "trained_at": f.trained_at.title if f.trained_at else "",
        "trained_by": (f.trained_by.full_name or f.trained_by.email) if f.trained_by else "",
        "region": f.region.name,
        "sessions_per_year": f.sessions_per_year,
        "sessions_run": getattr(f, "sessions_run", 0),
        "active": "Yes" if f.active else "No",
    }


def register_rows(facilitators: Sequence[Facilitator]) -> list[dict[str, Any]]:
    return [register_row(f) for f in facilitators]


def register_export(rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    columns = [REGISTER_HEADINGS[c] for c in REGISTER_COLUMNS]
    return columns, [{REGISTER_HEADINGS[c]: row[c] for c in REGISTER_COLUMNS} for row in rows]


def percent(share: object) -> int | None:
    """A share as a whole percentage, rounded down (80% means at least four fifths)."""
    return None if share is None else floor(share * 100)  # type: ignore[operator]


def cascade_row(row: cascade.RegionRow, threshold: int) -> dict[str, Any]:
    """One region's figures: the numbers, and the demand as null when fewer than the threshold."""
    return {
        "region_id": row.region_id,
        "region": row.region,
        "facilitators_trained": row.trained,
        "active_facilitators": row.active,
        "sessions_run": row.sessions_run,
        "people_reached": row.people_reached,
        "sessions_this_year": row.sessions_this_year,
        "capacity_sessions": row.capacity,
        "capacity_used_percent": percent(row.capacity_used),
        "places": row.places,
        "demand": row.demand,
        "demand_suppressed": row.demand is None,
        "demand_text": f"{row.demand:,}" if row.demand is not None else suppressed_label(threshold),
        "train_more": row.train_more,
        "reasons": list(row.reasons),
    }


def cascade_rows(found: Cascade) -> list[dict[str, Any]]:
    return [cascade_row(r, found.threshold) for r in found.rows]


def cascade_export(rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """The per-region table as the CSV has it: the page's figures and words."""
    columns = [CASCADE_HEADINGS[c] for c in CASCADE_COLUMNS]
    out = []
    for row in rows:
        shown = dict(row)
        used = row["capacity_used_percent"]
        shown["capacity_used_percent"] = "" if used is None else f"{used}%"
        shown["demand"] = row["demand_text"]
        shown["train_more"] = "Yes" if row["train_more"] else "No"
        shown["reasons"] = "; ".join(row["reasons"])
        out.append({CASCADE_HEADINGS[c]: shown[c] for c in CASCADE_COLUMNS})
    return columns, out


@dataclass(frozen=True)
class TreeView:
    title: str
    held_on: str
    kind: str
    national: bool
    tree: cascade.Tree


def tree_views(found: Cascade) -> list[TreeView]:
    return [
        TreeView(
            title=t.event.title if t.event else "Trained by a trainer, not at an event you can see",
            held_on=_day(t.event.held_on) if t.event else "",
            kind=kind_label(t.event.kind) if t.event else "",
            national=t.event is not None and t.event.region_id is None,
            tree=t,
        )
        for t in found.trees
    ]


def day(value: object) -> str:
    return _day(value)
