"""Learning pages: the CPD summary for CILIP revalidation (page, CSV and PDF, one set of figures)
and the suppressed aggregates of learning records for those who oversee people."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.exports import rows_as_csv
from lksworkforce.core.pdf import html_to_pdf
from lksworkforce.learning.cpd_hours import cpd_summary
from lksworkforce.learning.presenters.records import CPD_CSV_COLUMNS, cpd_csv_rows
from lksworkforce.learning.selectors import record_aggregates as aggregates
from lksworkforce.learning.selectors import records as selectors


def _crumbs() -> list[dict[str, str]]:
    return [
        {"href": "/", "text": "Home"},
        {"href": reverse("learning:home"), "text": "Learning"},
        {"href": reverse("learning:records"), "text": "Your learning record"},
    ]


def _year(raw: str | None, default: int, allowed: list[int]) -> int:
    if raw is None or raw == "":
        return default
    try:
        year = int(raw)
    except ValueError:
        raise Http404("No such year") from None
    if year not in allowed:
        raise Http404("No such year")
    return year


@require_GET
@login_required
def cpd(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    years = selectors.years_recorded(request.user, today)
    year = _year(request.GET.get("year"), today.year, list(range(1990, today.year + 1)))
    summary = cpd_summary(selectors.learning_of(request.user), year)
    export = request.GET.get("format")
    filename = f"cpd-summary-{year}"
    if export == "csv":
        response = HttpResponse(
            rows_as_csv(CPD_CSV_COLUMNS, cpd_csv_rows(summary)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    context: dict[str, Any] = {
        "title": f"CPD summary for {year}",
        "summary": summary,
        "years": years,
        "year": year,
        "person": request.user,
        "breadcrumbs": _crumbs(),
    }
    if export == "pdf":
        html = render_to_string("learning/cpd_pdf.jinja", context, request=request)
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    if export:
        raise Http404("Unknown export format")
    return render(request, "learning/cpd.jinja", context)


@require_GET
@login_required
def record_aggregates(request: SignedInRequest) -> HttpResponse:
    if not request.user.has_perm("learning.view_record_aggregates"):
        raise PermissionDenied
    scope = aggregates.scope_for(request.user, request.GET.get("scope"))
    if scope is None:
        raise Http404("No such scope")
    aggregates.freeze_closed_years(timezone.localdate())
    years = aggregates.frozen_years()
    year = _year(request.GET.get("year"), years[0] if years else 0, years) if years else None
    return render(
        request,
        "learning/record_aggregates.jinja",
        {
            "title": "Learning recorded, in aggregate",
            "figures": aggregates.record_aggregates(scope, year) if year is not None else None,
            "scopes": aggregates.scopes_for(request.user),
            "scope": scope,
            "years": years,
            "year": year,
            "rule": aggregates.RULE,
            "breadcrumbs": _crumbs()[:2],
        },
    )


urlpatterns: list[URLPattern] = [
    path("learning/records/cpd/", cpd, name="records_cpd"),
    path("learning/records/aggregates/", record_aggregates, name="record_aggregates"),
]
