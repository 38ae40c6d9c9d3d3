"""Figures pages: national dashboard, region, organisation (with trajectory) and the board report."""

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list
from lksworkforce.core.params import ParamError, parse_year
from lksworkforce.core.views import ExplainedNotFound
from lksworkforce.organisations import selectors as organisation_selectors
from lksworkforce.staffing import charts, presenters, selectors
from lksworkforce.staffing.forms import TrajectoryForm
from lksworkforce.staffing.ratios import ratio_label


def _years_and_choice(request: HttpRequest) -> tuple[list[int], int, str]:
    """The census years, the year asked for (the latest when none is), and a notice for the page
    when the year asked for has no figures: the page then says so, and shows the latest year."""
    years = selectors.census_years()
    if not years:
        raise Http404("No NHS workforce census has been imported yet")
    raw = request.GET.get("year")
    try:
        year = parse_year(raw, default=years[0])
    except ParamError:
        return years, years[0], _no_figures_notice(repr((raw or "").strip()[:12]), years)
    if year not in years:
        return years, years[0], _no_figures_notice(str(year), years)
    return years, year, ""


def _no_figures_notice(asked: str, years: list[int]) -> str:
    return (
        f"There are no staffing figures for {asked}: figures for a year start when its NHS workforce census "
        f"is imported. The years with figures are {years[-1]} to {years[0]}."
    )


def _notices(missing: str, year: int) -> list[str]:
    return [f"{missing} This page shows {year}, the latest."] if missing else []


def refuse_download_without_figures(missing: str) -> None:
    """A file for a year with no figures is not another year's file: a 404 that says why."""
    if missing:
        raise ExplainedNotFound(missing)


Table = tuple[tuple[str, ...], list[dict[str, Any]]]


def _maybe_export(
    request: HttpRequest, tables: dict[str, Callable[[], Table]], stem: str, title: str
) -> HttpResponse | None:
    """The asked-for table as a file; only that table is built."""
    export_format = request.GET.get("format")
    if not export_format:
        return None
    refuse_download_without_figures(_years_and_choice(request)[2])
    name = request.GET.get("table", next(iter(tables)))
    if name not in tables:
        raise Http404("No such table")
    columns, rows = tables[name]()
    return export_response(export_format, f"{stem}-{name}", columns, rows, title=f"{title}: {name}")


