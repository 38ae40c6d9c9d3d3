"""The home page lists what each capability has for the person (the `home_tasks` extension point):
their roles, their self-assessment to start or carry on, the surveys open to answer. It names no app."""

import datetime

import pytest
from pytest_django import DjangoAssertNumQueries

from lksworkforce.accounts.home import your_roles
from lksworkforce.skills.home import your_self_assessment
from lksworkforce.surveys.home import open_surveys_to_answer
from tests.conftest import World, client_for
from tests.skills.conftest import load_framework, take_assessment
from tests.surveys.factories import load_survey


def home(world: World, role: str = "staff") -> str:
    return client_for(world.by_role(role)).get("/").content.decode()


def test_roles_are_listed_or_the_person_is_told_they_have_none(world: World) -> None:
    assert world.staff.organisation is not None
    assert f"Staff member at {world.staff.organisation.name}" in home(world)
    assert "You have no roles yet" not in home(world)
    assert "Service manager" in home(world, "service_manager")


def test_with_no_current_framework_skills_says_nothing(world: World) -> None:
    assert "Your skills" not in home(world)


def test_a_person_is_asked_to_start_then_to_carry_on_their_self_assessment(world: World) -> None:
    framework = load_framework()
    page = home(world)
    assert "Start your self-assessment" in page
    assert f"Against the {framework.name}" in page

    unfinished = take_assessment(world.staff, framework, {"1.1": (1, 3)}, finish=False)
    page = home(world)
    assert f'href="/skills/assessments/{unfinished.pk}/">Carry on with your self-assessment' in page
    assert "Start your self-assessment" not in page
    # Someone else's assessment is not theirs to carry on.
    assert "Carry on" not in home(world, "service_manager")


def test_after_finishing_a_person_is_offered_a_new_one(world: World) -> None:
    framework = load_framework()
    take_assessment(world.staff, framework, {"1.1": (1, 3)}, completed_on=datetime.date(2025, 5, 1))
    page = home(world)
    assert "Start a new self-assessment" in page
    assert "Your last one was finished 1 May 2025" in page


def test_open_surveys_are_listed_and_closed_ones_are_not(world: World) -> None:
    today = datetime.date.today()
    load_survey(
        key="open-one", opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9)
    )
    load_survey(key="long-gone", cycle=2019, opens_on=datetime.date(2019, 1, 1), closes_on=datetime.date(2019, 2, 1))
    page = home(world)
    assert 'href="/surveys/open-one/"' in page
    assert "long-gone" not in page


@pytest.mark.parametrize("contribution", [your_roles, your_self_assessment, open_surveys_to_answer])
def test_each_contribution_makes_one_query(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, contribution: object
) -> None:
    load_framework()
    staff = type(world.staff).objects.select_related("organisation").get(pk=world.staff.pk)
    with django_assert_num_queries(1):
        contribution(staff)  # type: ignore[operator]
