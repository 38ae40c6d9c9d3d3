"""Data for the equity tests and benchmark: published LKS returns with posts by band, and places and
applications on cohorts of a year with the region, band and organisation as they were then."""

from datetime import UTC, date, datetime
from decimal import Decimal

from lksworkforce.accounts.models import User
from lksworkforce.organisations.models import Organisation, Region
from lksworkforce.programmes.models import Application, Cohort, Enrolment
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus
from tests.factories import UserFactory
from tests.programmes.factories import CohortFactory, ProgrammeFactory


def publish_posts(organisation: Organisation, year: int, posts: dict[str, int]) -> LksReturn:
    """A published, counted return of `year` with `posts` (band -> people in post)."""
    lks_return = LksReturn.objects.create(
        organisation=organisation, year=year, status=ReturnStatus.PUBLISHED, is_counted=True
    )
    LksPost.objects.bulk_create(
        LksPost(
            lks_return=lks_return,
            post_title="Librarian",
            role="librarian",
            band=band,
            wte=Decimal("1.00"),
            qualification="chartered",
            is_qualified=True,
            headcount=people,
        )
        for band, people in posts.items()
    )
    return lks_return


def cohort_of(year: int, *, delivery: str = "face_to_face", shares: bool = False, capacity: int = 20) -> Cohort:
    cohort: Cohort = CohortFactory.create(
        programme=ProgrammeFactory.create(delivery=delivery),
        starts_on=date(year, 3, 2),
        ends_on=date(year, 6, 26),
        applications_open_on=date(year, 1, 5),
        applications_close_on=date(year, 2, 6),
        shares_places_by_region=shares,
        capacity=capacity,
    )
    return cohort


def people(count: int, organisation: Organisation, band: str = "6", prefix: str = "p") -> list[User]:
    return [
        UserFactory.create(
            email=f"{prefix}-{organisation.ods_code}-{band}-{n}@example.nhs.uk", organisation=organisation, band=band
        )
        for n in range(count)
    ]


def take_place(cohort: Cohort, person: User, region: Region | None, **fields: object) -> Enrolment:
    fields.setdefault("enrolled_at", datetime(cohort.starts_on.year, 2, 20, 10, tzinfo=UTC))
    return Enrolment.objects.create(
        cohort=cohort, person=person, organisation=person.organisation, band=person.band, region=region, **fields
    )


def applied(cohort: Cohort, person: User, region: Region | None, **fields: object) -> Application:
    fields.setdefault("submitted_at", datetime(cohort.starts_on.year, 1, 20, 10, tzinfo=UTC))
    fields.setdefault("status", "submitted")
    return Application.objects.create(
        cohort=cohort,
        person=person,
        statement="I would like to take part.",
        organisation=person.organisation,
        band=person.band,
        region=region,
        **fields,
    )
