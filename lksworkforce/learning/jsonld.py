"""The catalogue as schema.org linked data: an ItemList of LearningResource, each with the skills
framework sub-areas it teaches as DefinedTerms (termCode = the sub-area's number).

Pure: the standard library and the catalogue file's spec; no Django. Links arrive made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lksworkforce.learning.catalogue_file import ResourceSpec
from lksworkforce.learning.vocabulary import Cost

CONTEXT = "https://schema.org"
MEDIA_TYPE = "application/ld+json"


@dataclass(frozen=True, slots=True)
class Term:
    """A sub-area a resource teaches, as the framework names it."""

    number: str
    name: str
    framework: str
    level: int | None = None


def iso_duration(minutes: int) -> str:
    """ISO 8601 duration: 45 -> 'PT45M', 90 -> 'PT1H30M', 60 -> 'PT1H', 0 -> 'PT0M'."""
    hours, rest = divmod(minutes, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")
    return text


def educational_level(band_from: str, band_to: str) -> str | None:
    """Who it suits, by Agenda for Change band, in words; None when any band."""
    if band_from and band_to:
        return (
            f"Agenda for Change band {band_from}"
            if band_from == band_to
            else f"Agenda for Change bands {band_from} to {band_to}"
        )
    if band_from:
        return f"Agenda for Change band {band_from} and above"
    if band_to:
        return f"Agenda for Change bands up to {band_to}"
    return None


def learning_resource(
    spec: ResourceSpec, *, page: str, terms: Sequence[Term], topic_names: Mapping[str, str]
) -> dict[str, Any]:
    """One resource. Empty values are left out, as schema.org consumers expect."""
    item: dict[str, Any] = {
        "@type": "LearningResource",
        "@id": page,
        "name": spec.title,
        "description": spec.description,
        "url": spec.url,
        "learningResourceType": spec.kind.label,
        "isAccessibleForFree": spec.cost == Cost.FREE,
        "dateCreated": spec.added_on.isoformat(),
        "keywords": [topic_names.get(slug, slug) for slug in spec.topics],
        "teaches": [_defined_term(term) for term in terms],
    }
    if spec.provider:
        item["provider"] = {"@type": "Organization", "name": spec.provider}
    if spec.length_minutes is not None:
        item["timeRequired"] = iso_duration(spec.length_minutes)
    if level := educational_level(spec.band_from, spec.band_to):
        item["educationalLevel"] = level
    if spec.licence:
        item["license"] = spec.licence
    return {key: value for key, value in item.items() if value not in ("", [])}


def _defined_term(term: Term) -> dict[str, Any]:
    defined: dict[str, Any] = {
        "@type": "DefinedTerm",
        "termCode": term.number,
        "name": term.name,
        "inDefinedTermSet": term.framework,
    }
    if term.level is not None:
        defined["description"] = f"To level {term.level}"
    return defined


def catalogue_document(items: Sequence[dict[str, Any]], *, name: str, url: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": name,
        "url": url,
        "numberOfItems": len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": item} for position, item in enumerate(items, start=1)
        ],
    }
