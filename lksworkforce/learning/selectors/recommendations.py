"""Reads for recommendations: everything `scoring.ranked` needs for one person, in a fixed number
of queries whatever the size of the catalogue: their latest self-assessment and the survey's needs
(through core.capability), their band and region, what they did or dismissed, the weights in force,
and the published resources that teach a sub-area that matters to them. For the best few (every
page and the API ask for a limit) the database sums each resource's score from scoring's own points
and keeps those at or above the limit-th best (one query, a few rows back), and only those are read
and ranked by scoring; without a limit every candidate is read and scored (one query, most of the
catalogue)."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, Exists, F, IntegerField, Max, OuterRef, Q, Sum, Value, When, Window
from django.db.models.functions import Cast, Rank
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core import capability
from lksworkforce.core.capability import Viewer
from lksworkforce.learning import scoring
from lksworkforce.learning.models import Dismissal, LearningRecord, RecommendationWeights, Resource, Teaches
from lksworkforce.learning.vocabulary import Cost, ResourceStatus
from lksworkforce.organisations.models import Region
from lksworkforce.organisations.selectors import latest_membership_year


@dataclass(frozen=True)
class WeightsInForce:
    weights: scoring.Weights
    version: int  # 0: the defaults, never saved
    changed_at: datetime | None = None


def weights_in_force() -> WeightsInForce:
    """The latest saved weights (one query), or the defaults when none were ever saved."""
    latest = RecommendationWeights.objects.order_by("-edit_version", "-id").first()
    if latest is None:
        return WeightsInForce(scoring.DEFAULT_WEIGHTS, 0)
    values = {name: getattr(latest, name) for name in scoring.Weights.names()}
    return WeightsInForce(scoring.Weights(**values), latest.edit_version, latest.changed_at)


def weights_history() -> list[RecommendationWeights]:
    return list(RecommendationWeights.objects.select_related("changed_by").order_by("-edit_version", "-id"))


def _band_and_organisation(viewer: Viewer) -> tuple[str, int | None]:
    if isinstance(viewer, User):
        return viewer.band, viewer.organisation_id
    if viewer.pk is None:
        return "", None
    found = User.objects.filter(pk=viewer.pk).values_list("band", "organisation_id").first()
    return found if found is not None else ("", None)


def region_name_of(organisation_id: int | None) -> str | None:
    """The name of the organisation's region in the current geography's latest year (two queries)."""
    if organisation_id is None:
        return None
    year = latest_membership_year()
    regions = Region.objects.current().filter(memberships__organisation_id=organisation_id, memberships__year=year or 0)
    name: str | None = regions.values_list("name", flat=True).first()
    return name


def _person(viewer: Viewer) -> scoring.Person:
    skills = capability.person_skills(viewer)
    band, organisation_id = _band_and_organisation(viewer)
    needs = capability.needs_in_focus(region_name_of(organisation_id))
    standings = {
        s.sub_area_id: scoring.Standing(s.sub_area_id, s.number, s.name, s.current, s.target, s.expected)
        for s in (skills.standings if skills else ())
    }
    done = LearningRecord.objects.filter(person_id=viewer.pk, resource__isnull=False).values_list(
        "resource_id", flat=True
    )
    dismissed = Dismissal.objects.filter(person_id=viewer.pk).values_list("resource_id", flat=True)
    return scoring.Person(
        standings=standings,
        role_profile=skills.role_profile if skills else "",
        band=band,
        region_needs=dict(needs.region) if needs else {},
        national_needs=dict(needs.national) if needs else {},
        survey_title=needs.survey_title if needs else "",
        region_name=needs.region_name if needs else "",
        done=frozenset(i for i in done if i is not None),
        dismissed=frozenset(dismissed),
    )


TEACHES_COLUMNS = (
    "resource_id",
    "sub_area_id",
    "resource__title",
    "resource__band_from",
    "resource__band_to",
    "resource__cost",
    "added_on_text",
    "review_due_on_text",
)  # what the score needs; the web address and length are read for the best few only


def _day(value: str | None) -> date | None:
    """A date read as ISO text."""
    return date.fromisoformat(value) if value else None


def candidate_resources(
    relevant: Iterable[int], only: frozenset[int] | None, among: Collection[int] | None = None
) -> list[scoring.ResourceFacts]:
    """Published resources teaching a relevant sub-area (and,
    with `only`, one of those; with `among`, only those resources): their facts with the sub-areas
    among `relevant | only` they teach, and with `among` their web address and length too.
    One query, a row per resource and sub-area, read straight from the cursor: at national scale
    it is most of the catalogue, and the ORM's per-row work would be most of the time."""
    wanted = set(relevant) | set(only or ())
    if not wanted or (among is not None and not among):
        return []
    # What the person did or dismissed comes too (a few rows): scoring leaves those out, by rule.
    rows = Teaches.objects.filter(sub_area_id__in=sorted(wanted), resource__status=ResourceStatus.PUBLISHED)
    columns: tuple[str, ...] = TEACHES_COLUMNS
    if among is not None:
        rows = rows.filter(resource_id__in=sorted(set(among))).order_by("resource_id", "sub_area_id")
        columns += ("resource__url", "resource__length_minutes")
    else:
        rows = rows.order_by()
    if only is not None:
        taught = Teaches.objects.filter(resource_id=OuterRef("resource_id"), sub_area_id__in=sorted(only))
        rows = rows.filter(Exists(taught))
    # Dates as ISO text, parsed once per resource here rather than once per row by the driver.
    rows = rows.annotate(
        added_on_text=Cast("resource__added_on", CharField()),
        review_due_on_text=Cast("resource__review_due_on", CharField()),
    )
    sql, params = rows.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    first: dict[int, tuple[Any, ...]] = {}
    teaches: dict[int, list[int]] = {}
    for row in fetched:
        if row[0] in first:
            teaches[row[0]].append(row[1])
        else:
            first[row[0]] = row
            teaches[row[0]] = [row[1]]
    return [
        # id, title, web address (read later), sub-areas, bands, free, length (read later), dates
        scoring.ResourceFacts(
            rid,
            row[2],
            row[8] if among is not None else "",
            tuple(teaches[rid]),
            row[3],
            row[4],
            row[5] == Cost.FREE,
            row[9] if among is not None else None,
            _day(row[6]),
            _day(row[7]),
        )
        for rid, row in first.items()
    ]


