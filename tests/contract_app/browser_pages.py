"""The test capability's page in the browser walk (axe, CSP, fonts), for each role."""

from tests.conftest import World

SEES_THE_PROBE = {"service_manager", "regional_lead", "national_team"}


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    return [("/contract-probe/", 200 if role in SEES_THE_PROBE else 403)]
