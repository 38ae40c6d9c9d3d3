"""The surveys pages that tests/browser/test_accessibility.py checks with axe, for each role."""

from tests.conftest import World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    """(path, expected status) for a signed-in role (or "anonymous"); may create the data they show."""
    return []
