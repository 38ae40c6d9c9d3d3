"""The factories make what each part's tests start from."""

import pytest

from tests.conftest import World
from tests.programmes.factories import CohortFactory, SessionFactory, apply, enrol

pytestmark = pytest.mark.django_db


def test_a_cohort_with_a_session_an_application_and_a_place(world: World) -> None:
    cohort = CohortFactory.create()
    session = SessionFactory.create(cohort=cohort)
    application = apply(cohort, world.staff)
    place = enrol(cohort, world.staff, application=application)
    assert session.cohort == cohort
    assert place.application == application
    assert list(cohort.enrolments.all()) == [place]
