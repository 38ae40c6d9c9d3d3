"""What sharing a self-assessment shares (docs/adr/0011-privacy-over-time.md): exactly what the
share screen lists, as it was when the person shared. The copy is frozen into the assessment by
`services.assessment_share` (or finishing with "share" ticked) and is all a service manager's
page, PDF, export and API read; it never includes the development plan. A share ends when the
person withdraws it or leaves the organisation (`AssessmentQuerySet.visible_to`)."""

from decimal import Decimal
from typing import Any

from markupsafe import Markup

from lksworkforce.skills import presenters, selectors
from lksworkforce.skills.gaps import area_summaries, gap, prioritised_gaps
from lksworkforce.skills.levels import Priority
from lksworkforce.skills.models import Assessment, Rating

# What the share screen tells the person the manager will see, in order: one list for the page
# and the copy, so the wording cannot drift from what is shared.
SHARED_PARTS = (
    "your current and target level, priority and evidence for each sub-area you rated",
    "your gaps and priorities, and your levels by area",
    "your reflection",
)
NOT_SHARED = "your development plan, your other self-assessments, and anything you change or add after you share"


def share_screen(assessment: Assessment) -> dict[str, Any]:
    """The frozen copy: the rows the share screen describes, as JSON."""
    rated = selectors.rated_sub_areas(assessment)
    scale = selectors.framework_scale(assessment.framework)
    summaries = area_summaries(rated)
    chart = presenters.area_chart(summaries, "Mean current and target level by area")
    ratings = assessment.ratings.select_related("sub_area").order_by("sub_area__position")
    return {
        "role_profile": assessment.role_profile.name if assessment.role_profile else "",
        "reflection": assessment.reflection,
        "gaps": presenters.gap_rows(scale, prioritised_gaps(rated)),
        "areas": presenters.area_rows(summaries),
        "area_chart": str(chart) if chart is not None else None,
        "ratings": presenters.rating_rows(scale, assessment),
        "api_ratings": [api_rating(r) for r in ratings],
        "api_gaps": presenters.gap_figures(prioritised_gaps(rated)),
        "api_areas": _json_numbers(presenters.area_figures(summaries)),
    }


def _json_numbers(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Decimals as JSON numbers, for the copy's JSON column (they are already at the precision shown)."""
    return [{k: float(v) if isinstance(v, Decimal) else v for k, v in row.items()} for row in rows]


def api_figures(copy: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The gaps and levels by area of a shared copy, as the API sends them. A copy made before the
    API sent figures as numbers holds only the rows the pages show: those are read back, once, here."""
    if "api_gaps" in copy:
        return {"gaps": copy["api_gaps"], "areas": copy["api_areas"]}
    return {"gaps": [_gap_from_row(row) for row in copy["gaps"]], "areas": [_area_from_row(r) for r in copy["areas"]]}


def _level(text: str) -> int | None:
    return int(text.split(" ", 1)[0]) if text else None


def _gap_from_row(row: dict[str, str]) -> dict[str, Any]:
    number, _, name = row["sub_area"].partition(" ")
    priority = next((p.value for p in Priority if p.label == row["priority"]), None)
    return {
        "sub_area": number,
        "sub_area_name": name,
        "priority": priority,
        "current": _level(row["current"]),
        "target": _level(row["target"]),
        "gap": int(row["gap"]),
        "role_expects": _level(row["role_expects"]),
        "role_gap": int(row["role_gap"]) if row["role_gap"] else None,
    }


def _area_from_row(row: dict[str, str]) -> dict[str, Any]:
    number, _, name = row["area"].partition(". ")
    means = {key: float(row[key]) if row[key] else None for key in ("mean_current", "mean_target", "mean_expected")}
    return {
        "area": int(number),
        "area_name": name,
        "rated": int(row["rated"]),
        **means,
        "with_gap": int(row["with_gap"]),
    }


def api_rating(rating: Rating) -> dict[str, Any]:
    """One rating as the API shows it (the shared copy keeps these, without the edit version)."""
    return {
        "sub_area": rating.sub_area.number,
        "current": rating.current,
        "target": rating.target,
        "gap": gap(rating.current, rating.target),
        "priority": rating.priority,
        "learning_evidence": rating.learning_evidence,
        "evidence_links": list(rating.evidence_links),
    }


def shared_copy(assessment: Assessment) -> dict[str, Any]:
    """The copy a manager sees. Shares made before copies were kept are of finished assessments,
    whose ratings and reflection cannot change: their copy is made from them (without the plan)."""
    return assessment.shared_copy or share_screen(assessment)


def shared_context(assessment: Assessment) -> dict[str, Any]:
    """The gaps page's and PDF's context for someone the assessment is shared with."""
    copy = shared_copy(assessment)
    return {
        "assessment": assessment,
        "shared": copy,
        "gaps": copy["gaps"],
        "gap_columns": presenters.GAP_COLUMNS,
        "areas": copy["areas"],
        "area_columns": presenters.AREA_COLUMNS,
        "area_chart": Markup(copy["area_chart"]) if copy.get("area_chart") else None,  # noqa: S704 - our own SVG
        "ratings": copy["ratings"],
        "reflection": copy["reflection"],
        "plan": [],
        "plan_columns": presenters.PLAN_COLUMNS,
    }
