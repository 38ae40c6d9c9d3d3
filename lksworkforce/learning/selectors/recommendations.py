"""Reads for recommendations: everything `scoring.ranked` needs for one person, in a fixed number
of queries whatever the size of the catalogue: their latest self-assessment and the survey's needs
(through core.capability), their band and region, what they did or dismissed, the weights in force,
and the published resources that teach a sub-area that matters to them (one query)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Exists, OuterRef
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
    "sub_area__number",
    "sub_area__name",
    "resource__title",
    "resource__url",
    "resource__band_from",
    "resource__band_to",
    "resource__cost",
    "resource__length_minutes",
    "resource__added_on",
    "resource__review_due_on",
)


def candidate_resources(
    person_id: int | None, relevant: Iterable[int], only: frozenset[int] | None
) -> tuple[list[scoring.ResourceFacts], dict[int, scoring.SubAreaName]]:
    """Published resources, not done or dismissed by the person, teaching a relevant sub-area (and,
    with `only`, one of those): their facts with the sub-areas among `relevant | only` they teach.
    One query, a row per resource and sub-area."""
    wanted = set(relevant) | set(only or ())
    if not wanted:
        return [], {}
    rows = (
        Teaches.objects.filter(sub_area_id__in=sorted(wanted), resource__status=ResourceStatus.PUBLISHED)
        .exclude(Exists(LearningRecord.objects.filter(person_id=person_id, resource_id=OuterRef("resource_id"))))
        .exclude(Exists(Dismissal.objects.filter(person_id=person_id, resource_id=OuterRef("resource_id"))))
    )
    if only is not None:
        rows = rows.filter(
            Exists(Teaches.objects.filter(resource_id=OuterRef("resource_id"), sub_area_id__in=sorted(only)))
        )
    by_resource: dict[int, tuple[object, ...]] = {}
    teaches: dict[int, list[int]] = defaultdict(list)
    names: dict[int, scoring.SubAreaName] = {}
    for row in rows.values_list(*TEACHES_COLUMNS).order_by("resource_id", "sub_area_id"):
        resource_id, sub_area_id, number, name = row[0], row[1], row[2], row[3]
        by_resource.setdefault(resource_id, row)
        teaches[resource_id].append(sub_area_id)
        names.setdefault(sub_area_id, scoring.SubAreaName(number, name))
    facts = [
        scoring.ResourceFacts(
            id=resource_id,
            title=str(row[4]),
            url=str(row[5]),
            sub_area_ids=tuple(teaches[resource_id]),
            band_from=str(row[6]),
            band_to=str(row[7]),
            free=row[8] == Cost.FREE,
            length_minutes=row[9] if isinstance(row[9], int) else None,
            added_on=row[10] if isinstance(row[10], date) else None,
            review_due_on=row[11] if isinstance(row[11], date) else None,
        )
        for resource_id, row in by_resource.items()
    ]
    return facts, names


@dataclass(frozen=True)
class RankedForPerson:
    person: scoring.Person
    ranked: list[scoring.Scored]
    weights: WeightsInForce


def ranked_for(viewer: Viewer, sub_area_ids: frozenset[int] | None = None, limit: int | None = None) -> RankedForPerson:
    """The viewer's recommendations, best first: a fixed number of queries."""
    person = _person(viewer)
    weights = weights_in_force()
    facts, names = candidate_resources(viewer.pk, person.relevant_sub_areas(), sub_area_ids)
    person = replace(person, sub_area_names=names)
    today = timezone.localdate()
    return RankedForPerson(person, scoring.ranked(person, facts, weights.weights, today, limit), weights)


def dismissed_resources(viewer: Viewer) -> list[Resource]:
    """What the viewer dismissed, for them to take back (one query)."""
    return list(
        Resource.objects.filter(Exists(Dismissal.objects.filter(person_id=viewer.pk, resource_id=OuterRef("pk"))))
    )


def published_resource(resource_id: int) -> Resource | None:
    return Resource.objects.published().filter(pk=resource_id).first()


def taught_sub_area_ids(resource: Resource) -> list[int]:
    return list(Teaches.objects.filter(resource=resource).order_by("sub_area_id").values_list("sub_area_id", flat=True))