def _table(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> Table:
    """A table already built, for `_maybe_export`."""
    return columns, rows


def _area_years(
    request: HttpRequest, years: list[int], year: int, region_code: str | None = None
) -> selectors.AreaYears:
    result = selectors.area_years(request.user, years, year, region_code=region_code)
    if result is None:  # not signed in: the views require it, so this is a guard
        raise Http404("No figures")
    return result


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    years, year, missing = _years_and_choice(request)
    area_years = _area_years(request, years, year)
    figures = area_years.figures
    trend = presenters.trend_rows(area_years.trend)
    tables: dict[str, Callable[[], Table]] = {
        "regions": lambda: (presenters.REPORT_COLUMNS, presenters.report_rows(figures, "region")),
        "organisations": lambda: (presenters.REPORT_COLUMNS, presenters.report_rows(figures, "organisation")),
        "trend": lambda: (presenters.TREND_COLUMNS, trend),
    }
    if response := _maybe_export(request, tables, f"staffing-{year}", f"Staffing ratios {year}"):
        return response
    return render(
        request,
        "staffing/dashboard.jinja",
        {
            "title": "Staffing ratios",
            "notices": _notices(missing, year),
            "year": year,
            "years": years,
            "figures": figures,
            "nation": presenters.display(figures.nation),
            "missing_note": presenters.missing_note(figures.nation),
            "regions": [presenters.display(r) | {"missing_note": presenters.missing_note(r)} for r in figures.regions],
            "status_counts": presenters.status_count_rows(figures),
            "trend": trend,
            "regions_chart": charts.regions_chart(figures),
            "trend_chart": charts.trend_chart(trend, "England"),
            "target_label": ratio_label(figures.policy.target_staff_per_qualified),
        },
    )


@require_GET
@login_required
def region(request: HttpRequest, code: str) -> HttpResponse:
    years, year, missing = _years_and_choice(request)
    region = organisation_selectors.region_detail(request.user, "nhse-regions", code)
    if region is None:
        raise Http404("No such region")
    area_years = _area_years(request, years, year, region_code=code)
    figures = area_years.figures
    area = figures.region(code)
    trend = presenters.trend_rows(area_years.trend)
    organisations = presenters.ranked(figures.organisations_in(code))
    tables: dict[str, Callable[[], Table]] = {
        "organisations": lambda: (presenters.REPORT_COLUMNS, presenters.report_rows(figures, "organisation", code)),
        "trend": lambda: (presenters.TREND_COLUMNS, trend),
    }
    if response := _maybe_export(request, tables, f"staffing-{code}-{year}", f"{region.name} {year}"):
        return response
    return render(
        request,
        "staffing/region.jinja",
        {
            "title": f"{region.name}: staffing ratios",
            "region": region,
            "notices": _notices(missing, year),
            "year": year,
            "years": years,
            "area": presenters.display(area) if area else None,
            "missing_note": presenters.missing_note(area) if area else "",
            "organisations": [presenters.display(o.ratio) for o in organisations],
            "trend": trend,
            "trend_chart": charts.trend_chart(trend, region.name),
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": "/staffing/", "text": "Staffing ratios"}],
        },
    )


@require_GET
@login_required
def organisation(request: HttpRequest, ods_code: str) -> HttpResponse:
    context = organisation_context(request, ods_code)
    tables: dict[str, Callable[[], Table]] = {
        "trend": partial(_table, presenters.TREND_COLUMNS, context["trend"]),
        "trajectory": partial(_table, presenters.TRAJECTORY_COLUMNS, context["trajectory"]),
        **{
            f"staff-by-{d}": partial(_table, presenters.BREAKDOWN_COLUMNS, rows)
            for d, rows in context["breakdowns"].items()
        },
    }
    if response := _maybe_export(
        request, tables, f"staffing-{context['organisation'].ods_code}", context["organisation"].name
    ):
        return response
    return render(request, "staffing/organisation.jinja", context)


def organisation_context(request: HttpRequest, ods_code: str) -> dict[str, Any]:
    """Everything the organisation page and its board report show, computed once."""
    organisation = organisation_selectors.organisation_detail(request.user, ods_code)
    if organisation is None:
        raise Http404("No such organisation")
    years, year, missing = _years_and_choice(request)
    by_year = selectors.figures_for_years(request.user, years, ods_code=organisation.ods_code)
    figure = by_year[year].organisation(organisation.ods_code)
    trend = presenters.trend_rows(selectors.organisation_trend(by_year, organisation.ods_code))
    form = TrajectoryForm(request.GET if "growth" in request.GET else None, start_year=year)
    growth, target_year = Decimal("1.0"), year + 3
    if form.is_bound and form.is_valid():
        growth, target_year = form.cleaned_data["growth"], form.cleaned_data["target_year"]
    policy = by_year[year].policy
    outlook = selectors.organisation_outlook(
        by_year, organisation.ods_code, year=year, growth_percent=growth, target_year=target_year
    )
    trajectory, reached = presenters.trajectory_rows(outlook.steps), outlook.target_reached_in
    can_see_staff = request.user.has_perm("staffing.view_returns", organisation)
    counted = selectors.counted_return(organisation, year)
    breakdowns = (
        {d: presenters.breakdown_rows(selectors.staff_breakdown(counted, d)) for d in ("band", "role", "specialty")}
        if can_see_staff
        else {}
    )
    return {
        "title": f"{organisation.name}: staffing",
        "organisation": organisation,
        "notices": _notices(missing, year),
        "missing_year": missing,
        "year": year,
        "years": years,
        "figure": presenters.display(figure.ratio) if figure else None,
        "target_label": ratio_label(policy.target_staff_per_qualified),
        "trend": trend,
        "trend_chart": charts.trend_chart(trend, organisation.name),
        "form": form,
        "form_errors": form_error_list(form),
        "growth": growth,
        "target_year": target_year,
        "trajectory": trajectory,
        "reached": reached,
        "can_see_staff": can_see_staff,
        "breakdowns": breakdowns,
        "impact_summary": counted.impact_summary if counted else "",
        "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": "/staffing/", "text": "Staffing ratios"}],
    }
