"""A participant's part of a programme by keyboard alone, in headless Chromium: from the programmes
page to a cohort, apply (meeting the error summary first and following it to the statement), answer
the offer the panel made, and see their place and progress; give their feedback on a cohort that has
ended, from the home page. No mouse: Tab, Enter, Space, arrow
keys and typing. axe (WCAG 2.2 AA) on every page, including the page with errors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lksworkforce.programmes.feedback_levels import ReactionQuestion
from lksworkforce.programmes.models import Application, Enrolment, ReactionFeedback
from lksworkforce.programmes.vocabulary import ApplicationStatus as S
from tests.browser.conftest import Session
from tests.browser.keyboard import button, focused, link, no_violations, press_and_wait, tab_until
from tests.browser_fixtures import OpenSession
from tests.conftest import World
from tests.programmes.factories import enrol
from tests.programmes.factories_applications import leadership, open_cohort
from tests.programmes.factories_attendance import cohort_with_sessions

pytestmark = pytest.mark.browser


def test_apply_and_accept_a_place_by_keyboard(live_world: World, open_session: OpenSession) -> None:
    programme = leadership(title="Keyboard leadership", key="keyboard-leadership", needs_manager_support=False)
    cohort = open_cohort(programme, name="Keyboard cohort")
    session: Session = open_session()
    session.sign_in(live_world.staff.email)
    page = session.goto("/programmes/")
    no_violations(session, "programmes page")

    tab_until(session, link("Keyboard cohort"), "the cohort's link", most=120)
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/programmes/cohorts/{cohort.pk}/")
    no_violations(session, "cohort page")

    tab_until(session, link("Apply for a place"), "Apply for a place")
    press_and_wait(session, "Enter")
    no_violations(session, "application form")

    # Send with no statement: the error summary takes focus; its link leads to the statement.
    tab_until(session, button("Send your application"), "Send your application")
    press_and_wait(session, "Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('.nhsuk-error-summary')")
    assert page.title().startswith("Error: ")
    no_violations(session, "application form with errors")
    tab_until(session, lambda e: e["tag"] == "a" and "statement" in e["text"].lower(), "the error summary's link")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'id_statement'")
    page.keyboard.type("I lead our outreach service and want to grow as a leader.")
    tab_until(session, lambda e: e["name"] == "could_not_travel", "the travel checkbox")
    page.keyboard.press("Space")
    assert focused(session)["checked"]
    tab_until(session, button("Send your application"), "Send your application")
    press_and_wait(session, "Enter")
    application = Application.objects.get(cohort=cohort, person=live_world.staff)
    assert (application.status, application.could_not_travel) == (S.SUBMITTED, True)
    assert page.url.endswith(f"/programmes/applications/{application.pk}/")
    no_violations(session, "the application")

    # The panel offers a place (their part is on their own pages); the participant answers.
    Application.objects.filter(pk=application.pk).update(
        status=S.OFFERED, offered_at=timezone.now(), reply_by=timezone.localdate() + timedelta(days=7), edit_version=2
    )
    page.reload(wait_until="load")
    no_violations(session, "the offer")
    tab_until(session, lambda e: e["name"] == "answer", "the answer radios")
    if focused(session)["value"] != "accept":
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    chosen = focused(session)
    assert (chosen["value"], chosen["checked"]) == ("accept", True)
    tab_until(session, button("Send your answer"), "Send your answer")
    press_and_wait(session, "Enter")
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert Enrolment.objects.filter(cohort=cohort, person=live_world.staff).exists()
    no_violations(session, "the accepted place")

    # Their place, from the programmes page's own links.
    session.goto("/programmes/")
    tab_until(session, link("Your attendance and progress"), "Your attendance and progress", most=120)
    press_and_wait(session, "Enter")
    assert "Keyboard cohort" in page.locator("main").inner_text()
    no_violations(session, "your attendance and progress")


def test_give_feedback_from_the_home_page_by_keyboard(live_world: World, open_session: OpenSession) -> None:
    cohort, _sessions = cohort_with_sessions()  # four sessions, the last on 22 June 2026: ended
    place = enrol(cohort, live_world.staff)
    session: Session = open_session()
    session.sign_in(live_world.staff.email)
    page = session.goto("/")
    tab_until(session, lambda e: e["tag"] == "a" and e["text"].startswith("Give your feedback on"), "the home item",
              most=120)  # fmt: skip
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/programmes/cohorts/{cohort.pk}/feedback/")
    no_violations(session, "the feedback form")

    # Send with nothing chosen: the error summary takes focus.
    tab_until(session, button("Send your feedback"), "Send your feedback", most=120)
    press_and_wait(session, "Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('.nhsuk-error-summary')")
    no_violations(session, "the feedback form with errors")

    # Each question is a radio group: Tab into it, the arrow keys move to 4, Space chooses.
    for question in ReactionQuestion:
        tab_until(session, lambda e, q=question.value: e["name"] == q, f"the {question.value} ratings", most=120)
        while focused(session)["value"] != "4":
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Space")
    tab_until(session, lambda e: e["id"] == "id_comments", "the comments")
    page.keyboard.type("Practical and well run.")
    tab_until(session, button("Send your feedback"), "Send your feedback")
    press_and_wait(session, "Enter")
    place.refresh_from_db()
    assert place.reaction_given
    reaction = ReactionFeedback.objects.get(cohort=cohort)
    assert reaction.ratings == {q.value: 4 for q in ReactionQuestion}
    assert reaction.comments == "Practical and well run."
    no_violations(session, "after sending feedback")
