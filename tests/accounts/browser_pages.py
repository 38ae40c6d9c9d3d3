"""The accounts pages that tests/browser/test_accessibility.py checks with axe: signing in and
password resets, profiles, people and subject access."""

from tests.conftest import World

OVERSEES_PEOPLE = {"service_manager", "regional_lead", "national_team"}


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    """(path, expected status) for a signed-in role (or "anonymous")."""
    if role == "anonymous":
        return [("/sign-in/", 200), ("/password-reset/", 200), ("/password-reset/sent/", 200)]
    user = world.by_role(role)
    assert user is not None
    pages = [("/profile/", 200), (f"/people/{user.pk}/personal-data/", 200), ("/sign-out/", 200)]
    if role in OVERSEES_PEOPLE:
        someone = world.curator if role == "regional_lead" else world.staff
        pages += [("/people/", 200), (f"/people/{someone.pk}/", 200)]
        if role == "national_team":
            pages.append((f"/people/{someone.pk}/personal-data/", 200))
    else:
        pages.append(("/people/", 403))
    return pages
