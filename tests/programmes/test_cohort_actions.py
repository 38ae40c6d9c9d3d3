"""A cohort page's actions: a participant finds how to apply (or book) and then their application;
those who run the cohort find its selection and register; nobody is shown a link they cannot open.
And the programmes page lists each person's own pages and, for those who may, the running pages."""

import re

import pytest

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import Cohort
from tests.conftest import World, client_for
from tests.programmes.factories import apply
from tests.programmes.factories_applications import closed_cohort, leadership, open_cohort, skills

pytestmark = pytest.mark.django_db


def _actions(user: User, cohort: Cohort) -> dict[str, str]:
    page = client_for(user).get(f"/programmes/cohorts/{cohort.pk}/")
    assert page.status_code == 200
    card = page.content.decode().split('id="cohort-actions"', 1)[1].split("</section>", 1)[0]
    return {
        re.sub(r"<[^>]+>", "", text).strip(): href
        for href, text in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', card)
    }


def test_an_open_cohort_offers_to_apply_then_shows_the_application(world: World) -> None:
    cohort = open_cohort(leadership(needs_manager_support=False))
    actions = _actions(world.staff, cohort)
    assert actions["Apply for a place"] == f"/programmes/cohorts/{cohort.pk}/apply/"
    assert "Selection" not in actions
    assert "Register and completion" not in actions
    application = apply(cohort, world.staff)
    actions = _actions(world.staff, cohort)
    assert "Apply for a place" not in actions
    assert actions["Your application"] == f"/programmes/applications/{application.pk}/"


def test_a_skills_cohort_is_booked_and_a_closed_one_offers_nothing(world: World) -> None:
    assert "Book a place" in _actions(world.staff, open_cohort(skills()))
    closed = _actions(world.staff, closed_cohort(leadership()))
    assert not {"Apply for a place", "Book a place", "Your application"} & closed.keys()


def test_those_who_run_a_cohort_find_its_selection_and_register(world: World) -> None:
    cohort = open_cohort(leadership(gives_certificate=True))
    actions = _actions(world.national, cohort)
    assert actions["Certificates"] == f"/programmes/cohorts/{cohort.pk}/certificates/"
    assert actions["Feedback"] == f"/programmes/cohorts/{cohort.pk}/feedback/report/"
    assert actions["Selection"] == f"/programmes/cohorts/{cohort.pk}/selection/"
    assert actions["Register and completion"] == f"/programmes/cohorts/{cohort.pk}/attendance/"
    for href in actions.values():
        assert client_for(world.national).get(href).status_code == 200, href


def test_a_facilitator_finds_the_register_but_not_the_selection(world: World) -> None:
    cohort = open_cohort(leadership())
    cohort.facilitators.add(world.curator)
    actions = _actions(world.curator, cohort)
    assert "Register and completion" in actions
    assert "Selection" not in actions
    assert "Certificates" not in actions
    assert "Feedback" not in actions


@pytest.mark.parametrize(
    ("role", "shown", "not_shown"),
    [
        (
            "staff",
            ["Your applications and offers", "Your certificates", "Check a certificate"],
            ["Regional fair shares of places", "Set up a programme"],
        ),
        (
            "manager",
            ["Applications waiting for your support"],
            ["Regional fair shares of places", "Facilitator register"],
        ),
        (
            "regional_lead",
            ["Regional fair shares of places", "Facilitator register", "Facilitator cascades"],
            ["Set up a programme"],
        ),
        ("national", ["Regional fair shares of places", "Set up a programme", "Equity of access to programmes"], []),
    ],
)
def test_the_programmes_page_lists_the_pages_each_person_may_open(
    world: World, role: str, shown: list[str], not_shown: list[str]
) -> None:
    client = client_for(getattr(world, role))
    text = client.get("/programmes/").content.decode()
    for name in shown:
        assert name in text
        href = re.search(rf'<a href="([^"]+)">{name}</a>', text)
        assert href is not None, name
        assert client.get(href.group(1)).status_code == 200, name
    for name in not_shown:
        assert name not in text
