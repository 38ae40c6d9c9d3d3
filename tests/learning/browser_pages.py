"""The learning pages in the browser walk, for each role: each part's pages (pages_<part>.py)."""

from tests.conftest import World
from tests.learning import (
    pages_catalogue,
    pages_coverage,
    pages_exchange,
    pages_queue,
    pages_recommendations,
    pages_records,
    pages_search,
    pages_sheets,
)

PARTS = (
    pages_catalogue,
    pages_sheets,
    pages_search,
    pages_queue,
    pages_exchange,
    pages_records,
    pages_recommendations,
    pages_coverage,
)


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    return [page for part in PARTS for page in part.browser_pages(role, world)]
