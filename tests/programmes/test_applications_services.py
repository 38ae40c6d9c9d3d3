"""Applying, the service manager's support, booking a place, withdrawing and answering an offer:
what the person and their manager see happen, every refusal with its reason, nothing changed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lksworkforce.accounts.models import Qualification
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes.models import Application, Enrolment
from lksworkforce.programmes.services import applications as services
from lksworkforce.programmes.services.applications import ApplicationEntry
from lksworkforce.programmes.vocabulary import ApplicationStatus as S
from tests.conftest import World
from tests.factories import UserFactory, current_region
from tests.programmes.factories import apply
from tests.programmes.factories_applications import closed_cohort, leadership, open_cohort, skills

pytestmark = pytest.mark.django_db
ENTRY = ApplicationEntry(statement="I lead a team of four and want to grow.", could_not_travel=True)


def reasons(refusal: pytest.ExceptionInfo[Rejected]) -> list[str]:
    return [p.reason for p in refusal.value.problems]


def test_applying_records_region_organisation_and_band_and_asks_the_manager(world: World) -> None:
    cohort = open_cohort(leadership())
    application = services.application_submit(person=world.staff, cohort=cohort, entry=ENTRY)
    assert application.status == S.AWAITING_SUPPORT
    assert application.organisation == world.london_a
    assert application.region == current_region("Y56")
    assert application.band == "4"
    assert application.could_not_travel
    assert AuditEvent.objects.filter(action="programmes.application_submitted", object_id=str(application.pk)).exists()


def test_without_manager_support_the_application_goes_to_the_panel(world: World) -> None:
    cohort = open_cohort(leadership(needs_manager_support=False))
    assert services.application_submit(person=world.staff, cohort=cohort, entry=ENTRY).status == S.SUBMITTED


def test_a_band_outside_the_range_is_refused_with_the_reason(world: World) -> None:
    cohort = open_cohort(leadership(band_from="7", band_to="8a"))
    with pytest.raises(Rejected) as refusal:
        services.application_submit(person=world.staff, cohort=cohort, entry=ENTRY)
    assert "This programme is for bands 7 to 8a; your band is 4" in reasons(refusal)
    assert not Application.objects.exists()


def test_qualified_only_counts_the_persons_qualifications(world: World) -> None:
    cohort = open_cohort(leadership(qualified_only=True))
    with pytest.raises(Rejected):
        services.application_submit(person=world.staff, cohort=cohort, entry=ENTRY)
    Qualification.objects.create(person=world.staff, kind="chartered")
    world.staff.refresh_from_db()
    assert services.application_submit(person=world.staff, cohort=cohort, entry=ENTRY).pk


def test_a_closed_window_an_empty_statement_and_a_second_application_are_refused(world: World) -> None:
    closed = closed_cohort(leadership())
    with pytest.raises(Rejected) as refusal:
        services.application_submit(person=world.staff, cohort=closed, entry=ApplicationEntry(statement="  "))
    said = reasons(refusal)
    assert any(r.startswith("Applications for this cohort closed on") for r in said)
    assert "Write your statement against the selection criteria" in said
    cohort = open_cohort(leadership())
    services.application_submit(person=world.staff, cohort=cohort, entry=ENTRY)
    with pytest.raises(Rejected) as again:
        services.application_submit(person=world.staff, cohort=cohort, entry=ENTRY)
    assert "You have already applied for this cohort" in reasons(again)


def test_apply_for_one_programme_not_both_in_the_same_year(world: World) -> None:
    mid, senior = leadership(title="Mid-career"), leadership(title="Senior")
    mid.exclusive_with.add(senior)
    first = services.application_submit(person=world.staff, cohort=open_cohort(mid), entry=ENTRY)
    other = open_cohort(senior)
    with pytest.raises(Rejected) as refusal:
        services.application_submit(person=world.staff, cohort=other, entry=ENTRY)
    assert any("not both" in r for r in reasons(refusal))
    services.application_withdraw(person=world.staff, application=first, expected_version=first.edit_version)
    assert services.application_submit(person=world.staff, cohort=other, entry=ENTRY).status == S.AWAITING_SUPPORT


def test_the_manager_supports_or_not_with_a_reason(world: World) -> None:
    cohort = open_cohort(leadership())
    application = services.application_submit(person=world.staff, cohort=cohort, entry=ENTRY)
    with pytest.raises(Rejected) as refusal:
        services.support_decide(
            manager=world.manager, application=application, supported=False, reason="",
            expected_version=application.edit_version,
        )  # fmt: skip
    assert reasons(refusal) == ["Say why you do not support the application"]
    decided = services.support_decide(
        manager=world.manager, application=application, supported=False, reason="Not this year: the team is short",
        expected_version=application.edit_version,
    )  # fmt: skip
    assert decided.status == S.NOT_SUPPORTED
    assert decided.support_by == world.manager
    assert AuditEvent.objects.filter(action="programmes.application_not_supported").count() == 1


def test_another_organisations_manager_cannot_decide_and_a_stale_decision_is_refused(world: World) -> None:
    application = services.application_submit(person=world.outsider, cohort=open_cohort(leadership()), entry=ENTRY)
    with pytest.raises(Rejected):
        services.support_decide(
            manager=world.manager, application=application, supported=True, reason="", expected_version=1
        )
    mine = services.application_submit(person=world.staff, cohort=open_cohort(leadership()), entry=ENTRY)
    Application.objects.filter(pk=mine.pk).update(edit_version=5)
    with pytest.raises(StaleEdit):
        services.support_decide(manager=world.manager, application=mine, supported=True, reason="", expected_version=1)
    assert Application.objects.get(pk=mine.pk).status == S.AWAITING_SUPPORT


def test_booking_enrols_while_places_remain_then_waits(world: World) -> None:
    cohort = open_cohort(skills(), capacity=1)
    first = services.place_book(person=world.staff, cohort=cohort)
    second = services.place_book(person=world.colleague, cohort=cohort)
    assert (first.status, second.status) == (S.ACCEPTED, S.WAITING)
    place = Enrolment.objects.get(cohort=cohort)
    assert (place.person, place.organisation, place.band) == (world.staff, world.london_a, "4")
    withdrawn = services.application_withdraw(
        person=world.staff, application=first, expected_version=first.edit_version
    )
    assert Enrolment.objects.get(pk=place.pk).status == "withdrawn"
    assert withdrawn.status == S.WITHDRAWN
    promoted = Application.objects.get(pk=second.pk)
    assert promoted.status == S.OFFERED
    assert promoted.reply_by == timezone.localdate() + timedelta(days=14)


def test_a_panel_programme_is_not_booked_and_a_skills_one_not_applied_for(world: World) -> None:
    with pytest.raises(Rejected):
        services.place_book(person=world.staff, cohort=open_cohort(leadership()))
    with pytest.raises(Rejected):
        services.application_submit(person=world.staff, cohort=open_cohort(skills()), entry=ENTRY)


def test_accepting_an_offer_makes_a_place_and_declining_promotes_the_waiting_list(world: World) -> None:
    cohort = closed_cohort(leadership(), capacity=1)
    reply_by = timezone.localdate() + timedelta(days=3)
    offered = apply(cohort, world.staff, status=S.OFFERED, reply_by=reply_by)
    waiting = apply(cohort, world.colleague, status=S.WAITING, score=10)
    later = apply(cohort, UserFactory.create(organisation=world.london_a), status=S.WAITING, score=12)
    services.offer_reply(person=world.staff, application=offered, accept=False, expected_version=offered.edit_version)
    assert Application.objects.get(pk=later.pk).status == S.OFFERED  # the higher score first
    assert Application.objects.get(pk=waiting.pk).status == S.WAITING
    promoted = Application.objects.get(pk=later.pk)
    services.offer_reply(
        person=promoted.person, application=promoted, accept=True, expected_version=promoted.edit_version
    )
    assert Enrolment.objects.get(cohort=cohort).person == promoted.person


def test_an_offer_past_its_reply_by_cannot_be_accepted(world: World) -> None:
    cohort = closed_cohort(leadership())
    offered = apply(cohort, world.staff, status=S.OFFERED, reply_by=timezone.localdate() - timedelta(days=1))
    with pytest.raises(Rejected) as refusal:
        services.offer_reply(person=world.staff, application=offered, accept=True, expected_version=1)
    assert reasons(refusal)[0].startswith("The offer lapsed")
    assert not Enrolment.objects.exists()
