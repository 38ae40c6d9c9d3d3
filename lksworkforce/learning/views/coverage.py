"""Learning pages: coverage of the latest survey's top needs, for curators and the national team."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_POST

from lksworkforce.core.exports import EXPORT_FORMATS, export_response
from lksworkforce.learning.coverage import BAND_GROUPS, MIN_RESOURCES_RANGE, bounded_min_resources
from lksworkforce.learning.selectors.coverage import CoverageReport, coverage_report, region_names
from lksworkforce.learning.services.coverage import queue_needs_without_offer

PERMISSION = "learning.view_coverage"
COVERAGE_COLUMNS = (
    "need",
    "sub_areas",
    "resources",
    *(f"suitable_{group.value}" for group in BAND_GROUPS),
    *(f"at_least_n_{group.value}" for group in BAND_GROUPS),
)


def coverage_rows(report: CoverageReport) -> list[dict[str, Any]]:
    """The coverage table, one row per need, for the CSV (the page shows the same figures)."""
    n = report.figures.min_resources
    return [
        {
            "need": need.label,
            "sub_areas": "; ".join(str(report.sub_areas.get(i, i)) for i in need.sub_area_ids),
            "resources": len(need.resources),
            **{f"suitable_{g.value}": need.suitable[g] for g in BAND_GROUPS},
            **{f"at_least_n_{g.value}": "yes" if need.suitable[g] >= n else "no" for g in BAND_GROUPS},
        }
        for need in report.figures.needs
    ]


def _choices(request: HttpRequest, data: Any) -> tuple[str, int, list[str]]:
    """The region (a known region's name, or "" for England) and N asked for."""
    regions = region_names(request.user)
    asked = str(data.get("region", "")).strip()
    region = asked if asked in regions else ""
    return region, bounded_min_resources(data.get("min_resources", "")), regions


def _allowed(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied("Coverage is for curators and the national team")


@require_GET
@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    region, min_resources, regions = _choices(request, request.GET)
    report = coverage_report(region, min_resources)
    if (export_format := request.GET.get("format")) in EXPORT_FORMATS and report is not None:
        return export_response(
            export_format,
            "learning-coverage",
            COVERAGE_COLUMNS,
            coverage_rows(report),
            title=f"Coverage of the top needs ({report.scope})",
        )
    if request.GET.get("format"):
        raise Http404("Unknown export format, or no closed survey ranks needs")
    query = urlencode({"region": region, "min_resources": min_resources})
    return render(
        request,
        "learning/coverage.jinja",
        {
            "title": "Coverage of the top needs",
            "report": report,
            "band_groups": BAND_GROUPS,
            "region": region,
            "regions": regions,
            "min_resources": min_resources,
            "min_range": MIN_RESOURCES_RANGE,
            "query": query,
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": reverse("learning:home"), "text": "Learning"}],
        },
    )


@require_POST
@login_required
def coverage_queue(request: HttpRequest) -> HttpResponse:
    """Put the needs with nothing on offer on the curators' queue (once each)."""
    _allowed(request)
    region, min_resources, _ = _choices(request, request.POST)
    report = coverage_report(region, min_resources)
    added = 0 if report is None else queue_needs_without_offer(report=report, actor=request.user)
    if added:
        messages.success(request, f"{added} {'need is' if added == 1 else 'needs are'} now on the curators' queue.")
    else:
        messages.info(request, "Nothing was added: every need with nothing on offer is on the queue already.")
    return HttpResponseRedirect(
        f"{reverse('learning:coverage')}?{urlencode({'region': region, 'min_resources': min_resources})}"
    )


urlpatterns: list[URLPattern] = [
    path("learning/coverage/", coverage, name="coverage"),
    path("learning/coverage/queue/", coverage_queue, name="coverage_queue"),
]
