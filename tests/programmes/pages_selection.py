"""Programmes pages in the browser walk (axe, CSP, fonts): selection."""

from tests.conftest import YEAR, World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    del world
    if role not in ("regional_lead", "national_team"):
        return []
    return [
        ("/programmes/fair-shares/", 200),
        (f"/programmes/fair-shares/?places=30&year={YEAR}&min_per_region=1", 200),
        ("/programmes/fair-shares/?places=0&year=20x6", 200),  # the errors, summarised
    ]
