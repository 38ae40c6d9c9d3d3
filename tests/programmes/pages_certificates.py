"""Programmes pages in the browser walk (axe, CSP, fonts): certificates. A North West cohort of a
programme that gives certificates, which the staff member completed and has a certificate for (a
revoked one, so the notice is walked too), and a colleague who completed and is waiting for one;
the verify page is walked signed out as well."""

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tests.conftest import World

if TYPE_CHECKING:
    from lksworkforce.programmes.models import Certificate, Cohort

RUNNERS = {"regional_lead", "national_team"}
SEES_THE_CERTIFICATE = {"staff", "regional_lead", "national_team"}


def _cohort(world: World) -> "Cohort":
    from lksworkforce.organisations.models import Region
    from lksworkforce.programmes.models import Cohort, Programme

    programme, _ = Programme.objects.get_or_create(
        key="browser-walk-certificates",
        defaults={"title": "Browser walk certificates", "kind": "skills", "delivery": "online",
                  "description": "Synthetic.", "gives_certificate": True},
    )  # fmt: skip
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name="Browser walk certificates cohort",
        defaults={"region": Region.objects.current().get(code="Y62"), "starts_on": date(2026, 3, 2),
                  "ends_on": date(2026, 6, 26), "capacity": 20},
    )  # fmt: skip
    return cohort


def _certificate(world: World, cohort: "Cohort") -> "Certificate":
    from lksworkforce.programmes.models import Certificate, Enrolment
    from lksworkforce.programmes.services.certificates import certificate_issue, certificate_revoke

    found = Certificate.objects.filter(enrolment__cohort=cohort, enrolment__person=world.staff).first()
    if found is not None:
        return found
    places = [
        Enrolment.objects.create(
            cohort=cohort,
            person=person,
            organisation=person.organisation,
            status="completed",
            completed_on=date(2026, 6, 26),
            enrolled_at=datetime(2026, 2, 20, tzinfo=UTC),
        )
        for person in (world.staff, world.colleague)
    ]
    issued = certificate_issue(enrolment=places[0], actor=None)
    return certificate_revoke(
        certificate=issued,
        reason="Synthetic: revoked for the walk",
        actor=world.national,
        expected_version=issued.edit_version,
    )


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    pages = [("/programmes/certificates/verify/", 200)]
    if role == "anonymous":
        return pages
    cohort = _cohort(world)
    certificate = _certificate(world, cohort)
    pages.append(("/programmes/certificates/", 200))
    if role in SEES_THE_CERTIFICATE:
        pages.append((f"/programmes/certificates/{certificate.public_id}/", 200))
    if role in RUNNERS:
        pages.append((f"/programmes/cohorts/{cohort.pk}/certificates/", 200))
    if role == "national_team":
        pages.append((f"/programmes/certificates/{certificate.public_id}/revoke/", 200))
    return pages
