"""The staffing pages that tests/browser/test_accessibility.py checks with axe, for each role."""

from tests.conftest import YEAR, World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    """(path, expected status) for a signed-in role (or "anonymous")."""
    if role == "anonymous":
        return []
    user = world.by_role(role)
    assert user is not None
    region = "Y62" if role in {"regional_lead", "curator"} else "Y56"
    organisation = user.organisation.ods_code if user.organisation else world.london_a.ods_code
    pages = [
        ("/staffing/", 200),
        (f"/staffing/regions/{region}/", 200),
        (f"/staffing/organisations/{organisation}/", 200),
        (f"/staffing/organisations/{organisation}/?growth=abc&target_year=1", 200),  # the form's errors
        ("/staffing/policy/", 200),
        ("/staffing/import/", 200 if role == "national_team" else 403),
    ]
    overseen = {"service_manager": "RAA", "regional_lead": "RBA", "national_team": "RAA"}.get(role)
    if overseen:
        pages += [
            (f"/staffing/organisations/{overseen}/returns/", 200),
            (f"/staffing/organisations/{overseen}/returns/{YEAR}/", 200),
        ]
    return pages
