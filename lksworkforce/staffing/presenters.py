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
    to_hundredths,
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


def report_figures(figure: AreaRatio | OrganisationRatio, target: Decimal) -> dict[str, Any]:
    """One row of the ratio report as typed figures (the API's form): WTE and staff per qualified at
    2 places, as the CSV shows them; a missing figure is None, never zero."""
    return {
        "area_code": figure.code,
        "area_name": figure.name,
        "nhs_wte": to_hundredths(figure.nhs_wte),
        "qualified_wte": to_hundredths(figure.qualified_wte),
        "staff_per_qualified": to_hundredths(figure.staff_per_qualified),
        "target_staff_per_qualified": target,
        "status": figure.status,
        "meets_target": figure.meets_target,
        "gap_wte": to_hundredths(figure.gap_wte),
    }


def report_row(figure: AreaRatio | OrganisationRatio, target: Decimal) -> dict[str, Any]:
    """One row of the ratio report, as CSV and the CLI show it: report_figures, formatted."""
    figures = report_figures(figure, target)
    return {
        "area_code": figures["area_code"],
        "area_name": figures["area_name"],
        "nhs_wte": format_decimal_2(figures["nhs_wte"]),
        "qualified_wte": format_decimal_2(figures["qualified_wte"]),
        "staff_per_qualified": format_decimal_2(figures["staff_per_qualified"]),
        "ratio": figure.ratio_label,
        "target_ratio": ratio_label(target),
        "meets_target": "" if figures["meets_target"] is None else ("true" if figures["meets_target"] else "false"),
        "gap_wte": format_decimal_2(figures["gap_wte"]),
    }


def report_areas(figures: YearFigures, by: str, region_code: str | None = None) -> list[AreaRatio | OrganisationRatio]:
    """The areas of a ratio report, in its order: England, the regions, or the organisations ranked."""
    if by == "nation":
        return [figures.nation]
    if by == "region":
        return list(figures.regions)
    organisations = figures.organisations_in(region_code) if region_code is not None else figures.organisations
    return [o.ratio for o in ranked(organisations)]


def report_rows(figures: YearFigures, by: str, region_code: str | None = None) -> list[dict[str, Any]]:
    target = figures.policy.target_staff_per_qualified
    return [report_row(area, target) for area in report_areas(figures, by, region_code)]


def report_figure_rows(figures: YearFigures, by: str, region_code: str | None = None) -> list[dict[str, Any]]:
    target = figures.policy.target_staff_per_qualified
    return [report_figures(area, target) for area in report_areas(figures, by, region_code)]


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


def trend_figures(points: Sequence[tuple[int, AreaRatio | OrganisationRatio | None]]) -> list[dict[str, Any]]:
    """Year by year, oldest first, as typed figures (the API's form), with the change in staff per
    qualified since the year before; a year without figures has status no_return and None figures."""
    from lksworkforce.staffing.ratios import change_since

    rows = []
    previous: Decimal | None = None
    for year, figure in sorted(points, key=lambda p: p[0]):
        current = figure.staff_per_qualified if figure else None
        rows.append(
            {
                "year": year,
                "nhs_wte": to_hundredths(figure.nhs_wte) if figure else None,
                "qualified_wte": to_hundredths(figure.qualified_wte) if figure else None,
                "staff_per_qualified": to_hundredths(current),
                "status": figure.status if figure else RatioStatus.NO_RETURN,
                "change": to_hundredths(change_since(previous, current)),
                "gap_wte": to_hundredths(figure.gap_wte) if figure else None,
            }
        )
        previous = current
    return rows


def trend_rows(points: Sequence[tuple[int, AreaRatio | OrganisationRatio | None]]) -> list[dict[str, Any]]:
    """trend_figures as CSV and the pages show them, with the ratio as 1:N."""
    labels = {year: figure.ratio_label if figure else "no return" for year, figure in points}
    return [
        {
            "year": row["year"],
            "nhs_wte": format_decimal_2(row["nhs_wte"]),
            "qualified_wte": format_decimal_2(row["qualified_wte"]),
            "staff_per_qualified": format_decimal_2(row["staff_per_qualified"]),
            "ratio": labels[row["year"]],
            "change": format_decimal_2(row["change"]),
            "gap_wte": format_decimal_2(row["gap_wte"]),
        }
        for row in trend_figures(points)
    ]


TRAJECTORY_COLUMNS = (
    "year",
    "projected_nhs_wte",
    "qualified_wte_needed",
    "increase_from_previous_year",
    "ratio_if_met",
)


def trajectory_figures(steps: Iterable[Any]) -> list[dict[str, Any]]:
    """The trajectory as typed figures (the API's form), at the precision the CSV shows."""
    return [
        {
            "year": s.year,
            "projected_nhs_wte": to_hundredths(s.projected_nhs_wte),
            "qualified_wte_needed": to_hundredths(s.qualified_wte_needed),
            "increase_from_previous_year": to_hundredths(s.increase_from_previous_year),
            "staff_per_qualified_if_met": to_hundredths(s.staff_per_qualified_if_met),
        }
        for s in steps
    ]


def trajectory_rows(steps: Iterable[Any]) -> list[dict[str, Any]]:
    steps = list(steps)
    return [
        {
            "year": row["year"],
            "projected_nhs_wte": format_decimal_2(row["projected_nhs_wte"]),
            "qualified_wte_needed": format_decimal_2(row["qualified_wte_needed"]),
            "increase_from_previous_year": format_decimal_2(row["increase_from_previous_year"]),
            "ratio_if_met": ratio_label(step.staff_per_qualified_if_met),
        }
        for row, step in zip(trajectory_figures(steps), steps, strict=True)
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
