"""Core's pages that tests/browser/test_accessibility.py checks with axe, for each role."""

from tests.conftest import World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    """(path, expected status) for a role (or "anonymous")."""
    public = [("/", 200), ("/accessibility/", 200), ("/privacy/", 200), ("/no-such-page/", 404)]
    return public if role == "anonymous" else [*public, ("/policy/suppression/", 200)]
