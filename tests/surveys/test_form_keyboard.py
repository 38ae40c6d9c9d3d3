"""The survey form by keyboard alone, in headless Chromium, without signing in: start, meet the error
summary and follow it to the field, answer every kind of question (radios, checkboxes, a ranking's
selects, a number, free text, a Likert scale), check and send. axe (WCAG 2.2 AA) on every page,
including the pages with errors."""

import pytest

from lksworkforce.surveys.models import Answer, Response, ResponseStatus
from tests.browser.conftest import Session
from tests.browser.keyboard import button, focused, no_violations, press_and_wait, tab_until
from tests.browser_fixtures import OpenSession
from tests.conftest import World
from tests.surveys.factories import load_survey

pytestmark = pytest.mark.browser

KEY = "keyboard-survey"


def test_answer_the_whole_survey_with_the_keyboard(live_world: World, open_session: OpenSession) -> None:
    load_survey(key=KEY)
    session: Session = open_session()
    page = session.goto(f"/surveys/{KEY}/")
    page.wait_for_selector(".nhsuk-skip-link[data-nhsuk-skip-link-init]", state="attached")
    no_violations(session, "start page")
    tab_until(session, button("Start now"), "the Start now button")
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/surveys/{KEY}/sections/1/")
    no_violations(session, "section 1")

    # Continue with nothing chosen: the error summary takes focus, and its link leads to the question.
    tab_until(session, button("Save and continue"), "Save and continue")
    press_and_wait(session, "Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('.nhsuk-error-summary')")
    assert page.title().startswith("Error: ")
    no_violations(session, "section 1 with errors")
    tab_until(session, lambda e: e["tag"] == "a" and "What is your band?" in e["text"], "the error summary's link")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'q-band'")

    # Radios: the arrow keys move through a group and choose.
    page.keyboard.press("ArrowDown")  # Band 4
    page.keyboard.press("ArrowDown")  # Band 6
    assert focused(session)["value"] == "6"
    assert focused(session)["checked"]
    tab_until(session, lambda e: e["name"] == "role", "the role question")
    page.keyboard.press("ArrowDown")  # Librarian
    page.keyboard.press("ArrowDown")  # Service manager
    tab_until(session, lambda e: e["name"] == "region", "the region question")
    page.keyboard.press("Space")  # North
    tab_until(session, button("Save and continue"), "Save and continue")
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/surveys/{KEY}/sections/2/"), page.url
    no_violations(session, "section 2")

    # Checkboxes: Space ticks.
    tab_until(session, lambda e: e["name"] == "needs" and e["value"] == "searching", "the first need")
    page.keyboard.press("Space")
    tab_until(session, lambda e: e["name"] == "needs" and e["value"] == "impact", "the third need")
    page.keyboard.press("Space")
    # A ranking: one select per place, chosen by typing.
    tab_until(session, lambda e: e["name"] == "priorities-1", "the first choice")
    page.keyboard.type("Lead")
    tab_until(session, lambda e: e["name"] == "priorities-2", "the second choice")
    page.keyboard.type("Teach")
    tab_until(session, lambda e: e["name"] == "other_needs", "the free-text question")
    page.keyboard.type("Evidence summaries for clinicians")
    tab_until(session, button("Save and continue"), "Save and continue")
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/surveys/{KEY}/sections/3/"), page.url

    # A Likert scale and a number.
    tab_until(session, lambda e: e["name"] == "framework_use", "the Likert question")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Agree
    tab_until(session, lambda e: e["name"] == "cpd_hours", "the number question")
    page.keyboard.type("lots")
    tab_until(session, button("Save and continue"), "Save and continue")
    press_and_wait(session, "Enter")
    no_violations(session, "section 3 with an error")
    tab_until(session, lambda e: e["tag"] == "a" and "must be a number" in e["text"], "the error's link")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'q-cpd_hours'")
    page.keyboard.press("Control+A")
    page.keyboard.type("24")
    tab_until(session, button("Save and continue"), "Save and continue")
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/surveys/{KEY}/check/"), page.url
    no_violations(session, "check your answers")
    check = page.locator("main").inner_text()
    for expected in ("Band 6", "Service manager", "North", "Literature searching; Demonstrating value and impact",
                     "1. Leading\n", "2. Teaching", "Evidence summaries for clinicians", "Agree", "24 hours"):  # fmt: skip
        assert expected.strip() in check, expected

    tab_until(session, button("Send your answers"), "Send your answers")
    press_and_wait(session, "Enter")
    assert page.url.endswith(f"/surveys/{KEY}/done/"), page.url
    assert "Your answers have been sent" in page.locator("main").inner_text()
    no_violations(session, "done")
    response = Response.objects.get(survey__key=KEY)
    assert response.status == ResponseStatus.SUBMITTED
    assert Answer.objects.filter(response=response, question__key="priorities").count() == 2
    assert not session.watcher.page_errors, session.watcher.page_errors
    assert not session.watcher.csp_messages(), session.watcher.csp_messages()


def test_save_for_later_and_resume_with_the_code_by_keyboard(live_world: World, open_session: OpenSession) -> None:
    load_survey(key=KEY)
    first: Session = open_session()
    page = first.goto(f"/surveys/{KEY}/")
    tab_until(first, button("Start now"), "the Start now button")
    press_and_wait(first, "Enter")
    tab_until(first, lambda e: e["name"] == "band", "the band question")
    page.keyboard.press("Space")
    tab_until(first, button("Save and come back later"), "Save and come back later")
    press_and_wait(first, "Enter")
    assert page.url.endswith(f"/surveys/{KEY}/saved/")
    no_violations(first, "saved")
    code = page.locator("#resume-code").inner_text().strip()

    second: Session = open_session()
    other = second.goto(f"/surveys/{KEY}/resume/")
    no_violations(second, "resume")
    tab_until(second, lambda e: e["id"] == "id_code", "the code field")
    other.keyboard.type("wrong code")
    press_and_wait(second, "Enter")
    no_violations(second, "resume with an error")
    tab_until(second, lambda e: e["id"] == "id_code", "the code field")
    other.keyboard.press("Control+A")
    other.keyboard.type(code)
    press_and_wait(second, "Enter")
    assert other.url.endswith(f"/surveys/{KEY}/sections/1/"), other.url
    assert other.locator("#q-band").is_checked()
