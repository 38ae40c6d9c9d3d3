"""The organisations and regions pages that tests/browser/test_accessibility.py checks with axe."""

from tests.conftest import World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    """(path, expected status) for a signed-in role (or "anonymous")."""
    if role == "anonymous":
        return []
    user = world.by_role(role)
    assert user is not None
    region = "Y62" if role in {"regional_lead", "curator"} else "Y56"
    organisation = user.organisation.ods_code if user.organisation else world.london_a.ods_code
    return [
        ("/organisations/", 200),
        ("/organisations/?q=trust&type=acute", 200),
        (f"/organisations/{organisation}/", 200),
        ("/regions/", 200),
        (f"/regions/nhse-regions/{region}/", 200),
        ("/organisations/import/", 200 if role == "national_team" else 403),
    ]
