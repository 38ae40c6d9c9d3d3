"""The programmes pages in the browser walk, for each role: each part's pages (pages_<part>.py)."""

from tests.conftest import World
from tests.programmes import (
    pages_applications,
    pages_attendance,
    pages_certificates,
    pages_equity,
    pages_facilitators,
    pages_feedback,
    pages_selection,
    pages_setup,
)

PARTS = (
    pages_setup,
    pages_applications,
    pages_selection,
    pages_attendance,
    pages_certificates,
    pages_feedback,
    pages_facilitators,
    pages_equity,
)


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    return [page for part in PARTS for page in part.browser_pages(role, world)]
