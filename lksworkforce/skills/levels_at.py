"""People's assessed levels as they stood on a day, for other apps (programmes' learning-level feedback).

A person's level in a sub-area on a day is their current level in it in their latest finished
self-assessment (in the sub-area's framework) completed on or before that day: the latest by
completion date, then the one made last. A sub-area that assessment left blank has no level, even
if an earlier assessment rated it. One query, whatever the number of people and sub-areas."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.db.models import OuterRef, Subquery

from lksworkforce.skills.models import Assessment, Rating


def assessed_levels_on(
    person_ids: Iterable[int], sub_area_ids: Iterable[int], on: date
) -> Mapping[int, Mapping[int, int]]:
    """person id -> sub-area id -> level, from each person's latest finished self-assessment on or before `on`."""
    people, sub_areas = sorted(set(person_ids)), sorted(set(sub_area_ids))
    if not people or not sub_areas:
        return {}
    latest = (
        Assessment.objects.filter(
            person_id=OuterRef("assessment__person_id"),
            framework_id=OuterRef("assessment__framework_id"),
            completed_on__isnull=False,
            completed_on__lte=on,
        )
        .order_by("-completed_on", "-id")
        .values("pk")[:1]
    )
    rows = (
        Rating.objects.filter(
            sub_area_id__in=sub_areas,
            assessment__person_id__in=people,
            assessment__completed_on__isnull=False,
            assessment__completed_on__lte=on,
        )
        .filter(assessment_id=Subquery(latest))
        .values_list("assessment__person_id", "sub_area_id", "current")
    )
    levels: dict[int, dict[int, int]] = {}
    for person_id, sub_area_id, current in rows:
        levels.setdefault(person_id, {})[sub_area_id] = current
    return levels
