"""Learning pages in the browser walk (axe, CSP, fonts): the learning record.

Each signed-in role has a record of their own (with sub-areas, reflection and evidence); Sam Staff's
is shared with RAA's manager; last year's learning by enough people gives the aggregates page
shown and suppressed cells."""

from datetime import date
from typing import TYPE_CHECKING

from tests.conftest import World

if TYPE_CHECKING:
    from lksworkforce.accounts.models import User

OVERSEERS = {"service_manager", "regional_lead", "national_team"}


def _own_record(person: "User") -> int:
    from lksworkforce.learning.models import LearningRecord

    found, _created = LearningRecord.objects.get_or_create(
        person=person,
        title="Browser walk: appraisal webinar",
        defaults={
            "done_on": date(2026, 3, 2),
            "minutes": 90,
            "learnt": "How to read a forest plot",
            "will_do_differently": "Check the confidence intervals first",
            "evidence_links": ["https://example.org/certificate"],
            "shared_with_manager": True,
            "organisation": person.organisation,
            "band": person.band or "",
        },
    )
    return found.pk


def _last_years_learning(world: World) -> None:
    from django.utils import timezone

    from lksworkforce.learning.models import LearningRecord
    from tests.factories import UserFactory

    if LearningRecord.objects.filter(title="Browser walk: last year").exists():
        return
    last_year = timezone.localdate().year - 1
    for number, (organisation, band) in enumerate(
        [(world.london_a, "6")] * 6 + [(world.london_a, "3")] * 2 + [(world.london_b, "6")] * 5
        + [(world.north_west, "7")] * 6
    ):  # fmt: skip
        person = UserFactory.create(
            email=f"browser-learner-{number}@example.nhs.uk", organisation=organisation, band=band
        )
        LearningRecord.objects.create(
            person=person,
            title="Browser walk: last year",
            done_on=date(last_year, 5, 1),
            minutes=60,
            organisation=organisation,
            band=band,
        )


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    person = world.by_role(role)
    if person is None:
        return []
    _last_years_learning(world)
    own = _own_record(person)
    pages = [
        ("/learning/records/", 200),
        ("/learning/records/new/", 200),
        (f"/learning/records/{own}/", 200),
        (f"/learning/records/{own}/edit/", 200),
        ("/learning/records/shared/", 200),
        ("/learning/records/cpd/", 200),
    ]
    if role == "service_manager":
        pages.append((f"/learning/records/{_own_record(world.staff)}/", 200))
    if role in OVERSEERS:
        pages.append(("/learning/records/aggregates/", 200))
    return pages
