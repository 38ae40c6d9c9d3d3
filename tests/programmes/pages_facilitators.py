"""Programmes pages in the browser walk (axe, CSP, fonts): facilitators. A North West training
event, a facilitator it trained and a session they ran, so the regional lead (North West) and the
national team see the register, a facilitator, the forms, the training events and the cascade;
nobody else sees these pages."""

from datetime import date
from typing import TYPE_CHECKING

from tests.conftest import World

if TYPE_CHECKING:
    from lksworkforce.programmes.models import Facilitator

RUNNERS = {"regional_lead", "national_team"}


def _facilitator(world: World) -> "Facilitator":
    from lksworkforce.organisations.models import Region
    from lksworkforce.programmes.models import FacilitatedSession, Facilitator, TrainingEvent

    region = Region.objects.current().get(code="Y62")
    event, _ = TrainingEvent.objects.get_or_create(
        title="Browser walk: set facilitators",
        defaults={"kind": "action_learning_sets", "held_on": date(2025, 3, 3), "region": region},
    )
    found, _ = Facilitator.objects.get_or_create(
        person=world.colleague,
        kind="action_learning_sets",
        defaults={"trained_on": date(2025, 3, 3), "trained_at": event, "region": region, "sessions_per_year": 4},
    )
    FacilitatedSession.objects.get_or_create(
        facilitator=found,
        title="Browser walk set",
        defaults={"held_on": date(2026, 4, 6), "people_reached": 7, "organisation": world.north_west},
    )
    return found


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role not in RUNNERS:
        return [("/programmes/facilitators/", 403)] if role != "anonymous" else []
    found = _facilitator(world)
    session = found.sessions.first()
    event = found.trained_at
    assert session is not None
    assert event is not None
    return [
        ("/programmes/facilitators/", 200),
        ("/programmes/facilitators/new/", 200),
        (f"/programmes/facilitators/{found.pk}/", 200),
        (f"/programmes/facilitators/{found.pk}/edit/", 200),
        (f"/programmes/facilitators/{found.pk}/sessions/new/", 200),
        (f"/programmes/facilitated-sessions/{session.pk}/edit/", 200),
        ("/programmes/training-events/", 200),
        ("/programmes/training-events/new/", 200),
        (f"/programmes/training-events/{event.pk}/edit/", 200),
        ("/programmes/cascade/", 200),
    ]
