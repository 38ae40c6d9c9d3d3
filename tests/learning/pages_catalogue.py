"""Learning pages in the browser walk (axe, CSP, fonts): the catalogue."""

from tests.conftest import World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    return [("/learning/", 200)]
