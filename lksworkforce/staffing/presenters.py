"""Staffing figures as rows: the one definition of the report columns every surface uses."""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from lksworkforce.staffing.ratios import (
    AreaRatio,
    OrganisationRatio,
    RatioStatus,
    format_decimal_2,
    format_wte,
    ratio_label,
)
from lksworkforce.staffing.selectors import YearFigures

REPORT_COLUMNS = (
    "area_code", "area_name", "nhs_wte", "qualified_wte", "staff_per_qualified", "ratio", "target_ratio", "meets_target", "gap_wte",
)  # fmt: skip
STATUS_TAG_COLOURS = {
    RatioStatus.MEETS_TARGET: "green",
    RatioStatus.SHORT_OF_TARGET: "yellow",
    RatioStatus.AT_OR_WORSE_THAN_AVERAGE: "red",
    RatioStatus.NO_QUALIFIED_STAFF: "red",
    RatioStatus.NO_RETURN: "grey",
}


def report_row(figure: AreaRatio | OrganisationRatio, target: Decimal) -> dict[str, Any]:
    """One row of the ratio report, as CSV, the CLI and the API show it."""
    return {
        "area_code": figure.code,
        "area_name": figure.name,
        "nhs_wte": format_decimal_2(figure.nhs_wte),
        "qualified_wte": format_decimal_2(figure.qualified_wte),
        "staff_per_qualified": format_decimal_2(figure.staff_per_qualified),
        "ratio": figure.ratio_label,
        "target_ratio": ratio_label(target),
        "meets_target": "" if figure.meets_target is None else ("true" if figure.meets_target else "false"),
        "gap_wte": format_decimal_2(figure.gap_wte),
    }


def report_rows(figures: YearFigures, by: str, region_code: str | None = None) -> list[dict[str, Any]]:
    target = figures.policy.target_staff_per_qualified
    if by == "nation":
        return [report_row(figures.nation, target)]
    if by == "region":
        return [report_row(r, target) for r in figures.regions]
    organisations = figures.organisations_in(region_code) if region_code is not None else figures.organisations
    return [report_row(o.ratio, target) for o in ranked(organisations)]


def ranked(organisations: Iterable[Any]) -> list[Any]:
    """Best ratio first; no qualified staff, then no return, last."""

    def key(figure: Any) -> tuple[int, Decimal]:
        ratio: OrganisationRatio = figure.ratio
        if ratio.staff_per_qualified is not None:
            return (0, ratio.staff_per_qualified)
        return (1 if ratio.status is RatioStatus.NO_QUALIFIED_STAFF else 2, Decimal(0))

    return sorted(organisations, key=key)


def status_tag(status: RatioStatus) -> dict[str, str]:
    return {"text": status.label, "classes": f"nhsuk-tag--{STATUS_TAG_COLOURS[status]}"}


def display(figure: AreaRatio | OrganisationRatio) -> dict[str, Any]:
    """What a page shows for a figure: formatted, with the status as a tag."""
    return {
        "code": figure.code,
        "name": figure.name,
        "nhs_wte": format_wte(figure.nhs_wte),
        "qualified_wte": format_wte(figure.qualified_wte),
        "ratio": figure.ratio_label,
        "status": figure.status,
        "tag": status_tag(figure.status),
        "gap_wte": format_wte(figure.gap_wte),
    }


def missing_note(area: AreaRatio) -> str:
    if not area.organisations_missing:
        return ""
    n = area.organisations_missing
    return f"{n} organisation{'s' if n != 1 else ''} without a return or a census figure {'are' if n != 1 else 'is'} left out of the pooled figures."


TREND_COLUMNS = ("year", "nhs_wte", "qualified_wte", "staff_per_qualified", "ratio", "change", "gap_wte")


def trend_rows(points: Sequence[tuple[int, AreaRatio | OrganisationRatio | None]]) -> list[dict[str, Any]]:
    """Year by year, oldest first, with the change in staff per qualified since the year before."""
    from lksworkforce.staffing.ratios import change_since

    rows = []
    previous: Decimal | None = None
    for year, figure in sorted(points, key=lambda p: p[0]):
        current = figure.staff_per_qualified if figure else None
        change = change_since(previous, current)
        rows.append(
            {
                "year": year,
                "nhs_wte": format_decimal_2(figure.nhs_wte) if figure else "",
                "qualified_wte": format_decimal_2(figure.qualified_wte) if figure else "",
                "staff_per_qualified": format_decimal_2(current),
                "ratio": figure.ratio_label if figure else "no return",
                "change": format_decimal_2(change),
                "gap_wte": format_decimal_2(figure.gap_wte) if figure else "",
            }
        )
        previous = current
    return rows


TRAJECTORY_COLUMNS = (
    "year",
    "projected_nhs_wte",
    "qualified_wte_needed",
    "increase_from_previous_year",
    "ratio_if_met",
)


def trajectory_rows(steps: Iterable[Any]) -> list[dict[str, Any]]:
    return [
        {
            "year": s.year,
            "projected_nhs_wte": format_decimal_2(s.projected_nhs_wte),
            "qualified_wte_needed": format_decimal_2(s.qualified_wte_needed),
            "increase_from_previous_year": format_decimal_2(s.increase_from_previous_year),
            "ratio_if_met": ratio_label(s.staff_per_qualified_if_met),
        }
        for s in steps
    ]


BREAKDOWN_COLUMNS = ("group", "wte", "qualified_wte", "headcount")


def breakdown_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "group": r["group"],
            "wte": format_decimal_2(r["wte"]),
            "qualified_wte": format_decimal_2(r["qualified_wte"]),
            "headcount": r["headcount"],
        }
        for r in rows
    ]


def status_count_rows(figures: YearFigures) -> list[dict[str, Any]]:
    return [
        {"status": s.label, "tag": status_tag(s), "count": figures.status_counts.get(s.value, 0)} for s in RatioStatus
    ]
