"""Programmes pages in the browser walk (axe, CSP, fonts): attendance. A North West cohort with a
session held and one still to come; the staff member has a place (with a mark) and facilitates the
session held, so they see their own attendance and take that session's register; the region's lead
and the national team, who run the cohort, see every register, the cohort's register and its import."""

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from tests.conftest import World

if TYPE_CHECKING:
    from lksworkforce.programmes.models import Cohort, Session

RUNNERS = {"regional_lead", "national_team"}


def _cohort(world: World) -> tuple["Cohort", "Session", "Session"]:
    from lksworkforce.organisations.models import Region
    from lksworkforce.programmes.models import Cohort, Enrolment, Programme, Session, SessionAttendance

    today = timezone.localdate()
    programme, _ = Programme.objects.get_or_create(
        key="browser-walk-register",
        defaults={"title": "Browser walk register", "kind": "skills", "delivery": "online",
                  "description": "Synthetic.", "completion_sessions": 1},
    )  # fmt: skip
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name="Browser walk register cohort",
        defaults={"region": Region.objects.current().get(code="Y62"), "starts_on": date(2026, 3, 2),
                  "ends_on": today + timedelta(days=60), "capacity": 20},
    )  # fmt: skip
    held, _ = Session.objects.get_or_create(
        cohort=cohort,
        title="Held workshop",
        defaults={
            "starts_at": datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
            "ends_at": datetime(2026, 3, 2, 12, tzinfo=UTC),
        },
    )
    coming = datetime.combine(today + timedelta(days=30), time(9, 30), UTC)
    to_come, _ = Session.objects.get_or_create(
        cohort=cohort,
        title="Workshop to come",
        defaults={"starts_at": coming, "ends_at": coming + timedelta(hours=3)},
    )
    held.facilitators.add(world.staff)
    place, _ = Enrolment.objects.get_or_create(
        cohort=cohort, person=world.staff, defaults={"enrolled_at": datetime(2026, 2, 20, tzinfo=UTC)}
    )
    Enrolment.objects.get_or_create(
        cohort=cohort,
        person=world.colleague,
        defaults={"enrolled_at": datetime(2026, 2, 20, tzinfo=UTC), "organisation": world.colleague.organisation},
    )
    SessionAttendance.objects.get_or_create(session=held, enrolment=place, defaults={"status": "present"})
    return cohort, held, to_come


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    cohort, held, to_come = _cohort(world)
    pages = [("/programmes/attendance/", 200)]
    if role == "staff":
        pages += [(f"/programmes/sessions/{held.pk}/attendance/", 200)]
    if role in RUNNERS:
        pages += [
            (f"/programmes/sessions/{held.pk}/attendance/", 200),
            (f"/programmes/sessions/{to_come.pk}/attendance/", 200),
            (f"/programmes/cohorts/{cohort.pk}/attendance/", 200),
            (f"/programmes/cohorts/{cohort.pk}/attendance/import/", 200),
        ]
    return pages
