"""Programmes pages: equity. The equity dashboard (`/programmes/equity/?year=YYYY`) for regional
leads and the national team, and its CSV, XLSX and PDF (`&format=csv|xlsx|pdf`): the same rows as
the API and `lksw programme_equity` (presenters/equity.py). A lead sees the national figures, as the
national team does, with their own region's row marked."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.exports import EXPORT_FORMATS, export_response
from lksworkforce.core.params import ParamError, parse_year
from lksworkforce.programmes.presenters import equity as presenters
from lksworkforce.programmes.selectors import equity as selectors

NOT_YOURS = "The equity dashboard is for regional leads and the national team"


@require_GET
@login_required
def equity_dashboard(request: SignedInRequest) -> HttpResponse:
    if not request.user.has_perm("programmes.view_equity"):
        raise PermissionDenied(NOT_YOURS)
    today = timezone.localdate()
    file_format = request.GET.get("format")
    if file_format is not None and file_format not in EXPORT_FORMATS:
        raise Http404("Download the dashboard as csv, xlsx or pdf")
    context: dict[str, object] = {
        "title": "Equity of access to programmes",
        "years": selectors.years_with_cohorts(today),
        "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": reverse("programmes:home"), "text": "Programmes"}],
    }
    try:
        year = parse_year(request.GET.get("year"), default=selectors.latest_closed_year(today))
        figures = selectors.equity_figures(year, today=today)
    except (ParamError, selectors.YearRefusedError) as refused:
        context["form_errors"] = [{"text": str(refused), "href": "#year-select"}]
        context["year"] = None
        return render(request, "programmes/equity/dashboard.jinja", context, status=422)
    if file_format is not None:
        return export_response(
            file_format,
            f"programme-equity-{year}",
            presenters.EQUITY_COLUMNS,
            presenters.table(figures),
            title=f"Equity of access {year}",
        )
    return render(
        request,
        "programmes/equity/dashboard.jinja",
        context
        | {
            "title": f"Equity of access to programmes, {year}",
            "year": year,
            "figures": figures,
            "tables": presenters.page_tables(figures),
            "yours": selectors.led_region_codes(request.user),
            "display": presenters.display,
        },
    )


urlpatterns: list[URLPattern] = [
    path("programmes/equity/", equity_dashboard, name="equity"),
]
