"""Programmes pages in the browser walk (axe, CSP, fonts): certificates."""

from tests.conftest import World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    return []
