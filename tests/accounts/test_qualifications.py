"""Qualifications: what counts as qualified, and adding one on the profile page."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.accounts.models import Qualification
from lksworkforce.accounts.people import QUALIFYING_KINDS, QualificationKind, is_qualified
from lksworkforce.core.models import AuditEvent
from tests.conftest import World, client_for
from tests.factories import QualificationFactory

QUALIFYING = sorted(
    k.value for k in (QualificationKind.ACCREDITED_DEGREE, QualificationKind.CHARTERED, QualificationKind.FELLOW)
)
KINDS = st.sampled_from([k.value for k in QualificationKind])
DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31))
type Held = list[tuple[str, date | None]]
HELD: st.SearchStrategy[Held] = st.lists(st.tuples(KINDS, st.none() | DATES), max_size=8)


def test_qualifying_kinds_are_degree_chartership_and_fellowship() -> None:
    assert sorted(k.value for k in QUALIFYING_KINDS) == QUALIFYING
    assert not QualificationKind.STUDYING.counts_as_qualified


@given(held=HELD, on=DATES)
def test_qualified_means_a_degree_chartership_or_fellowship_awarded_by_then(held: Held, on: date) -> None:
    expected = any(kind in QUALIFYING and (awarded is None or awarded <= on) for kind, awarded in held)
    assert is_qualified(held, on) is expected


@given(held=HELD, studying=st.lists(st.none() | DATES, max_size=5), on=DATES)
def test_studying_never_makes_or_unmakes_anyone_qualified(held: Held, studying: list[date | None], on: date) -> None:
    with_study = held + [("studying", started) for started in studying]
    assert is_qualified(with_study, on) is is_qualified(held, on)
    assert not is_qualified([("studying", started) for started in studying], on)


@given(held=HELD, extra=st.tuples(KINDS, st.none() | DATES), on=DATES)
def test_more_qualifications_never_make_anyone_unqualified(
    held: Held, extra: tuple[str, date | None], on: date
) -> None:
    if is_qualified(held, on):
        assert is_qualified([*held, extra], on)


@given(held=HELD, on=DATES, later=st.integers(min_value=0, max_value=20_000))
def test_once_qualified_always_qualified(held: Held, on: date, later: int) -> None:
    if is_qualified(held, on):
        assert is_qualified(held, on + timedelta(days=later))


@given(kind=st.sampled_from(QUALIFYING), awarded=DATES)
def test_a_qualification_counts_from_the_day_it_is_awarded(kind: str, awarded: date) -> None:
    assert is_qualified([(kind, awarded)], awarded)
    assert not is_qualified([(kind, awarded)], awarded - timedelta(days=1))


def test_person_is_qualified_property_uses_their_records(world: World) -> None:
    QualificationFactory.create(person=world.staff, kind="studying", awarded_on=date(2020, 9, 1))
    assert not world.staff.is_qualified
    QualificationFactory.create(person=world.staff, kind="chartered", awarded_on=date(2022, 5, 1))
    assert world.staff.is_qualified


# The profile page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"awarded_on": "2019-03-27"}, "Select the qualification"),
        ({"kind": "wizard", "awarded_on": "2019-03-27"}, "Select one of the qualifications listed"),
        (
            {"kind": "chartered", "awarded_on": (date.today() + timedelta(days=2)).isoformat()},
            "The date must be today or in the past",
        ),
        ({"kind": "chartered", "awarded_on": "31/02/2019"}, "Enter a real date, for example 27/3/2019"),
        ({"kind": "chartered", "awarded_on": "last spring"}, "Enter a real date, for example 27/3/2019"),
        ({"kind": "chartered", "awarded_on": "2019-13-45"}, "Enter a real date, for example 27/3/2019"),
        ({"kind": "chartered", "institution": "x" * 201}, "201"),
    ],
    ids=["no-kind", "unknown-kind", "future-date", "31-february", "words", "nonsense-iso", "institution-too-long"],
)
def test_adding_a_qualification_with_bad_input_shows_the_error_and_stores_nothing(
    world: World, data: dict[str, str], message: str
) -> None:
    audits = AuditEvent.objects.count()
    response = client_for(world.staff).post(reverse("accounts:profile"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Qualification.objects.exists()
    assert AuditEvent.objects.count() == audits


@pytest.mark.parametrize("awarded_on", ["2019-03-27", "27/03/2019"])
def test_adding_a_qualification_stores_and_audits_it(world: World, awarded_on: str) -> None:
    client = client_for(world.staff)
    response = client.post(
        reverse("accounts:profile"), {"kind": "chartered", "awarded_on": awarded_on, "institution": "CILIP"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")

    qualification = Qualification.objects.get()
    assert (qualification.person, qualification.kind, qualification.awarded_on, qualification.institution) == (
        world.staff,
        "chartered",
        date(2019, 3, 27),
        "CILIP",
    )
    event = AuditEvent.objects.get(action="qualification.added")
    assert event.actor == world.staff
    assert (event.object_type, event.object_id) == ("accounts.user", str(world.staff.pk))
    assert event.changes == {"kind": "chartered", "awarded_on": "2019-03-27"}

    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Qualification added" in page
    assert "CILIP Chartership" in page


def test_a_qualification_without_a_date_is_stored(world: World) -> None:
    response = client_for(world.staff).post(reverse("accounts:profile"), {"kind": "studying"})
    assert response.status_code == 302
    assert Qualification.objects.get().awarded_on is None


def test_a_qualification_is_added_only_to_your_own_profile(world: World) -> None:
    """The profile form has no 'person' field; a forged one is ignored."""
    client_for(world.manager).post(reverse("accounts:profile"), {"kind": "fellow", "person": world.colleague.pk})
    assert list(Qualification.objects.values_list("person_id", flat=True)) == [world.manager.pk]


def test_profile_needs_signing_in_to_post(world: World) -> None:
    response = Client().post(reverse("accounts:profile"), {"kind": "chartered"})
    assert response.status_code == 302
    assert not Qualification.objects.exists()
