"""The skills pages that tests/browser/test_accessibility.py checks with axe, for each role.

Each signed-in role has its own self-assessments (two finished, for history and gaps; one in
progress, for the area form and the finish page) and a plan action. Roll-ups have enough people
that some cells show figures and some are suppressed ("fewer than 5"). The area form and the finish
and plan forms with errors (which need a POST) are walked, with axe on every page, by keyboard in
tests/skills/test_keyboard.py."""

from datetime import date
from typing import TYPE_CHECKING

from tests.conftest import World

if TYPE_CHECKING:  # the models are imported where they are used, once Django is set up
    from lksworkforce.accounts.models import User
    from lksworkforce.skills.models import Framework

# Band, role: people added to each organisation so that roll-ups have shown and suppressed cells.
TEAMS = {
    "RAA": [("3", "clinical-librarian")] * 3 + [("6", "clinical-librarian")] * 5 + [("7", "knowledge-manager")] * 3,
    "RBA": [("6", "clinical-librarian")] * 3,
}


def _build_teams(world: World, framework: "Framework") -> None:
    from lksworkforce.skills.models import Assessment
    from tests.factories import UserFactory
    from tests.skills.conftest import take_assessment

    if Assessment.objects.filter(person__email__startswith="browser-team-").exists():
        return
    organisations = {"RAA": world.london_a, "RBA": world.north_west}
    number = 0
    for code, members in TEAMS.items():
        for band, role in members:
            number += 1
            person = UserFactory.create(
                email=f"browser-team-{number}@example.nhs.uk", organisation=organisations[code], band=band
            )
            current = number % 4
            ratings = {n: (current, min(4, current + number % 3)) for n in ("1.1", "1.2", "2.1", "3.1")}
            take_assessment(person, framework, ratings, role=role, share=True)


def _own_pages(person: "User", framework: "Framework") -> list[tuple[str, int]]:
    """The person's finished assessments (history, gaps), one in progress, and a plan action."""
    from lksworkforce.skills import services
    from lksworkforce.skills.models import Assessment
    from tests.skills.conftest import sub, take_assessment

    take_assessment(
        person,
        framework,
        {"1.1": (1, 3, "high"), "2.1": (2, 2)},
        role="clinical-librarian",
        completed_on=date(2024, 5, 1),
    )
    take_assessment(
        person,
        framework,
        {"1.1": (2, 3, "high"), "1.2": (0, 2), "2.1": (2, 3, "low"), "2.2": (3, 3), "3.1": (1, 2)},
        role="clinical-librarian",
        reflection="Searching and appraisal first.",
        share=True,
        completed_on=date(2025, 5, 1),
    )
    latest = Assessment.objects.get(person=person, is_latest=True)
    unfinished = take_assessment(person, framework, {"1.1": (3, 4, "medium")}, finish=False)
    action = services.plan_action_save(
        person=person,
        entry=services.ActionInput(
            kind="learn",
            description="Take the literature searching course",
            sub_areas=[sub(framework, "1.1")],
            due_on=date(2027, 3, 31),
            resource_url="https://learning.example.org/searching",
        ),
    )
    return [
        ("/skills/", 200),
        ("/skills/frameworks/", 200),
        (f"/skills/frameworks/{framework.key}/", 200),
        (f"/skills/assessments/{unfinished.pk}/", 200),
        (f"/skills/assessments/{unfinished.pk}/areas/1/", 200),
        (f"/skills/assessments/{unfinished.pk}/areas/3/", 200),
        (f"/skills/assessments/{unfinished.pk}/finish/", 200),
        (f"/skills/assessments/{latest.pk}/", 200),
        (f"/skills/assessments/{latest.pk}/gaps/", 200),
        ("/skills/history/", 200),
        ("/skills/plan/", 200),
        (f"/skills/plan/{action.pk}/", 200),
    ]


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    """(path, expected status) for a signed-in role (or "anonymous"); may create the data they show."""
    if role == "anonymous":
        return []
    from lksworkforce.skills.models import Assessment
    from tests.skills.conftest import load_framework

    framework = load_framework()
    _build_teams(world, framework)
    user = world.by_role(role)
    assert user is not None
    pages = _own_pages(user, framework)
    rollups = [
        "?level=area&by=band_group",
        "?level=sub_area&by=role",
    ]
    if role == "service_manager":
        if not Assessment.objects.filter(person=world.staff, is_latest=True).exists():
            _own_pages(world.staff, framework)
        shared = Assessment.objects.get(person=world.staff, is_latest=True)
        pages += [(f"/skills/rollups/organisations/RAA/{q}", 200) for q in rollups]
        pages += [
            ("/skills/teams/RAA/shared/", 200),
            (f"/skills/assessments/{shared.pk}/", 200),  # as the manager sees what Sam shared
            (f"/skills/assessments/{shared.pk}/gaps/", 200),
            ("/skills/rollups/", 200),
        ]
    elif role == "regional_lead":
        pages += [
            ("/skills/rollups/regions/Y62/", 200),  # a region with fewer than 5: nothing shown
            ("/skills/rollups/organisations/RBA/?by=role", 200),
            ("/skills/rollups/", 200),
        ]
    elif role == "national_team":
        pages += [(f"/skills/rollups/{q}", 200) for q in rollups]
        pages += [
            ("/skills/rollups/?by=region", 200),
            ("/skills/rollups/regions/Y56/?by=organisation", 200),
            ("/skills/rollups/organisations/RAA/?level=sub_area&by=role", 200),
        ]
    return pages
