"""Programmes pages in the browser walk (axe, CSP, fonts): feedback. A national cohort that has ended,
on which the staff member has a place and a follow-up: they see the reaction and follow-up forms;
the national team sees the cohort's and the programme's reports."""

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tests.conftest import World

if TYPE_CHECKING:
    from lksworkforce.programmes.models import Cohort


def _cohort(world: World) -> "Cohort":
    from lksworkforce.programmes.models import Cohort, Enrolment, FollowUp, Programme, Session

    programme, _ = Programme.objects.get_or_create(
        key="browser-feedback", defaults={"title": "Browser feedback programme", "kind": "skills", "delivery": "online"}
    )
    cohort, created = Cohort.objects.get_or_create(
        programme=programme,
        name="Browser feedback cohort",
        defaults={"starts_on": date(2026, 3, 2), "ends_on": date(2026, 6, 26), "capacity": 20},
    )
    if created:
        Session.objects.create(
            cohort=cohort,
            title="Last session",
            starts_at=datetime(2026, 6, 26, 9, tzinfo=UTC),
            ends_at=datetime(2026, 6, 26, 12, tzinfo=UTC),
        )
        place = Enrolment.objects.create(
            cohort=cohort, person=world.staff, enrolled_at=datetime(2026, 2, 1, tzinfo=UTC)
        )
        FollowUp.objects.create(enrolment=place, due_on=date(2026, 9, 26))
    return cohort


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    cohort = _cohort(world)
    pages: list[tuple[str, int]] = []
    if role == "staff":
        pages += [
            (f"/programmes/cohorts/{cohort.pk}/feedback/", 200),
            (f"/programmes/cohorts/{cohort.pk}/follow-up/", 200),
        ]
    if role == "national_team":
        pages += [
            (f"/programmes/cohorts/{cohort.pk}/feedback/report/", 200),
            ("/programmes/programme/browser-feedback/feedback/", 200),
        ]
    return pages
