"""The pages the browser walk (test_accessibility.py) visits: `browser_pages(role, world)` in each
capability's `<tests>.browser_pages` module (lksworkforce/core/capability.py), in INSTALLED_APPS order."""

from collections.abc import Callable

from lksworkforce.core.capability import capabilities, optional_module
from tests.conftest import World

type BrowserPages = Callable[[str, World], list[tuple[str, int]]]


def discovered_browser_pages() -> list[BrowserPages]:
    found: list[BrowserPages] = []
    for capability in capabilities():
        module = optional_module(f"{capability.tests}.browser_pages") if capability.tests else None
        if module is not None:
            found.append(getattr(module, "browser_pages"))  # noqa: B009 - a module found by name
    return found
