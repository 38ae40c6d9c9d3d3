"""A person's levels as they stood on a day (`assessed_levels_on`, offered as `assessed_levels`)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lksworkforce.accounts.models import User
from lksworkforce.core.capability import assessed_levels
from lksworkforce.skills.levels_at import assessed_levels_on
from lksworkforce.skills.models import Assessment, Framework, SubArea
from tests.factories import UserFactory
from tests.skills.factories import AssessmentFactory, FrameworkFactory, RatingFactory, SubAreaFactory

pytestmark = pytest.mark.django_db


def _framework_with(count: int) -> tuple[Framework, list[SubArea]]:
    framework = FrameworkFactory.create()
    sub_areas = [SubAreaFactory.create(area__framework=framework) for _ in range(count)]
    return framework, sub_areas


def _assessed(person: User, framework: Framework, completed_on: date | None, levels: dict[SubArea, int]) -> Assessment:
    assessment = AssessmentFactory.create(
        person=person, framework=framework, started_on=date(2025, 1, 1), completed_on=completed_on
    )
    for sub_area, level in levels.items():
        RatingFactory.create(assessment=assessment, sub_area=sub_area, current=level, target=4)
    return assessment


def test_the_latest_finished_assessment_on_or_before_the_day_counts() -> None:
    framework, (a, b) = _framework_with(2)
    person = UserFactory.create()
    _assessed(person, framework, date(2025, 3, 1), {a: 1, b: 1})
    _assessed(person, framework, date(2025, 9, 1), {a: 3, b: 2})
    _assessed(person, framework, None, {a: 4, b: 4})  # not finished: never counts
    ids = [a.pk, b.pk]
    assert assessed_levels_on([person.pk], ids, date(2025, 2, 28)) == {}
    assert assessed_levels_on([person.pk], ids, date(2025, 3, 1)) == {person.pk: {a.pk: 1, b.pk: 1}}
    assert assessed_levels_on([person.pk], ids, date(2025, 8, 31)) == {person.pk: {a.pk: 1, b.pk: 1}}
    assert assessed_levels_on([person.pk], ids, date(2026, 1, 1)) == {person.pk: {a.pk: 3, b.pk: 2}}


def test_a_sub_area_the_latest_assessment_left_blank_has_no_level() -> None:
    framework, (a, b) = _framework_with(2)
    person = UserFactory.create()
    _assessed(person, framework, date(2025, 3, 1), {a: 1, b: 2})
    _assessed(person, framework, date(2025, 6, 1), {a: 3})
    assert assessed_levels_on([person.pk], [a.pk, b.pk], date(2025, 7, 1)) == {person.pk: {a.pk: 3}}


def test_two_finished_on_one_day_the_one_made_last_counts() -> None:
    framework, (a,) = _framework_with(1)
    person = UserFactory.create()
    _assessed(person, framework, date(2025, 3, 1), {a: 1})
    _assessed(person, framework, date(2025, 3, 1), {a: 2})
    assert assessed_levels_on([person.pk], [a.pk], date(2025, 3, 1)) == {person.pk: {a.pk: 2}}


def test_only_the_people_and_sub_areas_asked_for_in_one_query() -> None:
    framework, sub_areas = _framework_with(3)
    people = [UserFactory.create() for _ in range(6)]
    for index, person in enumerate(people):
        _assessed(person, framework, date(2025, 3, 1), {s: (index + n) % 5 for n, s in enumerate(sub_areas)})
    asked = people[:4]
    with CaptureQueriesContext(connection) as queries:
        levels = assessed_levels_on([p.pk for p in asked], [s.pk for s in sub_areas[:2]], date(2025, 4, 1))
    assert len(queries) == 1
    assert set(levels) == {p.pk for p in asked}
    assert levels[asked[3].pk] == {sub_areas[0].pk: 3, sub_areas[1].pk: 4}


def test_each_framework_has_its_own_latest_assessment() -> None:
    old, (a,) = _framework_with(1)
    new, (b,) = _framework_with(1)
    person = UserFactory.create()
    _assessed(person, old, date(2025, 3, 1), {a: 2})
    _assessed(person, new, date(2025, 5, 1), {b: 3})
    assert assessed_levels_on([person.pk], [a.pk, b.pk], date(2025, 6, 1)) == {person.pk: {a.pk: 2, b.pk: 3}}


def test_nothing_asked_nothing_read() -> None:
    assert assessed_levels_on([], [1], date(2025, 1, 1)) == {}
    assert assessed_levels_on([1], [], date(2025, 1, 1)) == {}


def test_offered_to_other_apps_through_the_capability() -> None:
    framework, (a,) = _framework_with(1)
    person = UserFactory.create()
    _assessed(person, framework, date(2025, 3, 1), {a: 2})
    assert assessed_levels([person.pk], [a.pk], date(2025, 3, 2)) == {person.pk: {a.pk: 2}}
