"""Programmes over the API: certificates. Your certificates, one certificate and its signed Open
Badges 3.0 credential, checking a credential (anyone, offline against the service's keys), the
service's public keys, a cohort's completions and issuing their certificates (those who run the
cohort), and revoking a certificate with a reason (the national team, with its edit_version).
The same selectors, services and presenters as the pages."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn, Text
from lksworkforce.programmes import badges
from lksworkforce.programmes.models import Certificate, Cohort
from lksworkforce.programmes.presenters import certificates as presenters
from lksworkforce.programmes.selectors import certificates as selectors
from lksworkforce.programmes.services import certificates as services

router = Router()

NOT_A_RUNNER = "Only those who run the cohort can issue its certificates"
VERSION = "The certificate's version you saw; an older one is refused (409 stale)"


class CertificateOut(Schema):
    certificate_id: uuid.UUID = Field(description="The credential's id is urn:uuid:<certificate_id>")
    recipient: str
    programme: str
    cohort: str
    cohort_id: int
    started_on: date
    ended_on: date
    completed_on: date
    criteria: str
    sub_areas: list[str]
    issued_at: datetime
    status: str = Field(description="Valid or Revoked")
    revoked_at: datetime | None
    revoked_reason: str
    edit_version: int = Field(description=VERSION)


def _out(certificate: Certificate) -> dict[str, Any]:
    view = presenters.certificate_view(certificate)
    return {
        "certificate_id": view.public_id,
        "recipient": view.recipient,
        "programme": view.programme,
        "cohort": view.cohort,
        "cohort_id": view.cohort_id,
        "started_on": view.started_on,
        "ended_on": view.ended_on,
        "completed_on": view.completed_on,
        "criteria": view.criteria,
        "sub_areas": list(view.sub_areas),
        "issued_at": view.issued_at,
        "status": view.status,
        "revoked_at": view.revoked_at,
        "revoked_reason": view.revoked_reason,
        "edit_version": view.edit_version,
    }


def _visible(request: SignedInRequest, public_id: uuid.UUID) -> Certificate:
    found = selectors.certificate_visible(request.user, public_id)
    if found is None:
        raise HttpError(404, "No such certificate")
    return found


@router.get(
    "/programmes/certificates/mine",
    response=responses(list[CertificateOut]),
    summary="Your certificates, newest first",
)
def my_certificates(request: SignedInRequest) -> Any:
    return [_out(c) for c in selectors.certificates_of(request.user)]


@router.get(
    "/programmes/certificates/{public_id}",
    response=responses(CertificateOut, 404),
    summary="One certificate: yours, or one of a cohort you run",
)
def certificate(request: SignedInRequest, public_id: uuid.UUID) -> Any:
    return _out(_visible(request, public_id))


@router.get(
    "/programmes/certificates/{public_id}/credential",
    response=responses(dict[str, Any], 404),
    summary="A certificate's signed Open Badges 3.0 credential (JSON-LD), as issued",
)
def certificate_credential(request: SignedInRequest, public_id: uuid.UUID) -> Any:
    return _visible(request, public_id).credential


class RevokeIn(BodyIn):
    reason: Annotated[str, Text(services.MAX_REASON, "The reason")] = Field(
        description="Why it is revoked: anyone who checks the credential is told"
    )
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


@router.post(
    "/programmes/certificates/{public_id}/revoke",
    response=write_responses(CertificateOut, 404, 409),
    summary="Revoke a certificate with a reason (the national team); it stays revoked",
)
def certificate_revoke(request: SignedInRequest, public_id: uuid.UUID, body: RevokeIn) -> Any:
    found = selectors.certificate_revocable(request.user, public_id)
    if found is None:
        if selectors.certificate_visible(request.user, public_id) is not None:
            raise HttpError(403, "Only the national team can revoke a certificate")
        raise HttpError(404, "No such certificate")
    revoked = services.certificate_revoke(
        certificate=found, reason=body.reason, actor=request.user, expected_version=body.edit_version
    )
    return _out(revoked)


class VerdictOut(Schema):
    valid: bool = Field(description="The signature verifies against the service's keys and it is not revoked")
    signature_verified: bool
    revoked: bool
    message: str
    reason: str = Field(description="Why it does not verify; empty when it does")
    issued_to: str = Field(description="As the credential says (even when it does not verify)")
    achievement: str
    issuer: str
    issued: str
    certificate_id: str
    revoked_at: str | None
    revoked_reason: str
    key: str = Field(description="The verification method that signed it, when it verifies")


VERIFY_BODY = {
    "requestBody": {
        "required": True,
        "description": f"The credential's JSON, as issued (at most {badges.MAX_CREDENTIAL_BYTES // 1024} KB)",
        "content": {
            badges.MEDIA_TYPE: {"schema": {"type": "object"}},
            "application/ld+json": {"schema": {"type": "object"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


@router.post(
    "/programmes/credentials/verify",
    response=write_responses(VerdictOut),
    openapi_extra=VERIFY_BODY,
    summary="Check an Open Badges 3.0 credential offline against the service's keys (anyone can on the verify page)",
)
def credential_verify(request: HttpRequest) -> Any:
    try:
        document = badges.read_credential(request.body)
    except badges.CredentialRefusedError as refused:
        raise Rejected(
            [Problem(field="credential", reason=str(refused))], subject="The credential was not checked"
        ) from None
    return presenters.verdict_view(*selectors.checked(document)).as_dict()


class KeyOut(Schema):
    id: str = Field(description="The verification method: did:key:<key>#<key>")
    type: str
    controller: str = Field(description="The issuer's id in what the key signed")
    publicKeyMultibase: str  # noqa: N815 - the Multikey's own name
    created: str
    retired: str | None


@router.get(
    "/programmes/credentials/keys",
    response=responses(list[KeyOut]),
    summary="Every key the service has signed credentials with (Multikey), newest first; also on the verify page",
)
def credential_keys(request: HttpRequest) -> Any:  # noqa: ARG001 - ninja passes the request
    return [key.as_dict() for key in selectors.public_keys()]


class CompletionOut(Schema):
    enrolment_id: int
    name: str
    completed_on: date | None
    certificate_id: uuid.UUID | None
    status: str = Field(description="Valid, Revoked, or Not issued")


class CohortCertificatesOut(Schema):
    cohort_id: int
    title: str
    gives_certificate: bool
    awaiting: int = Field(description="People who completed and have no certificate yet")
    completions: list[CompletionOut]


def _cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    cohort = selectors.cohort_found(cohort_id)
    if cohort is None:
        raise HttpError(404, "No such cohort")
    if not selectors.cohort_runner(request.user, cohort):
        raise HttpError(403, NOT_A_RUNNER)
    return cohort


def _cohort_out(cohort: Cohort) -> dict[str, Any]:
    rows = selectors.completions(cohort)
    return {
        "cohort_id": cohort.pk,
        "title": str(cohort),
        "gives_certificate": cohort.programme.gives_certificate,
        "awaiting": sum(1 for row in rows if row.certificate is None),
        "completions": [
            {
                "enrolment_id": row.enrolment.pk,
                "name": row.enrolment.person.full_name or row.enrolment.person.email,
                "completed_on": row.enrolment.completed_on,
                "certificate_id": row.certificate.public_id if row.certificate else None,
                "status": presenters.certificate_view(row.certificate).status if row.certificate else "Not issued",
            }
            for row in rows
        ],
    }


@router.get(
    "/programmes/cohorts/{cohort_id}/certificates",
    response=responses(CohortCertificatesOut, 403, 404),
    summary="Everyone who completed a cohort, and their certificates (those who run the cohort)",
)
def cohort_certificates(request: SignedInRequest, cohort_id: int) -> Any:
    return _cohort_out(_cohort(request, cohort_id))


class IssuedOut(Schema):
    issued: list[CertificateOut]
    cohort: CohortCertificatesOut


@router.post(
    "/programmes/cohorts/{cohort_id}/certificates",
    response=write_responses(IssuedOut, 404),
    summary="Issue a certificate to everyone who completed the cohort and has none yet (none twice)",
)
def cohort_certificates_issue(request: SignedInRequest, cohort_id: int) -> Any:
    cohort = _cohort(request, cohort_id)
    issued = services.certificates_issue_for_cohort(cohort=cohort, actor=request.user)
    return {"issued": [_out(c) for c in issued], "cohort": _cohort_out(cohort)}
