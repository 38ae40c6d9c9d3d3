"""A self-assessment by keyboard alone, in headless Chromium: sign in, start, rate an area with the
selects, meet an inconsistent rating in the error summary and follow it to the field, finish with a
reflection (after forgetting it), see the gaps, add a plan action (after a wrong date), and download
the PDF. No mouse: Tab, Shift+Tab, Enter, Space, arrow keys and typing. axe (WCAG 2.2 AA) on every
page, including each page with errors."""

from pathlib import Path
from typing import Any

import pytest

from lksworkforce.skills.models import Assessment, PlanAction
from tests.browser.conftest import Session, format_violations
from tests.browser_fixtures import OpenSession
from tests.conftest import World
from tests.factories import TEST_PASSWORD
from tests.skills.conftest import has_pdftotext, load_framework, pdf_text, sub

pytestmark = pytest.mark.browser

MAX_TABS = 120


def focused(session: Session) -> dict[str, Any]:
    description: dict[str, Any] = session.page.evaluate(
        """() => {
            const e = document.activeElement;
            return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name"), value: e.value,
                    text: (e.innerText || "").trim(), href: e.getAttribute("href"), checked: !!e.checked};
        }"""
    )
    return description


def tab_until(session: Session, matches: Any, what: str, key: str = "Tab") -> dict[str, Any]:
    seen = []
    for _ in range(MAX_TABS):
        session.page.keyboard.press(key)
        current = focused(session)
        if matches(current):
            return current
        seen.append({k: current[k] for k in ("tag", "id", "text")})
    raise AssertionError(f"{key} never reached {what}; focus went through {seen[-30:]}")


def field(element_id: str) -> Any:
    return lambda e: e["id"] == element_id


def button(text: str) -> Any:
    return lambda e: e["tag"] == "button" and e["text"] == text


def link(text: str) -> Any:
    return lambda e: e["tag"] == "a" and text in e["text"]


def press_and_wait(session: Session, key: str = "Enter") -> None:
    with session.page.expect_navigation(wait_until="load"):
        session.page.keyboard.press(key)


def choose(session: Session, presses: int) -> str:
    """Move down a focused select's options with the arrow key; the value chosen."""
    for _ in range(presses):
        session.page.keyboard.press("ArrowDown")
    return str(focused(session)["value"])


def summary_is_focused(session: Session) -> None:
    session.page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.nhsuk-error-summary')"
    )
    assert session.page.title().startswith("Error: ")


