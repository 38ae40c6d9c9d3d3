"""Programmes in the role matrix: certificates.

Certificate variants (each a certificate issued for a completed place):
  own      Sam Staff's, on a national cohort: Sam's own, and the national team's;
  nw       Cal Colleague's, on a North West cohort: the region's lead (Lee Lead) runs it;
  london   Cal Colleague's, on a London cohort: another region's, so only the national team's;
  unknown  no such certificate.
Someone else's certificate is 404 (whether it exists is not theirs to know); the revoke page is 403
to those who may see the certificate but not revoke it (only the national team revokes).
Cohort variants: nw and london as above (cohorts are open to everyone signed in, so a cohort someone
does not run is 403), unknown 404. The verify page and operation answer anyone, signed in or not."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import Certificate, Cohort, Enrolment, Programme
from lksworkforce.programmes.services.certificates import certificate_issue
from tests.conftest import World
from tests.factories import current_region
from tests.routes import SIGN_IN, AppRoutes, row

UNKNOWN = uuid.UUID("00000000-0000-4000-8000-000000000000")
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)
API_NOT_FOUND = row(401, 404, 404, 404, 404, 404)
SEEN = {
    "own": row(SIGN_IN, 200, 404, 404, 200, 404),
    "nw": row(SIGN_IN, 404, 404, 200, 200, 404),
    "london": row(SIGN_IN, 404, 404, 404, 200, 404),
    "unknown": NOT_FOUND,
}
API_SEEN = {
    "own": row(401, 200, 404, 404, 200, 404),
    "nw": row(401, 404, 404, 200, 200, 404),
    "london": row(401, 404, 404, 404, 200, 404),
    "unknown": API_NOT_FOUND,
}
REVOKE = {
    "own": row(SIGN_IN, 403, 404, 404, 200, 404),
    "nw": row(SIGN_IN, 404, 404, 403, 200, 404),
    "london": row(SIGN_IN, 404, 404, 404, 200, 404),
    "unknown": NOT_FOUND,
}
COHORT = {
    "nw": row(SIGN_IN, 403, 403, 200, 200, 403),
    "london": row(SIGN_IN, 403, 403, 403, 200, 403),
    "unknown": NOT_FOUND,
}
API_COHORT = {
    "nw": row(401, 403, 403, 200, 200, 403),
    "london": row(401, 403, 403, 403, 200, 403),
    "unknown": API_NOT_FOUND,
}
# A revocation with nothing sent is refused before anything is looked up: a POST's empty form body
# is not JSON (400).
EMPTY_POST = row(401, 400, 400, 400, 400, 400)

# fmt: off
EXPECTED = {
    #                                          anonymous  staff  manager  lead  national  curator
    "programmes:my_certificates":           {"": row(SIGN_IN, 200,   200,     200,  200,      200)},
    "programmes:credential_verify":         {"": row(200,     200,   200,     200,  200,      200)},
    "programmes:certificate":               SEEN,
    "programmes:certificate_pdf":           {"own": SEEN["own"], "unknown": NOT_FOUND},
    "programmes:certificate_credential":    SEEN,
    "programmes:certificate_revoke":        REVOKE,
    "programmes:cohort_certificates":       COHORT,
    "GET /api/v1/programmes/certificates/mine": {"": row(401, 200, 200, 200, 200, 200)},
    "GET /api/v1/programmes/certificates/{public_id}": API_SEEN,
    "GET /api/v1/programmes/certificates/{public_id}/credential": API_SEEN,
    "POST /api/v1/programmes/certificates/{public_id}/revoke": {"own": EMPTY_POST, "unknown": EMPTY_POST},
    # Verifying answers anyone; nothing sent is not a credential (422).
    "POST /api/v1/programmes/credentials/verify": {"": row(401, 422, 422, 422, 422, 422)},
    "GET /api/v1/programmes/credentials/keys": {"": row(401, 200, 200, 200, 200, 200)},
    "GET /api/v1/programmes/cohorts/{cohort_id}/certificates": API_COHORT,
    "POST /api/v1/programmes/cohorts/{cohort_id}/certificates": API_COHORT,
}
# fmt: on

NAMES = {"own": "Matrix certificates: national", "nw": "Matrix certificates: North West",
         "london": "Matrix certificates: London"}  # fmt: skip


def _cohort(variant: str) -> Cohort:
    found = Cohort.objects.filter(name=NAMES[variant]).first()
    if found is not None:
        return found
    programme, _ = Programme.objects.get_or_create(
        key="matrix-certificates",
        defaults={"title": "Matrix certificates", "kind": "skills", "delivery": "online", "gives_certificate": True},
    )
    region = {"nw": "Y62", "london": "Y56"}.get(variant)
    return Cohort.objects.create(
        programme=programme,
        name=NAMES[variant],
        region=current_region(region) if region else None,
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 6, 26),
        capacity=20,
    )


def _certificate(world: World, variant: str) -> Certificate:
    cohort = _cohort(variant)
    person = world.staff if variant == "own" else world.colleague
    found = Certificate.objects.filter(enrolment__cohort=cohort, enrolment__person=person).first()
    if found is not None:
        return found
    place = Enrolment.objects.create(
        cohort=cohort,
        person=person,
        organisation=person.organisation,
        enrolled_at=datetime(2026, 2, 20, tzinfo=UTC),
        status="completed",
        completed_on=date(2026, 6, 26),
    )
    return certificate_issue(enrolment=place, actor=None)


def prepare(world: World) -> None:
    for variant in NAMES:
        _certificate(world, variant)


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if not variant:
        return {}
    if "cohort" in name:
        return {"cohort_id": 999_999 if variant == "unknown" else _cohort(variant).pk}
    return {"public_id": UNKNOWN if variant == "unknown" else _certificate(world, variant).public_id}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