def _band_suits(band: str) -> Q | None:
    """`scoring.band_suits` for the person's band, as a condition on a resource's range."""
    suiting = scoring.bands_suiting(band)
    if suiting is None:
        return None
    condition = Q(band_from__in=sorted(suiting.named)) | Q(band_to__in=sorted(suiting.named))
    if suiting.too_high_to_start:
        condition &= ~Q(band_from__in=sorted(suiting.too_high_to_start))
    if suiting.too_low_to_end:
        condition &= ~Q(band_to__in=sorted(suiting.too_low_to_end))
    return condition


def best_resource_ids(
    person: scoring.Person, weights: scoring.Weights, today: date, only: frozenset[int] | None, limit: int
) -> list[int]:
    """The resources `scoring.ranked` could put among the best `limit`: those scoring at least the
    `limit`-th best score (ties kept, for scoring to break by title), the score summed by the
    database from scoring's own points per sub-area and per fact. One query, a few rows back."""
    per_sub_area = scoring.sub_area_cents(person, weights)
    if not per_sub_area:
        return []
    by_cents: dict[int, list[int]] = {}
    for sub_area_id, cents in per_sub_area.items():
        by_cents.setdefault(cents, []).append(sub_area_id)
    taught = Case(
        *(When(teaches__sub_area_id__in=sorted(ids), then=Value(cents)) for cents, ids in sorted(by_cents.items())),
        default=Value(0),
        output_field=IntegerField(),
    )
    own = scoring.own_cents(weights)
    suits = _band_suits(person.band)
    own_terms = (  # the same tests as scoring's `_own_cents`
        (suits, own.band_suits),
        (Q(cost=Cost.FREE), own.free),
        (Q(added_on__gt=scoring.fresh_after(today)), own.fresh),
        (Q(review_due_on__lt=today), -own.review_overdue),
    )
    facts: Any = Value(0)
    for condition, points in own_terms:
        if condition is not None:
            facts += Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())
    rows = (
        Resource.objects.filter(status=ResourceStatus.PUBLISHED, teaches__sub_area_id__in=sorted(per_sub_area))
        .exclude(pk__in=sorted(person.done | person.dismissed))
        .order_by()
        .values("pk")
        # The resource's own facts are the same on each of its rows: taken once (Max), not summed.
        .annotate(cents=Sum(taught) + Max(facts))
    )
    if only is not None:
        rows = rows.filter(Exists(Teaches.objects.filter(resource_id=OuterRef("pk"), sub_area_id__in=sorted(only))))
    rows = rows.annotate(rank=Window(Rank(), order_by=F("cents").desc())).filter(rank__lte=limit)
    return list(rows.values_list("pk", flat=True))


