"""Chart specs for staffing figures; rendered by core.charts. Each page shows the data table too."""

from typing import Any

from markupsafe import Markup

from lksworkforce.core.charts import bar_chart, line_chart
from lksworkforce.staffing.selectors import YearFigures


def regions_chart(figures: YearFigures) -> Markup | None:
    values = [
        {"region": r.name, "staff": float(r.staff_per_qualified)}
        for r in figures.regions
        if r.staff_per_qualified is not None
    ]
    if not values:
        return None
    return bar_chart(
        values=values,
        x="staff",
        y="region",
        x_title="NHS WTE per qualified LKS WTE (lower is better)",
        y_title="Region",
        description=f"NHS staff per qualified LKS staff by region, {figures.year}; the red line is the target",
        rule_at=float(figures.policy.target_staff_per_qualified),
    )


def trend_chart(trend: list[dict[str, Any]], area_name: str) -> Markup | None:
    values = [
        {"year": str(row["year"]), "staff": float(row["staff_per_qualified"])}
        for row in trend
        if row["staff_per_qualified"]
    ]
    if len(values) < 2:
        return None
    return line_chart(
        values=values,
        x="year",
        y="staff",
        x_title="Year",
        y_title="NHS WTE per qualified LKS WTE",
        description=f"NHS staff per qualified LKS staff in {area_name}, by year",
    )
