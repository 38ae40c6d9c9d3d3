"""Browser fixtures for every browser test in the suite (tests/browser and each app's keyboard
tests): one headless Chromium per test session, a live server, and axe-core. Registered once, in
tests/conftest.py, because Playwright's sync API allows one instance per thread."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.conftest import AXE_PATH, CHROMIUM, CHROMIUM_ARGS, CSP_LISTENER, Session, Watcher
from tests.conftest import YEAR, World
from tests.factories import publish_staffing_figures

# The open_session fixture: call it for a fresh browser context (one per role a test signs in as).
type OpenSession = Callable[[], Session]


@pytest.fixture(scope="session")
def browser(django_db_setup: None) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium-headless-shell)")
    # Between calls, Playwright's sync API marks its event loop as running in the main thread. Django
    # then keeps database connections per context rather than per thread, and would hand the tests
    # fresh connection objects: not the ones the test database was set up (and serialized) on, nor
    # the ones shared with the live server. Put the originals back once Playwright has started.
    originals = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in originals.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def live_world(browser: Browser, live_server: LiveServer, django_db_serialized_rollback: None, world: World) -> World:
    """The shared world, in a transactional database the live server can see.

    Serialized rollback restores the reference geographies and regions (loaded by a data migration)
    that a transactional test's flush would otherwise remove. Staffing figures are published for
    the world's organisations so that the staffing pages have a year to show.
    """
    publish_staffing_figures(world, YEAR)
    return world


@pytest.fixture
def open_session(browser: Browser, live_server: LiveServer, axe_source: str) -> Iterator[OpenSession]:
    """Factory for a fresh context per role; every context is closed at the end of the test."""
    contexts: list[BrowserContext] = []

    def make() -> Session:
        context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        watcher = Watcher()
        page = context.new_page()
        page.on("console", watcher.on_console)
        page.on("pageerror", lambda error: watcher.page_errors.append(str(error)))
        page.on("response", watcher.on_response)
        page.on("requestfailed", watcher.on_request_failed)
        return Session(context, page, live_server.url, axe_source, watcher)

    yield make
    for context in contexts:
        context.close()
