"""Keyboard use: the skip link comes first and works, and signing in needs no mouse."""

from typing import Any

import pytest

from tests.browser.conftest import Session
from tests.browser_fixtures import OpenSession
from tests.conftest import World
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

MAX_TABS = 40


def focused(session: Session) -> dict[str, Any]:
    description: dict[str, Any] = session.page.evaluate(
        """() => {
            const e = document.activeElement;
            return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, text: (e.innerText || "").trim(),
                    href: e.getAttribute("href"), type: e.getAttribute("type")};
        }"""
    )
    return description


def tab_until(session: Session, matches: Any, what: str) -> None:
    seen = []
    for _ in range(MAX_TABS):
        session.page.keyboard.press("Tab")
        current = focused(session)
        if matches(current):
            return
        seen.append(current)
    raise AssertionError(f"Tab never reached {what}; focus went through {seen}")


def test_skip_link_is_first_and_moves_focus_to_main(live_world: World, open_session: OpenSession) -> None:
    session: Session = open_session()
    page = session.goto("/sign-in/")
    page.wait_for_selector(".nhsuk-skip-link[data-nhsuk-skip-link-init]", state="attached")
    page.keyboard.press("Tab")
    first = focused(session)
    assert "nhsuk-skip-link" in first["cls"], f"first Tab stop is not the skip link: {first}"
    assert first["href"] == "#maincontent"
    assert first["text"] == "Skip to main content"
    # Visible when focused (WCAG 2.4.7 / 2.4.11): not clipped away off screen.
    box = page.locator(".nhsuk-skip-link").bounding_box()
    assert box is not None
    assert box["width"] > 1
    assert box["height"] > 1
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'maincontent'")
    # The next Tab continues from the main content, not the header.
    page.keyboard.press("Tab")
    after = focused(session)
    assert page.evaluate("() => document.getElementById('maincontent').contains(document.activeElement)"), after


def test_sign_in_with_the_keyboard_only(live_world: World, open_session: OpenSession) -> None:
    session: Session = open_session()
    page = session.goto("/sign-in/")
    tab_until(session, lambda e: e["id"] == "id_username", "the email address field")
    page.keyboard.type(live_world.manager.email)
    tab_until(session, lambda e: e["id"] == "id_password", "the password field")
    page.keyboard.type(TEST_PASSWORD)
    tab_until(session, lambda e: e["tag"] == "button" and e["text"] == "Sign in", "the Sign in button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.url.rstrip("/") == session.base_url, page.url
    assert page.get_by_role("link", name="Sign out").count() >= 1
    assert live_world.manager.full_name in page.locator("header").inner_text()
