"""Programmes pages in the browser walk (axe, CSP, fonts): setup. A North West cohort with a session
and a group project (the staff member has a place and is in the group), so every role sees the
programmes home, the programme, the cohort and their calendar; the runners see the forms."""

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tests.conftest import World

if TYPE_CHECKING:
    from lksworkforce.programmes.models import Cohort

RUNNERS = {"regional_lead", "national_team"}


def _cohort(world: World) -> "Cohort":
    from lksworkforce.organisations.models import Region
    from lksworkforce.programmes.models import Cohort, Enrolment, GroupProject, Programme, Session

    programme, _ = Programme.objects.get_or_create(
        key="browser-walk",
        defaults={"title": "Browser walk programme", "kind": "skills", "delivery": "blended",
                  "description": "Synthetic.", "completion_sessions": 3, "completion_needs_project": True},
    )  # fmt: skip
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name="Browser walk cohort",
        defaults={"region": Region.objects.current().get(code="Y62"), "starts_on": date(2026, 3, 2),
                  "ends_on": date(2026, 6, 26), "capacity": 20, "applications_open_on": date(2026, 1, 5),
                  "applications_close_on": date(2026, 2, 6)},
    )  # fmt: skip
    Session.objects.get_or_create(
        cohort=cohort,
        title="Workshop",
        defaults={"starts_at": datetime(2026, 3, 2, 9, 30, tzinfo=UTC), "ends_at": datetime(2026, 3, 2, 16, tzinfo=UTC),
                  "place": "Room 2", "online_link": "https://example.org/join", "preparation": "Bring a question"},
    )  # fmt: skip
    Enrolment.objects.get_or_create(
        cohort=cohort, person=world.staff, defaults={"enrolled_at": datetime(2026, 2, 20, tzinfo=UTC)}
    )
    project, _ = GroupProject.objects.get_or_create(
        cohort=cohort, name="Group Kestrel", defaults={"topic": "Searching grey literature"}
    )
    project.members.add(world.staff)
    return cohort


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    cohort = _cohort(world)
    pages = [
        ("/programmes/", 200),
        ("/programmes/programme/browser-walk/", 200),
        (f"/programmes/cohorts/{cohort.pk}/", 200),
        ("/programmes/calendar/", 200),
    ]
    if role in RUNNERS:
        session = cohort.sessions.first()
        project = cohort.group_projects.first()
        assert session is not None
        assert project is not None
        pages += [
            ("/programmes/programme/browser-walk/cohorts/new/", 200),
            (f"/programmes/cohorts/{cohort.pk}/edit/", 200),
            (f"/programmes/cohorts/{cohort.pk}/sessions/new/", 200),
            (f"/programmes/sessions/{session.pk}/edit/", 200),
            (f"/programmes/cohorts/{cohort.pk}/projects/new/", 200),
            (f"/programmes/projects/{project.pk}/edit/", 200),
        ]
    if role == "national_team":
        pages += [("/programmes/new/", 200), ("/programmes/programme/browser-walk/edit/", 200)]
    return pages
