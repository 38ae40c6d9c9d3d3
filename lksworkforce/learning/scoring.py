"""Recommendation scores: a transparent, additive score for each resource, for one person.

Pure (no Django): the selectors gather the inputs as the dataclasses below, `ranked` scores and
orders them, and a presenter turns each term into a sentence. A resource's score is exactly the
sum of its terms' points; every term says what produced it (its kind, the sub-area, the values),
so the page and the API show why each resource is where it is. The weights are policy the
national team sets (RecommendationWeights); `DEFAULT_WEIGHTS` is in force until they save any.

Only resources relevant to the person are recommended (they teach a sub-area where the person has
a gap, their role profile expects more, or the survey found a top need); band, cost, freshness and
review status then move those up or down. Completed and dismissed resources are never recommended.
"""

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from typing import NamedTuple

from lksworkforce.accounts.people import AFC_BANDS

FRESH_FOR = timedelta(days=365)  # "added in the last year"


@dataclass(frozen=True)
class Weights:
    """Points per term. All are zero or more; `review_overdue` is taken off."""

    gap: float = 10.0  # per level of gap (target minus current)
    role_expectation: float = 5.0  # per level the role profile expects above the current rating
    region_need: float = 6.0  # a sub-area in the region's top needs
    national_need: float = 3.0  # a sub-area in the nation's top needs (and not the region's)
    band_suits: float = 2.0  # the resource names a band range that includes the person's band
    free: float = 1.0
    fresh: float = 1.0  # added in the last year
    review_overdue: float = 2.0  # past its review date: taken off

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in self.names()}


DEFAULT_WEIGHTS = Weights()
HIGHEST_WEIGHT = 1000.0


def weight_problems(values: Mapping[str, float]) -> dict[str, str]:
    """Why weights cannot be saved, by name: every weight is a number from 0 to 1,000 with at most
    two decimal places."""
    problems = {}
    for name in Weights.names():
        value = values.get(name)
        if value is None:
            problems[name] = "Enter a number"
        elif not 0 <= value <= HIGHEST_WEIGHT:  # NaN compares false, so it is refused too
            problems[name] = f"Enter a number from 0 to {HIGHEST_WEIGHT:,.0f}"
        elif round(value, 2) != value:
            problems[name] = "Enter a number with at most 2 decimal places"
    return problems


@dataclass(frozen=True)
class Standing:
    """A sub-area of the person's latest finished self-assessment."""

    sub_area_id: int
    number: str
    name: str
    current: int
    target: int
    expected: int | None = None  # what their role profile expects, when they chose one

    @property
    def gap(self) -> int:
        return max(self.target - self.current, 0)

    @property
    def role_gap(self) -> int:
        return 0 if self.expected is None else max(self.expected - self.current, 0)


@dataclass(frozen=True)
class SubAreaName:
    number: str
    name: str


@dataclass(frozen=True)
class Person:
    """What is known of the person for recommending: standings, their needs in focus, their band,
    and what they have done or dismissed (resource ids)."""

    standings: Mapping[int, Standing] = field(default_factory=dict)
    role_profile: str = ""
    band: str = ""
    region_needs: Mapping[int, str] = field(default_factory=dict)  # sub-area id -> the need's label
    national_needs: Mapping[int, str] = field(default_factory=dict)
    survey_title: str = ""
    region_name: str = ""
    sub_area_names: Mapping[int, SubAreaName] = field(default_factory=dict)  # for needs outside the assessment
    done: frozenset[int] = frozenset()
    dismissed: frozenset[int] = frozenset()

    def relevant_sub_areas(self) -> frozenset[int]:
        """The sub-areas a resource must teach to be recommended."""
        gaps = {s.sub_area_id for s in self.standings.values() if s.gap > 0 or s.role_gap > 0}
        return frozenset(gaps | set(self.region_needs) | set(self.national_needs))


class ResourceFacts(NamedTuple):
    """What scoring needs of a resource (a tuple: the selectors make one per candidate, thousands)."""

    id: int
    title: str
    url: str
    sub_area_ids: tuple[int, ...]
    band_from: str = ""
    band_to: str = ""
    free: bool = False
    length_minutes: int | None = None
    added_on: date | None = None
    review_due_on: date | None = None


class TermKind(StrEnum):
    GAP = "gap"
    ROLE_EXPECTATION = "role_expectation"
    REGION_NEED = "region_need"
    NATIONAL_NEED = "national_need"
    BAND_SUITS = "band_suits"
    FREE = "free"
    FRESH = "fresh"
    REVIEW_OVERDUE = "review_overdue"


