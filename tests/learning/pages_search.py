"""Learning pages in the browser walk (axe, CSP, fonts): search, with results and facets, a
corrected search, and one that finds nothing."""

from tests.conftest import World
from tests.learning.routes_catalogue import prepare


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    prepare(world)  # a published resource, so the results and facets have something to show
    return [
        ("/learning/search/", 200),
        ("/learning/search/?q=matrix+resorce&kind=e_learning", 200),
        ("/learning/search/?q=nothing+like+it&cost=paid", 200),
    ]
