"""The coverage page with its figures filled in, in a browser: no axe violations, and a curator puts
the needs with nothing on offer on the queue with the keyboard."""

from pathlib import Path

import pytest

from lksworkforce.learning.models import Suggestion
from lksworkforce.learning.vocabulary import SuggestionKind
from tests.browser.conftest import Session, format_violations
from tests.browser_fixtures import OpenSession
from tests.conftest import World
from tests.learning.coverage_world import closed_survey_with_needs, resource

pytestmark = pytest.mark.browser


def test_the_filled_in_coverage_page_is_accessible_and_the_queue_button_works(
    live_world: World, open_session: OpenSession, tmp_path: Path
) -> None:
    sub_areas = closed_survey_with_needs(tmp_path)
    resource("Searching well", sub_areas["3.1"])
    resource("Appraisal for assistants", sub_areas["3.3"], band_from="2", band_to="4")
    session: Session = open_session()
    session.sign_in(live_world.curator.email)
    for path in ("/learning/coverage/", "/learning/coverage/?region=London&min_resources=1"):
        session.goto(path)
        violations = session.axe_violations()
        assert not violations, format_violations(path, violations)

    session.goto("/learning/coverage/")
    button = session.page.get_by_role("button", name="Put them on the curators' queue")
    button.focus()
    session.page.keyboard.press("Enter")
    session.page.wait_for_url("**/learning/coverage/?*")
    assert "1 need is now on the curators" in session.page.content()
    violations = session.axe_violations()
    assert not violations, format_violations("/learning/coverage/ after queueing", violations)
    assert Suggestion.objects.filter(kind=SuggestionKind.NO_OFFER).count() == 1
