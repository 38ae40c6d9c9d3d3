"""The queue's pages with errors, in headless Chromium: the suggest form sent empty, the duplicate
warning, and a decline without a reason. axe (WCAG 2.2 AA) on each, and the error summary links
to its fields."""

import pytest

from lksworkforce.learning.models import Suggestion
from lksworkforce.learning.vocabulary import SuggestionKind
from tests.browser.conftest import Session, format_violations
from tests.browser_fixtures import OpenSession
from tests.conftest import World
from tests.learning.pages_queue import _walk_items

pytestmark = pytest.mark.browser


def no_violations(session: Session, what: str) -> None:
    violations = session.axe_violations()
    assert not violations, format_violations(what, violations)


def test_the_suggest_form_with_errors_and_with_a_look_alike(live_world: World, open_session: OpenSession) -> None:
    _walk_items(live_world)
    session = open_session()
    session.sign_in(live_world.staff.email)
    page = session.goto("/learning/suggest/")
    page.get_by_role("button", name="Send your suggestion").click()
    page.wait_for_load_state("load")
    summary = page.locator(".nhsuk-error-summary")
    assert "Give the resource's title" in summary.inner_text()
    assert page.title().startswith("Error: ")
    no_violations(session, "suggest with errors")
    page.get_by_label("Title of the resource").fill("Walk: appraising evidence")
    page.get_by_label("Web address").fill("https://learning.example.invalid/walk-appraising/")
    page.get_by_label("Kind of resource (for a new resource)").select_option("e_learning")
    page.get_by_role("button", name="Send your suggestion").click()
    page.wait_for_load_state("load")
    assert "This looks like Walk: appraising evidence already in the catalogue" in page.locator("main").inner_text()
    no_violations(session, "suggest with a look-alike")


def test_a_decline_without_a_reason(live_world: World, open_session: OpenSession) -> None:
    items = _walk_items(live_world)
    item = next(i for i in items if i.kind == SuggestionKind.NEW_RESOURCE)
    session = open_session()
    session.sign_in(live_world.curator.email)
    page = session.goto(f"/learning/queue/{item.pk}/")
    page.get_by_role("radio", name="Decline").check()
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_load_state("load")
    assert "Say why it is declined" in page.locator(".nhsuk-error-summary").inner_text()
    no_violations(session, "decline without a reason")
    assert Suggestion.objects.get(pk=item.pk).status == "waiting"
