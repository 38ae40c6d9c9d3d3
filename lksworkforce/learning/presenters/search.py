"""Search results as the page and the API show them: one place for how a resource's length, cost
and bands are said, and for the facets' radio items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from lksworkforce.learning.catalogue_rules import format_bands, format_cost, format_length
from lksworkforce.learning.selectors.search import Facet, SearchResults
from lksworkforce.learning.vocabulary import ResourceKind

SNIPPET = 220


def snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class ResultRow:
    id: int
    title: str
    href: str
    url: str
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
    description: str
    topics: list[dict[str, str]]
    title_match: bool


def result_rows(results: SearchResults) -> list[ResultRow]:
    return [
        ResultRow(
            id=r.pk,
            title=r.title,
            href=reverse("learning:resource", args=[r.pk]),
            url=r.url,
            provider=r.provider,
            kind=r.kind,
            kind_label=ResourceKind(r.kind).label,
            cost=r.cost,
            cost_label=format_cost(r.cost, r.cost_note),
            length_minutes=r.length_minutes,
            length=format_length(r.length_minutes),
            band_from=r.band_from or None,
            band_to=r.band_to or None,
            bands=format_bands(r.band_from, r.band_to),
            description=snippet(r.description),
            topics=[{"slug": t.slug, "name": t.name} for t in r.topics.all()],
            title_match=r.pk in results.title_matches,
        )
        for r in results.resources
    ]


def radio_items(facet: Facet) -> list[dict[str, Any]]:
    """A facet's options as NHS radios items, "Any" first, each with its count."""
    chosen = any(option.selected for option in facet.options)
    items: list[dict[str, Any]] = [{"value": "", "text": "Any", "checked": not chosen}]
    items += [
        {"value": option.value, "text": f"{option.label} ({option.count:,})", "checked": option.selected}
        for option in facet.options
    ]
    return items


@dataclass(frozen=True)
class _Pages:
    count: int
    num_pages: int


@dataclass(frozen=True)
class ResultsPage:
    """What core/macros.page_links reads from a Django Page, for a page the selector counted itself."""

    number: int
    paginator: _Pages

    @classmethod
    def of(cls, results: SearchResults) -> ResultsPage:
        return cls(results.page, _Pages(results.total, results.pages))

    def has_other_pages(self) -> bool:
        return self.paginator.num_pages > 1

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1
