"""What search can be narrowed by, and how a value sent is read: pure rules, no Django, shared by the
page, the API and the selector (which counts each option over the current query).

Facets: kind, topic (slug), sub-area (id), band (suits a band), cost, and length (up to N minutes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.core.params import ParamError, check_text, parse_int
from lksworkforce.core.problems import Problem
from lksworkforce.learning.spelling import LONGEST_QUERY
from lksworkforce.learning.vocabulary import Cost, ResourceKind

PARAMETERS = ("q", "kind", "topic", "sub_area", "band", "cost", "max_minutes")
LONGEST_SLUG = 80
# The lengths offered as "up to": minutes and how they are said.
LENGTHS: tuple[tuple[int, str], ...] = (
    (15, "Up to 15 minutes"),
    (30, "Up to 30 minutes"),
    (60, "Up to 1 hour"),
    (180, "Up to 3 hours"),
    (420, "Up to a day (7 hours)"),
)
LONGEST_LENGTH = 100_000
FACET_LABELS = {
    "kind": "Kind",
    "topic": "Topic",
    "sub_area": "Skills sub-area",
    "band": "Suits band",
    "cost": "Cost",
    "max_minutes": "Length",
}


@dataclass(frozen=True)
class Filters:
    kind: ResourceKind | None = None
    topic: str | None = None
    sub_area: int | None = None
    band: str | None = None
    cost: Cost | None = None
    max_minutes: int | None = None

    def without(self, facet: str) -> Filters:
        """These filters less one facet's: what that facet's option counts are taken over."""
        return Filters(**{name: (None if name == facet else getattr(self, name)) for name in FACET_LABELS})

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in FACET_LABELS)


def suits_band(band: str, band_from: str, band_to: str) -> bool:
    """Whether a resource for bands `band_from` to `band_to` (blank: no bound) suits `band`."""
    order = AFC_BANDS.index
    if band_from in AFC_BANDS and order(band) < order(band_from):
        return False
    return not (band_to in AFC_BANDS and order(band) > order(band_to))


def bands_up_to(band: str) -> list[str]:
    return list(AFC_BANDS[: AFC_BANDS.index(band) + 1])


def bands_from(band: str) -> list[str]:
    return list(AFC_BANDS[AFC_BANDS.index(band) :])


def length_bucket(minutes: int | None) -> int | None:
    """The shortest offered length a resource of `minutes` fits in (None: unknown or longer)."""
    if minutes is None:
        return None
    return next((limit for limit, _ in LENGTHS if minutes <= limit), None)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def read_filters(params: Mapping[str, str | None]) -> tuple[str, Filters, list[Problem]]:
    """The query text and the filters from what was sent; a value that cannot be used is left out,
    with a problem saying why (pages show them and search anyway; the API refuses with 422)."""
    problems: list[Problem] = []
    # Longer text is cut, not refused: only its first words are searched for (spelling.query_terms).
    text = (params.get("q") or "")[:LONGEST_QUERY]
    try:
        check_text(text, max_length=LONGEST_QUERY, what="The search")
    except ParamError as error:
        problems.append(Problem(field="q", reason=str(error)))
        text = ""
    kind = _choice(
        params.get("kind"), {k.value: k for k in ResourceKind}, "kind", "Choose a kind from the list", problems
    )
    cost = _choice(params.get("cost"), {c.value: c for c in Cost}, "cost", "Cost must be free or paid", problems)
    band = _choice(params.get("band"), {b: b for b in AFC_BANDS}, "band", "Choose a band from 1 to 9", problems)
    topic = None
    if not _blank(raw_topic := params.get("topic")):
        assert raw_topic is not None
        if len(raw_topic) > LONGEST_SLUG or "\x00" in raw_topic:
            problems.append(Problem(field="topic", reason="There is no such topic"))
        else:
            topic = raw_topic.strip()
    sub_area = _number(params.get("sub_area"), "sub_area", "The sub-area", 2**31 - 1, problems)
    max_minutes = _number(params.get("max_minutes"), "max_minutes", "The length in minutes", LONGEST_LENGTH, problems)
    filters = Filters(kind=kind, topic=topic, sub_area=sub_area, band=band, cost=cost, max_minutes=max_minutes)
    return text, filters, problems


def _choice[T](raw: str | None, choices: Mapping[str, T], field: str, reason: str, problems: list[Problem]) -> T | None:
    if _blank(raw):
        return None
    assert raw is not None
    found = choices.get(raw.strip())
    if found is None:
        problems.append(Problem(field=field, reason=reason, value=raw))
    return found


def _number(raw: str | None, field: str, what: str, maximum: int, problems: list[Problem]) -> int | None:
    if _blank(raw):
        return None
    try:
        return parse_int(raw, minimum=1, maximum=maximum, what=what)
    except ParamError as error:
        problems.append(Problem(field=field, reason=str(error), value=raw))
        return None
