"""Learning pages: search of the catalogue, with facets (learning.selectors.search)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from lksworkforce.core.params import ParamError, parse_int
from lksworkforce.core.problems import Problem
from lksworkforce.learning.presenters.search import ResultsPage, radio_items, result_rows
from lksworkforce.learning.search_facets import PARAMETERS, read_filters
from lksworkforce.learning.selectors.search import search

MOST_PAGES = 10_000


@require_GET
@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    text, filters, problems = read_filters({name: request.GET.get(name) for name in PARAMETERS})
    try:
        page = parse_int(request.GET.get("page"), minimum=1, maximum=MOST_PAGES, default=1, what="The page")
    except ParamError as error:
        problems.append(Problem(field="page", reason=str(error)))
        page = 1
    results = search(text, filters, page=page)
    if results.unknown_topic:
        problems.append(Problem(field="topic", reason="There is no such topic: choose one from the list"))
    query = request.GET.copy()
    query.pop("page", None)
    searched = bool(results.typed) or not filters.is_empty()
    return render(
        request,
        "learning/search.jinja",
        {
            "title": "Search learning" if not results.typed else f"Search learning: {' '.join(results.typed)}",
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": "/learning/", "text": "Learning"}],
            "form_errors": [{"text": p.reason, "href": f"#facet-{p.field}"} for p in problems],
            "text": text,
            "results": results,
            "rows": result_rows(results),
            "results_page": ResultsPage.of(results),
            "facets": [(facet, radio_items(facet)) for facet in results.facets],
            "searched": searched,
            "query": query.urlencode(),
            "clear_filters": "?" + urlencode({"q": text}) if text else "?",
        },
    )


urlpatterns: list[URLPattern] = [path("learning/search/", search_page, name="search")]
