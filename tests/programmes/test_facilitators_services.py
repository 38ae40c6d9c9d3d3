"""The facilitator register's writes: what a regional lead may add and change (their own region's
only), the checks on what is sent, versions and audit."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lksworkforce.core.concurrency import MissingVersionError, StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes.models import FacilitatedSession, Facilitator, TrainingEvent
from lksworkforce.programmes.services import facilitators as services
from lksworkforce.programmes.vocabulary import FacilitationKind
from tests.conftest import World
from tests.factories import current_region
from tests.programmes.factories import ProgrammeFactory
from tests.programmes.factories_facilitators import FacilitatorFactory, TrainingEventFactory

ALS = FacilitationKind.ACTION_LEARNING_SETS.value


def _entry(**changes: object) -> services.FacilitatorEntry:
    values: dict[str, object] = {
        "person_email": "colleague@example.nhs.uk",
        "kind": ALS,
        "trained_on": date(2025, 3, 3),
        "region_id": current_region("Y62").pk,
        "sessions_per_year": 6,
        "trainer_email": "national@example.nhs.uk",
    }
    return services.FacilitatorEntry(**(values | changes))  # type: ignore[arg-type]


def _fields(rejected: pytest.ExceptionInfo[Rejected]) -> set[str | None]:
    return {p.field for p in rejected.value.problems}


def test_a_lead_adds_a_facilitator_in_their_region_and_it_is_audited(world: World) -> None:
    event = TrainingEventFactory.create()
    made = services.facilitator_create(actor=world.regional_lead, entry=_entry(event_id=event.pk))
    assert made.person == world.colleague
    assert made.trained_at == event
    assert made.trained_by == world.national
    assert made.edit_version == 1
    audit = AuditEvent.objects.get(action="programmes.facilitator_added")
    assert audit.actor_id == world.regional_lead.pk
    assert audit.changes["sessions_per_year"] == [None, 6]


def test_a_lead_cannot_add_one_to_another_region(world: World) -> None:
    with pytest.raises(Rejected) as refused:
        services.facilitator_create(actor=world.regional_lead, entry=_entry(region_id=current_region("Y56").pk))
    assert _fields(refused) == {"region"}
    assert not Facilitator.objects.exists()


def test_bad_input_is_refused_whole(world: World) -> None:
    with pytest.raises(Rejected) as refused:
        services.facilitator_create(
            actor=world.national,
            entry=_entry(
                person_email="nobody@example.nhs.uk",
                kind="juggling",
                trained_on=timezone.localdate() + timedelta(days=1),
                sessions_per_year=10_000,
                trainer_email="",
            ),
        )
    assert _fields(refused) == {"person", "kind", "trained_on", "sessions_per_year", "trained_at"}
    assert not Facilitator.objects.exists()


def test_a_programme_trainer_names_the_programme(world: World) -> None:
    with pytest.raises(Rejected) as refused:
        services.facilitator_create(actor=world.national, entry=_entry(kind=FacilitationKind.PROGRAMME_TRAINER.value))
    assert _fields(refused) == {"programme"}
    programme = ProgrammeFactory.create()
    made = services.facilitator_create(
        actor=world.national, entry=_entry(kind=FacilitationKind.PROGRAMME_TRAINER.value, programme_id=programme.pk)
    )
    assert made.programme == programme


def test_a_person_is_on_the_register_once_for_a_kind(world: World) -> None:
    services.facilitator_create(actor=world.national, entry=_entry())
    with pytest.raises(Rejected) as refused:
        services.facilitator_create(actor=world.national, entry=_entry())
    assert _fields(refused) == {"person"}


def test_a_regional_event_trains_its_own_region(world: World) -> None:
    london_event = TrainingEventFactory.create(region=current_region("Y56"))
    with pytest.raises(Rejected) as refused:
        services.facilitator_create(actor=world.national, entry=_entry(event_id=london_event.pk))
    assert _fields(refused) == {"trained_at"}
    with pytest.raises(Rejected) as refused:  # the lead cannot see London's event at all
        services.facilitator_create(actor=world.regional_lead, entry=_entry(event_id=london_event.pk))
    assert _fields(refused) == {"trained_at"}


def test_a_stale_change_is_refused_and_nothing_is_written(world: World) -> None:
    found = FacilitatorFactory.create(person=world.colleague)
    services.facilitator_change(
        actor=world.regional_lead, facilitator=found, entry=_entry(sessions_per_year=8), expected_version=1
    )
    with pytest.raises(StaleEdit) as stale:
        services.facilitator_change(
            actor=world.national, facilitator=found, entry=_entry(sessions_per_year=2, active=False), expected_version=1
        )
    assert {c.label for c in stale.value.changes} >= {"Sessions a year", "Active"}
    found.refresh_from_db()
    assert (found.sessions_per_year, found.active, found.edit_version) == (8, True, 2)
    assert AuditEvent.objects.filter(action="programmes.facilitator_changed").count() == 1
    with pytest.raises(MissingVersionError):
        services.facilitator_change(actor=world.national, facilitator=found, entry=_entry(), expected_version=None)


def test_a_lead_cannot_change_another_regions_facilitator(world: World) -> None:
    found = FacilitatorFactory.create(region=current_region("Y56"), trained_at=None, trained_by=world.national)
    with pytest.raises(PermissionDenied):
        services.facilitator_change(actor=world.regional_lead, facilitator=found, entry=_entry(), expected_version=1)
    with pytest.raises(PermissionDenied):
        services.session_add(
            actor=world.regional_lead,
            facilitator=found,
            entry=services.SessionEntry(held_on=date(2026, 4, 1), title="Set", people_reached=5),
        )


def test_staff_may_not_write(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.facilitator_create(actor=world.staff, entry=_entry())


def test_sessions_are_recorded_once_held_and_after_training(world: World) -> None:
    found = FacilitatorFactory.create(trained_on=date(2025, 3, 3))
    entry = services.SessionEntry(held_on=date(2026, 4, 1), title="Set 1", people_reached=6, organisation_code="rba")
    made = services.session_add(actor=world.regional_lead, facilitator=found, entry=entry)
    assert made.organisation == world.north_west
    for held_on, code, field in (
        (timezone.localdate() + timedelta(days=1), "", "held_on"),
        (date(2025, 1, 1), "", "held_on"),
        (date(2026, 4, 1), "ZZZ", "organisation"),
    ):
        bad = services.SessionEntry(held_on=held_on, title="Set", people_reached=6, organisation_code=code)
        with pytest.raises(Rejected) as refused:
            services.session_add(actor=world.regional_lead, facilitator=found, entry=bad)
        assert _fields(refused) == {field}
    with pytest.raises(Rejected) as refused:
        services.session_add(
            actor=world.regional_lead,
            facilitator=found,
            entry=services.SessionEntry(held_on=None, title="", people_reached=-1),
        )
    assert _fields(refused) == {"held_on", "title", "people_reached"}
    assert FacilitatedSession.objects.count() == 1
    changed = services.session_change(
        actor=world.regional_lead,
        session=made,
        entry=services.SessionEntry(held_on=date(2026, 4, 2), title="Set 1", people_reached=9),
        expected_version=1,
    )
    assert (changed.people_reached, changed.organisation, changed.edit_version) == (9, None, 2)
    with pytest.raises(StaleEdit):
        services.session_change(actor=world.national, session=made, entry=entry, expected_version=1)


def test_national_events_are_the_national_teams(world: World) -> None:
    entry = services.EventEntry(title="ALS facilitators", kind=ALS, held_on=date(2026, 2, 2))
    with pytest.raises(Rejected) as refused:
        services.event_create(actor=world.regional_lead, entry=entry)
    assert {p.field for p in refused.value.problems} == {"region"}
    national = services.event_create(actor=world.national, entry=entry)
    assert national.region is None
    with pytest.raises(PermissionDenied):
        services.event_change(actor=world.regional_lead, event=national, entry=entry, expected_version=1)
    own = services.event_create(
        actor=world.regional_lead,
        entry=services.EventEntry(
            title="NW set facilitators", kind=ALS, held_on=date(2026, 2, 9), region_id=current_region("Y62").pk
        ),
    )
    changed = services.event_change(
        actor=world.regional_lead,
        event=own,
        entry=services.EventEntry(
            title="NW set facilitators, spring", kind=ALS, held_on=date(2026, 2, 9), region_id=own.region_id
        ),
        expected_version=1,
    )
    assert changed.title == "NW set facilitators, spring"
    assert TrainingEvent.objects.count() == 2
