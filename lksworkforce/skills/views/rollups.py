"""Roll-ups of self-assessments for a team, a region and the nation, with small groups
suppressed; and a service manager's list of assessments their staff chose to share."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from lksworkforce.core.exports import export_response
from lksworkforce.organisations import selectors as organisation_selectors
from lksworkforce.skills import aggregates, presenters, selectors
from lksworkforce.skills.aggregates import PERMISSION_FOR_SCOPE, ScopeKind
from lksworkforce.skills.rollups import lowest_widely_needed

LEVELS = {"area": "Areas", "sub_area": "Sub-areas"}
BREAKDOWN_LABELS = {"band_group": "Band group", "role": "Role", "organisation": "Organisation", "region": "Region"}


def _choice(request: HttpRequest, name: str, allowed: tuple[str, ...] | list[str], default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in allowed else default


def rollup_page(request: HttpRequest, kind: ScopeKind, code: str = "") -> HttpResponse:
    found = aggregates.find_scope(kind, code)
    if found is None:
        raise Http404("No such region or organisation")
    scope, guarded = found
    if not request.user.has_perm(PERMISSION_FOR_SCOPE[kind], guarded):
        raise PermissionDenied("You do not oversee this area")
    framework = selectors.current_framework()
    if framework is None:
        raise Http404("No skills framework has been loaded yet")
    level: Any = _choice(request, "level", list(LEVELS), "area")
    data = aggregates.rollup_data(framework, scope, level)
    allowed = aggregates.breakdowns_for(request.user, data)
    by = request.GET.get("by") or "band_group"
    if by not in allowed:
        if by in aggregates.BREAKDOWNS_FOR_SCOPE[kind]:
            raise PermissionDenied(f"You do not oversee every {BREAKDOWN_LABELS[by].lower()} in this breakdown")
        by = "band_group"
    heat_by = aggregates.heatmap_breakdown(allowed, kind)
    main = aggregates.breakdown_by(data, by)
    heat = aggregates.breakdown_by(data, heat_by)
    ranked = lowest_widely_needed(main.result)
    tables: dict[str, Callable[[], Sequence[Mapping[str, Any]]]] = {
        "rollup": lambda: presenters.rollup_rows(data, main),
        "ranking": lambda: presenters.ranking_rows(data, ranked),
        "heatmap": lambda: presenters.rollup_rows(data, heat),
    }
    if export := request.GET.get("format"):
        table = request.GET.get("table", "rollup")
        if table not in tables:
            raise Http404("No such table")
        columns = presenters.RANKING_COLUMNS if table == "ranking" else presenters.ROLLUP_COLUMNS
        stem = f"skills-{kind}{'-' + scope.code if scope.code else ''}-{table}"
        return export_response(export, stem, columns, tables[table](), title=f"Skills: {scope.name} ({table})")
    query = f"level={level}&by={by}"
    return render(
        request,
        "skills/rollup.jinja",
        {
            "title": f"Skills: {scope.name}",
            "scope": scope,
            "framework": framework,
            "level": level,
            "levels": LEVELS,
            "by": by,
            "breakdowns": {k: BREAKDOWN_LABELS[k] for k in allowed},
            "table": presenters.rollup_table(data, main),
            "by_label": BREAKDOWN_LABELS[by],
            "ranking": presenters.ranking_rows(data, ranked),
            "heat_label": BREAKDOWN_LABELS[heat_by],
            "heat_table": presenters.rollup_table(data, heat),
            "heat_chart": presenters.heatmap_chart(
                data, heat, f"Mean current level by area and {BREAKDOWN_LABELS[heat_by].lower()}"
            ),
            "threshold": data.threshold,
            "published": presenters.published_note(data),
            "query": query,
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": reverse("skills:home"), "text": "Skills"}],
        },
    )


@require_GET
@login_required
def rollup_nation(request: HttpRequest) -> HttpResponse:
    return rollup_page(request, "nation")


@require_GET
@login_required
def rollup_region(request: HttpRequest, code: str) -> HttpResponse:
    return rollup_page(request, "region", code)


@require_GET
@login_required
def rollup_organisation(request: HttpRequest, ods_code: str) -> HttpResponse:
    return rollup_page(request, "organisation", ods_code)


@require_GET
@login_required
def team_shared(request: HttpRequest, ods_code: str) -> HttpResponse:
    """The self-assessments a service manager's staff chose to share with them."""
    organisation = organisation_selectors.organisation_detail(request.user, ods_code)
    if organisation is None:
        raise Http404("No such organisation")
    if organisation.pk not in request.user.managed_organisation_ids():  # type: ignore[union-attr]
        raise PermissionDenied("Only the service manager sees assessments shared with them")
    return render(
        request,
        "skills/team.jinja",
        {
            "title": f"{organisation.name}: shared self-assessments",
            "organisation": organisation,
            "assessments": list(selectors.shared_assessments(request.user, organisation)),
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": reverse("skills:home"), "text": "Skills"}],
        },
    )
