"""Learning pages in the browser walk (axe, CSP, fonts): coverage, for curators and the national team."""

from tests.conftest import World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role in ("national_team", "curator"):
        return [("/learning/coverage/", 200), ("/learning/coverage/?min_resources=5", 200)]
    if role == "anonymous":
        return []
    return [("/learning/coverage/", 403)]
