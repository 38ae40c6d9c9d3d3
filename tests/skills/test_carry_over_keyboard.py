"""A second self-assessment starts from the first, by keyboard alone, in headless Chromium: the role
profile is preselected from the job title, every rating is carried over, one area is confirmed
unchanged in one step, one rating is changed, and it is finished. axe (WCAG 2.2 AA) on every page."""

from datetime import date

import pytest

from lksworkforce.skills.models import Assessment
from tests.browser.conftest import Session
from tests.browser.keyboard import button, focused, link, press_and_wait, tab_until
from tests.browser_fixtures import OpenSession
from tests.conftest import World
from tests.skills.conftest import load_framework, sub, take_assessment
from tests.skills.test_keyboard import Axe, sign_in_by_keyboard

pytestmark = pytest.mark.browser


def field(element_id: str) -> object:
    return lambda e: e["id"] == element_id


def test_a_second_self_assessment_starts_from_the_first_by_keyboard(
    live_world: World, open_session: OpenSession
) -> None:
    framework = load_framework()
    staff = live_world.staff
    staff.job_title = "Clinical librarian"
    staff.save(update_fields=["job_title"])
    first = take_assessment(
        staff, framework, {"1.1": (1, 3, "high"), "1.2": (2, 3), "2.1": (0, 2)}, completed_on=date(2025, 3, 12)
    )
    session: Session = open_session()
    axe = Axe(session)
    page = session.page
    sign_in_by_keyboard(session, staff.email)

    # The role profile is chosen from the job title; the page says the ratings will be carried over.
    session.goto("/skills/")
    axe.check("skills home, before a second self-assessment")
    assert "starts from the one you finished on 12 March 2025" in page.locator("main").inner_text()
    assert page.locator("#id_role_profile option:checked").inner_text() == "Clinical librarian"
    tab_until(session, button("Start a self-assessment"), "the start button")
    press_and_wait(session, "Enter")
    second = Assessment.objects.exclude(pk=first.pk).get(person=staff)
    assert page.url.endswith(f"/skills/assessments/{second.pk}/")
    assert second.role_profile is not None
    assert second.role_profile.key == "clinical-librarian"
    assert second.ratings.filter(carried_over=True).count() == 3
    axe.check("overview with carried-over ratings")

    # Area 1 has not changed: one step, straight on to area 2.
    tab_until(session, link("1. Finding evidence"), "the first area's link")
    press_and_wait(session, "Enter")
    assert "(Carried over)" in page.locator("main").inner_text()
    axe.check("area 1, carried over")
    tab_until(session, button("Nothing has changed in this area"), "the nothing-has-changed button")
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/skills/assessments/{second.pk}/areas/2/")
    assert "You kept your 2 ratings for 1. Finding evidence: nothing has changed." in page.locator("main").inner_text()
    axe.check("area 2, carried over")

    # Area 2: one rating moved up a level; the rest as they were.
    health = sub(framework, "2.1")
    tab_until(session, field(f"id_s{health.pk}_current"), "2.1's current level")
    assert focused(session)["value"] == "0"
    page.keyboard.press("ArrowDown")
    assert focused(session)["value"] == "1"
    tab_until(session, button("Save and return to the list of areas"), "the return button")
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/skills/assessments/{second.pk}/")
    overview = page.locator("main").inner_text()
    assert "Your ratings for 2. Teaching and learning are saved." in overview
    assert "carried over" not in overview.lower()  # nothing left to check: the notice and column go
    axe.check("overview, everything checked")
    assert sorted(second.ratings.values_list("sub_area__number", "current", "target", "priority", "carried_over")) == [
        ("1.1", 1, 3, "high", False),
        ("1.2", 2, 3, "", False),
        ("2.1", 1, 2, "", False),
    ]

    # Finish it: it becomes the latest.
    tab_until(session, link("Finish with a reflection"), "the finish link")
    press_and_wait(session, "Enter")
    tab_until(session, field("id_reflection"), "the reflection")
    page.keyboard.type("Health literacy came on; the rest is as it was.")
    tab_until(session, button("Finish and see my gaps"), "the finish button")
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/skills/assessments/{second.pk}/gaps/")
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.is_latest, first.is_latest) == (True, False)

    assert not axe.reports, "\n".join(axe.reports)
    assert not session.watcher.page_errors, session.watcher.page_errors
    assert not session.watcher.csp_messages(), session.watcher.csp_messages()