@dataclass(frozen=True)
class Term:
    """One reason for a score: what produced it and the points it adds (negative: taken off), in
    hundredths of a point so that sums are exact whatever their order."""

    kind: TermKind
    cents: int
    sub_area_id: int | None = None
    sub_area_number: str = ""
    sub_area_name: str = ""
    current: int | None = None
    target: int | None = None
    expected: int | None = None
    need: str = ""  # the survey need's label
    source: str = ""  # the survey, or the role profile
    region: str = ""
    band_from: str = ""
    band_to: str = ""
    minutes: int | None = None
    on: date | None = None

    @property
    def points(self) -> float:
        return self.cents / 100


@dataclass(frozen=True)
class Scored:
    resource: ResourceFacts
    terms: tuple[Term, ...]

    @property
    def cents(self) -> int:
        return sum(t.cents for t in self.terms)

    @property
    def score(self) -> float:
        """The sum of the terms' points."""
        return self.cents / 100

    @property
    def sort_key(self) -> tuple[int, str, int]:
        """Best first; ties by title, then id: the same order for the same data."""
        return (-self.cents, self.resource.title.casefold(), self.resource.id)


def _cents(weight: float, times: int = 1) -> int:
    """A weight's points in hundredths (weights have at most two decimal places)."""
    return round(weight * 100) * times


def _band_index(band: str) -> int | None:
    return AFC_BANDS.index(band) if band in AFC_BANDS else None


@cache  # a handful of bands and ranges, asked for every candidate
def band_suits(band: str, band_from: str, band_to: str) -> bool:
    """Whether a resource that names a band range includes the person's band (False without a range)."""
    person = _band_index(band)
    low, high = _band_index(band_from), _band_index(band_to)
    if person is None or (low is None and high is None):
        return False
    return (low is None or low <= person) and (high is None or person <= high)


class BandsSuiting(NamedTuple):
    """`band_suits` for one person's band as sets of range ends, for a query to test: a range suits
    when it names a band at either end, does not start above the person's band (`too_high_to_start`)
    and does not end below it (`too_low_to_end`)."""

    named: frozenset[str]
    too_high_to_start: frozenset[str]
    too_low_to_end: frozenset[str]


def bands_suiting(band: str) -> BandsSuiting | None:
    """None: no range suits the person (their band is not known)."""
    person = _band_index(band)
    if person is None:
        return None
    return BandsSuiting(frozenset(AFC_BANDS), frozenset(AFC_BANDS[person + 1 :]), frozenset(AFC_BANDS[:person]))


def named_sub_area(person: Person, sub_area_id: int) -> SubAreaName:
    standing = person.standings.get(sub_area_id)
    if standing is not None:
        return SubAreaName(standing.number, standing.name)
    return person.sub_area_names.get(sub_area_id, SubAreaName("", ""))


def _sub_area_terms(person: Person, sub_area_id: int, weights: Weights) -> list[Term]:
    standing = person.standings.get(sub_area_id)
    named = named_sub_area(person, sub_area_id)
    number, name = named.number, named.name
    terms = []
    if standing is not None and standing.gap > 0:
        points = _cents(weights.gap, standing.gap)
        terms.append(
            Term(TermKind.GAP, points, sub_area_id, number, name, current=standing.current, target=standing.target)
        )
    if standing is not None and standing.role_gap > 0:
        points = _cents(weights.role_expectation, standing.role_gap)
        terms.append(
            Term(
                TermKind.ROLE_EXPECTATION,
                points,
                sub_area_id,
                number,
                name,
                current=standing.current,
                expected=standing.expected,
                source=person.role_profile,
            )
        )
    if sub_area_id in person.region_needs:
        need = person.region_needs[sub_area_id]
        terms.append(
            Term(
                TermKind.REGION_NEED,
                _cents(weights.region_need),
                sub_area_id,
                number,
                name,
                need=need,
                source=person.survey_title,
                region=person.region_name,
            )
        )
    elif sub_area_id in person.national_needs:
        need = person.national_needs[sub_area_id]
        terms.append(
            Term(
                TermKind.NATIONAL_NEED,
                _cents(weights.national_need),
                sub_area_id,
                number,
                name,
                need=need,
                source=person.survey_title,
            )
        )
    return terms


def _sub_area_order(person: Person, sub_area_id: int) -> tuple[str, int]:
    number = named_sub_area(person, sub_area_id).number
    return (".".join(part.zfill(4) for part in number.split(".")), sub_area_id)


