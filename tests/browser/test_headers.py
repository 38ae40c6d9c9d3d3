"""The browser understands the permissions policy: every feature listed is known to it, and denied."""

import pytest

from tests.browser.conftest import Session
from tests.browser_fixtures import OpenSession
from tests.conftest import World


@pytest.mark.browser
def test_the_browser_denies_device_features_and_reports_no_unknown_ones(
    live_world: World, open_session: OpenSession
) -> None:
    session: Session = open_session()
    session.sign_in(live_world.staff.email)
    page = session.goto("/profile/")
    allowed = page.evaluate(
        """() => ["camera", "microphone", "geolocation", "payment", "usb"].filter(
            (feature) => document.featurePolicy.allowsFeature(feature))"""
    )
    assert allowed == []
    complaints = [m for m in session.watcher.console if "permissions" in m.lower() and "policy" in m.lower()]
    assert complaints == [], complaints
