"""Reads for recommendations: everything `scoring.ranked` needs for one person, in a fixed number
of queries whatever the size of the catalogue: their latest self-assessment and the survey's needs
(through core.capability), their band and region, what they did or dismissed, the weights in force,
and the published resources that teach a sub-area that matters to them (one query)."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
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


def candidate_resources(relevant: Iterable[int], only: frozenset[int] | None) -> list[scoring.ResourceFacts]:
    """Published resources teaching a relevant sub-area (and,
    with `only`, one of those): their facts with the sub-areas among `relevant | only` they teach.
    One query, a row per resource and sub-area, read straight from the cursor: at national scale
    it is most of the catalogue, and the ORM's per-row work would be most of the time."""
    wanted = set(relevant) | set(only or ())
    if not wanted:
        return []
    # What the person did or dismissed comes too (a few rows): scoring leaves those out, by rule.
    rows = Teaches.objects.filter(sub_area_id__in=sorted(wanted), resource__status=ResourceStatus.PUBLISHED)
    if only is not None:
        taught = Teaches.objects.filter(resource_id=OuterRef("resource_id"), sub_area_id__in=sorted(only))
        rows = rows.filter(Exists(taught))
    # Dates as ISO text, parsed once per resource here rather than once per row by the driver.
    rows = rows.annotate(
        added_on_text=Cast("resource__added_on", CharField()),
        review_due_on_text=Cast("resource__review_due_on", CharField()),
    )
    sql, params = rows.values_list(*TEACHES_COLUMNS).order_by().query.sql_with_params()
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
            rid, row[2], "", tuple(teaches[rid]), row[3], row[4], row[5] == Cost.FREE, None, _day(row[6]), _day(row[7])
        )
        for rid, row in first.items()
    ]


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
    """The viewer's recommendations, best first: a fixed number of queries."""
    person = _person(viewer)
    weights = weights_in_force()
    relevant = person.relevant_sub_areas()
    facts = candidate_resources(relevant, sub_area_ids)
    person = replace(person, sub_area_names=sub_area_names(relevant - set(person.standings)))
    today = timezone.localdate()
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