def fresh_after(today: date) -> date:
    """A resource is fresh when added after this day (for a query: the same test as `_fresh`)."""
    return today - FRESH_FOR


def _fresh(resource: ResourceFacts, today: date) -> bool:
    return resource.added_on is not None and today - resource.added_on < FRESH_FOR


def _overdue(resource: ResourceFacts, today: date) -> bool:
    return resource.review_due_on is not None and resource.review_due_on < today


def _own_terms(person: Person, resource: ResourceFacts, weights: Weights, today: date) -> list[Term]:
    """The terms of the resource's own facts: band, cost, freshness, review."""
    terms = []
    if band_suits(person.band, resource.band_from, resource.band_to):
        terms.append(
            Term(
                TermKind.BAND_SUITS, _cents(weights.band_suits), band_from=resource.band_from, band_to=resource.band_to
            )
        )
    if resource.free:
        terms.append(Term(TermKind.FREE, _cents(weights.free), minutes=resource.length_minutes))
    if _fresh(resource, today):
        terms.append(Term(TermKind.FRESH, _cents(weights.fresh), on=resource.added_on))
    if _overdue(resource, today):
        terms.append(Term(TermKind.REVIEW_OVERDUE, -_cents(weights.review_overdue), on=resource.review_due_on))
    return terms


class OwnCents(NamedTuple):
    """The points, in hundredths, of the resource's own terms (`review_overdue` is taken off)."""

    band_suits: int
    free: int
    fresh: int
    review_overdue: int


def _own_cents(person: Person, resource: ResourceFacts, own: OwnCents, today: date) -> int:
    """The sum of `_own_terms`' points without making them (the same tests, for every candidate)."""
    return (
        (own.band_suits if band_suits(person.band, resource.band_from, resource.band_to) else 0)
        + (own.free if resource.free else 0)
        + (own.fresh if _fresh(resource, today) else 0)
        - (own.review_overdue if _overdue(resource, today) else 0)
    )


def own_cents(weights: Weights) -> OwnCents:
    return OwnCents(*(_cents(w) for w in (weights.band_suits, weights.free, weights.fresh, weights.review_overdue)))


def sub_area_cents(person: Person, weights: Weights) -> dict[int, int]:
    """Each relevant sub-area's points, in hundredths: what teaching it adds to a resource's score."""
    return {s: sum(t.cents for t in _sub_area_terms(person, s, weights)) for s in person.relevant_sub_areas()}


def score(person: Person, resource: ResourceFacts, weights: Weights, today: date) -> Scored:
    """Every term for one resource, sub-areas in framework order, then the resource's own facts."""
    terms: list[Term] = []
    for sub_area_id in sorted(set(resource.sub_area_ids), key=lambda s: _sub_area_order(person, s)):
        terms.extend(_sub_area_terms(person, sub_area_id, weights))
    return Scored(resource, (*terms, *_own_terms(person, resource, weights, today)))


def ranked(
    person: Person, resources: Iterable[ResourceFacts], weights: Weights, today: date, limit: int | None = None
) -> list[Scored]:
    """The resources worth recommending, best first (ties by title, then id), at most `limit`.

    Each resource's score is first summed from its sub-areas' points (worked out once per person)
    and its own; only the best `limit` are then given their terms. The sums are whole hundredths,
    so both ways give the same score exactly."""
    per_sub_area = sub_area_cents(person, weights)
    own = own_cents(weights)
    left_out = person.done | person.dismissed
    candidates: list[tuple[int, ResourceFacts]] = []
    for resource in resources:
        if resource.id in left_out:  # done or dismissed: never recommended
            continue
        taught = [per_sub_area[s] for s in set(resource.sub_area_ids) if s in per_sub_area]
        if taught:  # else it teaches nothing where the person has a gap or a need: not recommended
            candidates.append((sum(taught) + _own_cents(person, resource, own, today), resource))
    if limit is not None and len(candidates) > limit > 0:
        # Only those scoring at least the limit-th best score can be among the best `limit`.
        threshold = heapq.nlargest(limit, (cents for cents, _ in candidates))[-1]
        candidates = [c for c in candidates if c[0] >= threshold]
    candidates.sort(key=lambda c: (-c[0], c[1].title.casefold(), c[1].id))
    best = candidates if limit is None else candidates[: max(limit, 0)]
    return [score(person, resource, weights, today) for _, resource in best]
