"""The browser fixtures of tests/browser/conftest.py, for the survey form's keyboard test here.

Playwright's sync API allows one instance per thread. When tests/browser's session-wide browser is
already running (the whole suite with -m browser), the keyboard test uses it; otherwise it starts
its own the same way, for this module only, so that a later session-wide one can still start."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import Browser, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, axe_source, live_world, open_session

__all__ = ["axe_source", "browser", "live_world", "open_session"]


def _running_browser(request: pytest.FixtureRequest) -> Browser | None:
    by_node = getattr(request._fixturemanager, "_arg2node2fixturedefs", {}).get("browser", {})
    for definitions in by_node.values():
        for definition in definitions:
            cached = definition.cached_result
            if cached is not None and isinstance(cached[0], Browser) and cached[0].is_connected():
                return cached[0]
    return None


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest, django_db_setup: None) -> Iterator[Any]:
    running = _running_browser(request)
    if running is not None:
        yield running
        return
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium-headless-shell)")
    # As in tests/browser/conftest.py: keep the database connections the test database was set up on.
    originals = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in originals.items():
            connections[alias] = connection
        own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield own
        own.close()
