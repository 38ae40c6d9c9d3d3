"""Programmes pages in the browser walk (axe, CSP, fonts): equity. The dashboard, for those who may
see it (regional leads and the national team)."""

from tests.conftest import World

VIEWERS = ("regional_lead", "national_team")


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    del world
    return [("/programmes/equity/", 200)] if role in VIEWERS else []
