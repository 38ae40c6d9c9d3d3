"""The browser fixtures (tests/browser/conftest.py), for the survey form's keyboard test here."""

from tests.browser.conftest import axe_source, browser, live_world, open_session

__all__ = ["axe_source", "browser", "live_world", "open_session"]