class Axe:
    """axe on each page visited; every page's violations reported together at the end."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.reports: list[str] = []
        self.pages: list[str] = []

    def check(self, label: str) -> None:
        self.pages.append(label)
        violations = self.session.axe_violations()
        if violations:
            self.reports.append(format_violations(label, violations))


def sign_in_by_keyboard(session: Session, email: str) -> None:
    page = session.goto("/sign-in/")
    tab_until(session, field("id_username"), "the email address field")
    page.keyboard.type(email)
    tab_until(session, field("id_password"), "the password field")
    page.keyboard.type(TEST_PASSWORD)
    tab_until(session, button("Sign in"), "the Sign in button")
    press_and_wait(session)
    assert "/sign-in/" not in page.url


def test_take_a_self_assessment_plan_and_download_it_by_keyboard(
    live_world: World, open_session: OpenSession, tmp_path: Path
) -> None:
    framework = load_framework()
    searching, appraisal = sub(framework, "1.1"), sub(framework, "1.2")
    session: Session = open_session()
    axe = Axe(session)
    page = session.page
    sign_in_by_keyboard(session, live_world.staff.email)

    # Start, choosing a role profile with the arrow keys.
    session.goto("/skills/")
    axe.check("skills home")
    tab_until(session, field("id_role_profile"), "the role select")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_role_profile option:checked").inner_text() == "Clinical librarian"
    tab_until(session, button("Start a self-assessment"), "the start button")
    press_and_wait(session)
    assessment = Assessment.objects.get(person=live_world.staff)
    assert page.url.endswith(f"/skills/assessments/{assessment.pk}/")
    assert assessment.role_profile is not None
    assert assessment.role_profile.name == "Clinical librarian"
    axe.check("assessment overview")

    # The first area: rate 1.1 fully, and 1.2 with a current level but no target.
    tab_until(session, link("1. Finding evidence"), "the first area's link")
    press_and_wait(session)
    assert page.url.endswith(f"/skills/assessments/{assessment.pk}/areas/1/")
    axe.check("area 1")
    tab_until(session, field(f"id_s{searching.pk}_current"), "1.1's current level")
    assert choose(session, 2) == "1"  # Not relevant -> 0 -> 1
    tab_until(session, field(f"id_s{searching.pk}_target"), "1.1's target level")
    assert choose(session, 4) == "3"
    tab_until(session, field(f"id_s{searching.pk}_priority"), "1.1's priority")
    assert choose(session, 1) == "high"
    tab_until(session, field(f"id_s{searching.pk}_evidence"), "1.1's evidence")
    page.keyboard.type("A search log reviewed by a colleague")
    tab_until(session, field(f"id_s{appraisal.pk}_current"), "1.2's current level")
    assert choose(session, 3) == "2"
    tab_until(session, button("Save and go to the next area"), "the save button")
    press_and_wait(session)

    # The error summary takes focus and links to the target level that is missing.
    summary_is_focused(session)
    axe.check("area 1 with an error")
    target_id = f"id_s{appraisal.pk}_target"
    message = "Choose a target level as well, or leave both blank if this is not relevant"
    assert page.locator(f"#{target_id}-error").inner_text().endswith(message)
    found = tab_until(session, lambda e: e["tag"] == "a" and e["href"] == f"#{target_id}", "the summary's link")
    assert found["text"] == message
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === '{target_id}'")
    assert not assessment.ratings.exists()  # nothing was saved
    assert page.locator(f"#id_s{searching.pk}_current").input_value() == "1"  # what was chosen is kept
    assert choose(session, 4) == "3"
    tab_until(session, button("Save and go to the next area"), "the save button")
    press_and_wait(session)
    assert page.url.endswith(f"/skills/assessments/{assessment.pk}/areas/2/")
    assert "Your ratings for 1. Finding evidence are saved." in page.locator("main").inner_text()
    assert sorted(assessment.ratings.values_list("sub_area__number", "current", "target", "priority")) == [
        ("1.1", 1, 3, "high"),
        ("1.2", 2, 3, ""),
    ]
    axe.check("area 2")

    # The second area, saved with Space on the secondary button, back to the list of areas.
    health = sub(framework, "2.1")
    tab_until(session, field(f"id_s{health.pk}_current"), "2.1's current level")
    choose(session, 3)
    tab_until(session, field(f"id_s{health.pk}_target"), "2.1's target level")
    choose(session, 5)
    tab_until(session, button("Save and return to the list of areas"), "the return button")
    press_and_wait(session, "Space")
    assert page.url.endswith(f"/skills/assessments/{assessment.pk}/")
    axe.check("assessment overview after two areas")

    # Finish: forgetting the reflection first, then following the summary to it.
    tab_until(session, link("Finish with a reflection"), "the finish link")
    press_and_wait(session)
    axe.check("finish")
    tab_until(session, button("Finish and see my gaps"), "the finish button")
    press_and_wait(session)
    summary_is_focused(session)
    axe.check("finish with an error")
    tab_until(session, lambda e: e["tag"] == "a" and e["href"] == "#id_reflection", "the summary's link")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'id_reflection'")
    page.keyboard.type("Appraisal is my focus this year.")
    tab_until(session, lambda e: e["name"] == "share_with_manager", "the sharing checkbox")
    page.keyboard.press("Space")
    assert focused(session)["checked"]
    tab_until(session, button("Finish and see my gaps"), "the finish button")
    press_and_wait(session)
    assert page.url.endswith(f"/skills/assessments/{assessment.pk}/gaps/")
    assessment.refresh_from_db()
    assert assessment.completed_on is not None
    assert assessment.shared_with_manager
    gaps = page.get_by_role("table", name="Sub-areas with a gap", exact=True).inner_text()
    assert gaps.index("1.1 Literature searching") < gaps.index("1.2 Critical appraisal")  # high priority first
    assert "2.1 Health literacy" in gaps
    axe.check("gaps")

    # Plan an action: a wrong date first, then corrected through the error summary.
    tab_until(session, link("Plan actions to close your gaps"), "the plan link")
    press_and_wait(session)
    axe.check("plan")
    tab_until(session, field("id_description"), "the description")
    page.keyboard.type("Take the literature searching course")
    tab_until(session, field("id_kind"), "the kind of action")
    assert choose(session, 1) == "practise"
    found = tab_until(session, lambda e: e["tag"] == "summary", "the sub-areas' details")
    assert "Sub-areas it develops" in found["text"]
    page.keyboard.press("Enter")  # opens the details
    tab_until(session, lambda e: e["name"] == "sub_areas" and e["value"] == str(searching.pk), "1.1's checkbox")
    page.keyboard.press("Space")
    tab_until(session, field("id_due_on"), "the due date")
    page.keyboard.type("31/2/2027")
    tab_until(session, button("Add to my plan"), "the add button")
    press_and_wait(session)
    summary_is_focused(session)
    axe.check("plan with an error")
    tab_until(session, lambda e: e["tag"] == "a" and e["href"] == "#id_due_on", "the summary's link")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'id_due_on'")
    page.keyboard.press("Control+A")
    page.keyboard.type("31/3/2027")
    tab_until(session, button("Add to my plan"), "the add button")
    press_and_wait(session)
    assert page.url.endswith("/skills/plan/")
    action = PlanAction.objects.get(person=live_world.staff)
    assert (action.description, action.kind, str(action.due_on)) == (
        "Take the literature searching course",
        "practise",
        "2027-03-31",
    )
    assert [s.number for s in action.sub_areas.all()] == ["1.1"]
    row = page.get_by_role("table", name="Actions in your plan", exact=True).inner_text()
    assert "31 March 2027" in row
    axe.check("plan with an action")

    # Back to the gaps (breadcrumb, then the home page's link) and download the PDF.
    tab_until(session, link("Skills"), "the Skills breadcrumb", key="Shift+Tab")
    press_and_wait(session)
    tab_until(session, link("Your gaps from your latest self-assessment"), "the gaps link")
    press_and_wait(session)
    tab_until(session, link("Download the self-assessment and development plan (PDF)"), "the PDF link")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == f"self-assessment-{assessment.started_on:%Y-%m-%d}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    pdf = saved.read_bytes()
    assert pdf.startswith(b"%PDF")
    if has_pdftotext():
        text = " ".join(pdf_text(pdf, layout=False).split())
        for expected in (
            "1.1 Literature searching",
            "Appraisal is my focus this year.",
            "Take the literature searching course",
        ):
            assert expected in text, expected

    assert not axe.reports, "\n".join(axe.reports)
    assert len(axe.pages) == 12
    assert not session.watcher.page_errors, session.watcher.page_errors
    assert not session.watcher.csp_messages(), session.watcher.csp_messages()
