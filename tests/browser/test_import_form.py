"""The organisations import form in the browser: its errors are shown accessibly."""

from typing import Any

import pytest

from tests.browser.conftest import Session, format_violations
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_import_form_errors_are_accessible(live_world: World, open_session: Any) -> None:
    """The file upload (enhanced by the design system's script) with an error message still passes axe."""
    session: Session = open_session()
    session.sign_in(live_world.national.email)
    page = session.goto("/organisations/import/")
    page.get_by_label("Year the regions apply to").fill("")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Import").click()
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert page.locator(".nhsuk-error-message").count() >= 1
    violations = session.axe_violations()
    assert not violations, format_violations("/organisations/import/ with errors", violations)
