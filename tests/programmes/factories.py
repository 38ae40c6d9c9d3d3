"""factory_boy factories for programmes, shared by every programmes part's tests.

`ProgrammeFactory` makes a skills programme (pass `kind=`, `needs_manager_support=`...),
`CohortFactory` a regional-less (national) cohort with room for 20, open for applications in
January 2026; `SessionFactory` a session of a cohort; `enrol(cohort, person)` a place on it.
They write rows directly, without the services' checks or audit: for the data a test needs, not
for testing the writes."""

from datetime import UTC, date, datetime, timedelta

from factory.declarations import LazyAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import Application, Cohort, Enrolment, Programme, Session
from lksworkforce.programmes.vocabulary import ApplicationStatus, Delivery, ProgrammeKind


class ProgrammeFactory(DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    key = Sequence(lambda n: f"test-programme-{n}")
    title = Sequence(lambda n: f"Test programme {n}")
    kind = ProgrammeKind.SKILLS.value
    description = "A programme made for a test."
    delivery = Delivery.BLENDED.value
    selection_criteria = ["Motivation", "Evidence of impact"]


class CohortFactory(DjangoModelFactory[Cohort]):
    class Meta:
        model = Cohort

    programme = SubFactory(ProgrammeFactory)
    name = Sequence(lambda n: f"Test cohort {n}")
    starts_on = date(2026, 3, 2)
    ends_on = date(2026, 6, 26)
    capacity = 20
    applications_open_on = date(2026, 1, 5)
    applications_close_on = date(2026, 2, 6)


class SessionFactory(DjangoModelFactory[Session]):
    class Meta:
        model = Session

    cohort = SubFactory(CohortFactory)
    title = Sequence(lambda n: f"Session {n}")
    starts_at = LazyAttribute(
        lambda s: datetime.combine(s.cohort.starts_on, datetime.min.time(), UTC) + timedelta(hours=9)
    )
    ends_at = LazyAttribute(lambda s: s.starts_at + timedelta(hours=3))
    place = "Room 2, Education Centre"


def apply(
    cohort: Cohort, person: User, *, status: str = ApplicationStatus.SUBMITTED.value, **fields: object
) -> Application:
    return Application.objects.create(
        cohort=cohort,
        person=person,
        statement="I would like to develop my leadership.",
        status=status,
        organisation=person.organisation,
        band=person.band,
        submitted_at=datetime(2026, 1, 20, 10, tzinfo=UTC),
        **fields,
    )


def enrol(cohort: Cohort, person: User, **fields: object) -> Enrolment:
    return Enrolment.objects.create(
        cohort=cohort,
        person=person,
        organisation=person.organisation,
        band=person.band,
        enrolled_at=datetime(2026, 2, 20, 10, tzinfo=UTC),
        **fields,
    )
