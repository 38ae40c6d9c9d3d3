"""Every main page, as each role, signed in through the real form: no axe (WCAG 2.2 AA) violations,
no Content Security Policy violations, no script errors, and the static files load."""

import pytest

from lksworkforce.config.api import api
from tests.browser.conftest import Session, format_violations
from tests.browser.pages import discovered_browser_pages
from tests.browser_fixtures import OpenSession
from tests.conftest import ROLES, World

pytestmark = pytest.mark.browser

# The NHS font stack (nhsuk-service.scss): Frutiger where the computer has it, Arial otherwise.
NHS_FONT_FAMILY = '"Frutiger W01", frutiger, arial, sans-serif'


def pages_for(role: str, world: World) -> list[tuple[str, int]]:
    """(path, expected status) for the pages a role reaches from the navigation, footer and links:
    every capability's `<tests>.browser_pages` (tests/browser/pages.py), in INSTALLED_APPS order."""
    return [page for pages in discovered_browser_pages() for page in pages(role, world)]


def check_pages(session: Session, pages: list[tuple[str, int]], subtests: pytest.Subtests) -> None:
    """One subtest per page for axe, then one for CSP and one for script errors and static files,
    so that a single cause (say, a CSP gap) does not hide the others."""
    csp_reported: list[str] = []
    for path, status in pages:
        with subtests.test(msg=f"axe {path}"):
            session.goto(path, status)
            violations = session.axe_violations()
            assert not violations, format_violations(path, violations)
        with subtests.test(msg=f"font {path}"):
            for element in ("body", "h1", "main p, main td, main li"):
                family = session.page.evaluate(
                    "selector => { const e = document.querySelector(selector);"
                    " return e ? getComputedStyle(e).fontFamily : null; }",
                    element,
                )
                assert family in {NHS_FONT_FAMILY, None}, f"{path}: {element} is in {family}"
            assert session.page.evaluate("getComputedStyle(document.body).fontFamily") == NHS_FONT_FAMILY
        csp_reported += [f"{path}: {v}" for v in session.page_csp_violations()]
    watcher = session.watcher
    with subtests.test(msg="no Content Security Policy violations"):
        messages = watcher.csp_messages()
        report = "\n".join(
            ["Console messages about Content Security Policy:", *messages, "Reported by the pages:", *csp_reported]
        )
        assert not messages, report
        assert not csp_reported, report
    with subtests.test(msg="no script errors, static files load"):
        assert not watcher.page_errors, "Uncaught script errors:\n  " + "\n  ".join(watcher.page_errors)
        assert not watcher.failed_static, "Static files that did not load:\n  " + "\n  ".join(watcher.failed_static)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_accessible(
    role: str, live_world: World, open_session: OpenSession, subtests: pytest.Subtests
) -> None:
    session: Session = open_session()
    user = live_world.by_role(role)
    if user is not None:
        session.sign_in(user.email)
        assert session.page.get_by_role("link", name="Sign out").count() >= 1
    check_pages(session, pages_for(role, live_world), subtests)


def test_sign_in_errors_are_summarised_and_accessible(live_world: World, open_session: OpenSession) -> None:
    session: Session = open_session()
    page = session.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "There is a problem" in summary.inner_text()
    assert "Enter your email address" in summary.inner_text()
    assert "Enter your password" in summary.inner_text()
    assert page.title().startswith("Error: ")
    # Each summary entry links to its field.
    hrefs = summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert set(hrefs) >= {"#id_username", "#id_password"}, hrefs
    # The design system's script focuses the summary so screen readers announce it.
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('.nhsuk-error-summary')")
    violations = session.axe_violations()
    assert not violations, format_violations("/sign-in/ with errors", violations)
    assert not session.watcher.csp_messages(), session.watcher.csp_messages()


def test_wrong_password_is_reported_accessibly(live_world: World, open_session: OpenSession) -> None:
    session: Session = open_session()
    page = session.goto("/sign-in/")
    page.get_by_label("Email address").fill(live_world.staff.email)
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
    assert "/sign-in/" in page.url
    assert "Enter a correct email address and password" in page.locator("main").inner_text()
    violations = session.axe_violations()
    assert not violations, format_violations("/sign-in/ after a wrong password", violations)


def test_no_content_security_policy_violations(live_world: World, open_session: OpenSession) -> None:
    """The design system's module script and stylesheets load under the strict CSP, with nothing refused."""
    session: Session = open_session()
    page = session.goto("/sign-in/")
    # The nonce'd module script ran: the design system marks each component it initialises.
    page.wait_for_selector(".nhsuk-skip-link[data-nhsuk-skip-link-init]", state="attached")
    session.sign_in(live_world.national.email)
    session.goto("/")
    messages = session.watcher.csp_messages() + session.page_csp_violations()
    assert not messages, "\n".join(messages)
    assert not session.watcher.page_errors, session.watcher.page_errors


def test_api_documentation_is_accessible(live_world: World, open_session: OpenSession) -> None:
    session: Session = open_session()
    session.sign_in(live_world.national.email)
    page = session.goto("/api/v1/docs")
    # The service's own reference page (core/api_reference.py): every operation, without script.
    first_get = next(path for path, operations in api.get_openapi_schema()["paths"].items() if "get" in operations)
    assert page.get_by_role("heading", name=f"GET {first_get}", exact=True).count() == 1
    assert page.get_by_role("link", name="OpenAPI schema (openapi.json)").count() == 1
    violations = session.axe_violations()
    assert not violations, format_violations("/api/v1/docs", violations)
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family == NHS_FONT_FAMILY


def test_making_and_revoking_an_api_token_is_accessible(live_world: World, open_session: OpenSession) -> None:
    """The token form with an error, the page that shows the secret once, and the profile's table of
    tokens with its revoke buttons all pass axe."""
    session: Session = open_session()
    session.sign_in(live_world.staff.email)
    page = session.goto("/profile/")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Make API token").click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert not (violations := session.axe_violations()), format_violations("token form with errors", violations)
    page.get_by_label("What the token is for").fill("Monthly report")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Make API token").click()
    assert page.locator("#api-token-secret").inner_text().startswith("lksw_")
    assert not (violations := session.axe_violations()), format_violations("new token page", violations)
    page = session.goto("/profile/")
    assert page.get_by_role("cell", name="Monthly report", exact=True).count() == 1
    assert not (violations := session.axe_violations()), format_violations("/profile/ with a token", violations)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Revoke Monthly report").click()
    assert "revoked" in page.locator("main").inner_text()
    assert not (violations := session.axe_violations()), format_violations("/profile/ after revoking", violations)
