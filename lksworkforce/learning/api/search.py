"""Learning over the API: search of the catalogue, with the same selector, facets and correction as
the search page."""

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lksworkforce.core.api_errors import responses
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.learning.presenters.search import result_rows
from lksworkforce.learning.search_facets import read_filters
from lksworkforce.learning.selectors.search import PER_PAGE, search

router = Router()
MOST_PAGES = 10_000
MOST_PER_PAGE = 100


class TopicOut(Schema):
    slug: str
    name: str


class ResultOut(Schema):
    id: int
    title: str
    href: str = Field(description="This resource's page in the catalogue")
    url: str = Field(description="Where the learning itself is")
    provider: str
    kind: str
    kind_label: str
    cost: str
    cost_label: str
    length_minutes: int | None
    length: str
    band_from: str | None
    band_to: str | None
    bands: str
    description: str = Field(description="The start of the description")
    topics: list[TopicOut]
    title_match: bool = Field(description="Every word searched for is in the title: these come first")


class FacetOptionOut(Schema):
    value: str = Field(description="What to send as the facet's parameter to choose this option")
    label: str
    count: int = Field(description="Resources this search finds with this option chosen")
    selected: bool


class FacetOut(Schema):
    key: str
    label: str
    options: list[FacetOptionOut]


class SearchOut(Schema):
    q: str
    words: list[str] = Field(description="The words searched for, after any correction")
    corrected: bool
    did_you_mean: str | None = Field(description="The corrected query, when a word in no resource was corrected")
    dropped_terms: int = Field(description="Words left out: after the first 12, or over 40 letters")
    total: int
    page: int
    pages: int
    per_page: int
    results: list[ResultOut]
    facets: list[FacetOut]


@router.get(
    "/learning/search",
    response=responses(SearchOut, 403),
    summary="Search the published catalogue, with facets",
)
def search_catalogue(
    request: HttpRequest,
    q: str = "",
    kind: str | None = None,
    topic: str | None = None,
    sub_area: str | None = None,
    band: str | None = None,
    cost: str | None = None,
    max_minutes: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> dict[str, Any]:
    """Every word of `q` must be found (stemmed: "searches" finds "searching"); resources with every
    word in the title come first. A word that no resource has is corrected to the nearest word the
    catalogue has (`corrected`, `did_you_mean`). Facets: `kind`, `topic` (slug), `sub_area` (id),
    `band` (suits the band), `cost` (free or paid), `max_minutes` (at most this long); each facet's
    counts are over this search with the other facets applied."""
    if not request.user.has_perm("learning.browse"):
        raise HttpError(403, "You cannot search the catalogue")
    sent = {"q": q, "kind": kind, "topic": topic, "sub_area": sub_area, "band": band, "cost": cost}
    text, filters, problems = read_filters({**sent, "max_minutes": max_minutes})
    if not 1 <= page <= MOST_PAGES:
        problems.append(Problem(field="page", reason=f"The page must be from 1 to {MOST_PAGES:,}"))
    if not 1 <= per_page <= MOST_PER_PAGE:
        problems.append(Problem(field="per_page", reason=f"per_page must be from 1 to {MOST_PER_PAGE}"))
    if problems:
        raise Rejected(problems, subject="The search was not run")
    found = search(text, filters, page=page, per_page=per_page)
    if found.unknown_topic:
        raise Rejected(
            [Problem(field="topic", value=topic, reason="There is no such topic")], subject="The search was not run"
        )
    return {
        "q": text,
        "words": list(found.words),
        "corrected": found.corrected,
        "did_you_mean": found.did_you_mean,
        "dropped_terms": found.dropped_terms,
        "total": found.total,
        "page": found.page,
        "pages": found.pages,
        "per_page": found.per_page,
        "results": [asdict(row) for row in result_rows(found)],
        "facets": [asdict(facet) for facet in found.facets],
    }