def sub_area_names(sub_area_ids: Iterable[int]) -> dict[int, scoring.SubAreaName]:
    """Numbers and names of sub-areas outside the person's assessment (the survey's needs), read
    through what resources teach (learning does not read skills' tables of its own accord). One query."""
    found = (
        Teaches.objects.filter(sub_area_id__in=sorted(set(sub_area_ids)))
        .values_list("sub_area_id", "sub_area__number", "sub_area__name")
        .order_by()
        .distinct()
    )
    return {sub_area_id: scoring.SubAreaName(number, name) for sub_area_id, number, name in found}


def _with_details(resource: scoring.ResourceFacts, url: str, minutes: int | None) -> scoring.ResourceFacts:
    return resource._replace(url=url, length_minutes=minutes)


@dataclass(frozen=True)
class RankedForPerson:
    person: scoring.Person
    ranked: list[scoring.Scored]
    weights: WeightsInForce


def ranked_for(viewer: Viewer, sub_area_ids: frozenset[int] | None = None, limit: int | None = None) -> RankedForPerson:
    """The viewer's recommendations, best first: a fixed number of queries. With a limit, the same
    best few, scores and reasons as without one, cut to the limit (tests/learning pin it)."""
    person = _person(viewer)
    weights = weights_in_force()
    relevant = person.relevant_sub_areas()
    today = timezone.localdate()
    if limit is not None and limit > 0:  # the best few: scored by the database, then by scoring
        among = best_resource_ids(person, weights.weights, today, sub_area_ids, limit)
        facts = candidate_resources(relevant, sub_area_ids, among)
        person = replace(person, sub_area_names=sub_area_names(relevant - set(person.standings)))
        return RankedForPerson(person, scoring.ranked(person, facts, weights.weights, today, limit), weights)
    facts = candidate_resources(relevant, sub_area_ids)
    person = replace(person, sub_area_names=sub_area_names(relevant - set(person.standings)))
    best = scoring.ranked(person, facts, weights.weights, today, limit)
    # The best few again with their web address and length, which their reasons show and the score
    # does not use (reading them for every candidate would be most of the time at national scale).
    found = Resource.objects.filter(pk__in=[s.resource.id for s in best]).values_list("pk", "url", "length_minutes")
    details = {pk: (url, minutes) for pk, url, minutes in found}
    full = [
        scoring.score(person, _with_details(s.resource, *details[s.resource.id]), weights.weights, today) for s in best
    ]
    return RankedForPerson(person, full, weights)


def dismissed_resources(viewer: Viewer) -> list[Resource]:
    """What the viewer dismissed, for them to take back (one query)."""
    return list(
        Resource.objects.filter(Exists(Dismissal.objects.filter(person_id=viewer.pk, resource_id=OuterRef("pk"))))
    )


def published_resource(resource_id: int) -> Resource | None:
    return Resource.objects.published().filter(pk=resource_id).first()


def taught_sub_area_ids(resource: Resource) -> list[int]:
    return list(Teaches.objects.filter(resource=resource).order_by("sub_area_id").values_list("sub_area_id", flat=True))
