"""What the certificates tests start from: a certificate-giving programme's cohort, with people who
completed it (written directly, as tests/programmes/factories.py does)."""

from datetime import date

from lksworkforce.accounts.models import User
from lksworkforce.organisations.models import Region
from lksworkforce.programmes.models import Cohort, Enrolment
from tests.programmes.factories import CohortFactory, ProgrammeFactory, SessionFactory, enrol

COMPLETED_ON = date(2026, 6, 26)


def certificate_cohort(*, region: Region | None = None, gives_certificate: bool = True, sessions: int = 4) -> Cohort:
    programme = ProgrammeFactory.create(
        title="Synthesising and summarising evidence",
        description="A workshop and three problem-based sessions.",
        gives_certificate=gives_certificate,
        completion_sessions=3,
        completion_needs_project=True,
    )
    cohort = CohortFactory.create(programme=programme, name="2026 cohort, London", region=region)
    for _ in range(sessions):
        SessionFactory.create(cohort=cohort)
    return cohort


def completed(cohort: Cohort, person: User) -> Enrolment:
    return enrol(cohort, person, status="completed", completed_on=COMPLETED_ON)
