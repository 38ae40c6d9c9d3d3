"""Programmes pages in the browser walk (axe, CSP, fonts): setup."""

from tests.conftest import World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    return [("/programmes/", 200)]
