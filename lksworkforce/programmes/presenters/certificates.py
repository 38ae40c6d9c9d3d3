"""What certificate pages, the PDF and the API show: one reading of a certificate, and of a verdict."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from lksworkforce.core.formatting import format_date
from lksworkforce.programmes import badges
from lksworkforce.programmes.models import Certificate
from lksworkforce.programmes.selectors.certificates import Revocation


@dataclass(frozen=True)
class CertificateView:
    public_id: uuid.UUID
    recipient: str
    programme: str
    cohort: str
    started_on: date
    ended_on: date
    completed_on: date
    sub_areas: tuple[str, ...]
    criteria: str
    issued_at: datetime
    revoked_at: datetime | None
    revoked_reason: str
    edit_version: int
    cohort_id: int

    @property
    def dates(self) -> str:
        return f"{format_date(self.started_on)} to {format_date(self.ended_on)}"

    @property
    def status(self) -> str:
        return "Revoked" if self.revoked_at else "Valid"

    @property
    def filename(self) -> str:
        return f"certificate-{self.public_id}"


def _list(value: object) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def certificate_view(certificate: Certificate) -> CertificateView:
    """What the certificate says, read from the credential as issued (so the PDF and the page say
    exactly what was signed), with the enrolment's dates."""
    credential: dict[str, Any] = certificate.credential
    subject = credential.get("credentialSubject", {})
    achievement = subject.get("achievement", {})
    enrolment = certificate.enrolment
    cohort = enrolment.cohort
    says = badges.verify(credential, {})
    return CertificateView(
        public_id=certificate.public_id,
        recipient=says.recipient,
        programme=achievement.get("name", cohort.programme.title),
        cohort=subject.get("term", cohort.name),
        started_on=cohort.starts_on,
        ended_on=cohort.ends_on,
        completed_on=enrolment.completed_on or cohort.ends_on,
        sub_areas=_list(achievement.get("tag")),
        criteria=achievement.get("criteria", {}).get("narrative", ""),
        issued_at=certificate.issued_at,
        revoked_at=certificate.revoked_at,
        revoked_reason=certificate.revoked_reason,
        edit_version=certificate.edit_version,
        cohort_id=cohort.pk,
    )


@dataclass(frozen=True)
class VerdictView:
    """A verification as people read it: one headline, and what the credential says."""

    verified: bool
    revoked: bool
    headline: str
    reason: str
    recipient: str
    achievement: str
    issuer: str
    issued: str
    public_id: str
    revoked_at: str
    revoked_reason: str
    key: str

    @property
    def valid(self) -> bool:
        return self.verified and not self.revoked

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "signature_verified": self.verified,
            "revoked": self.revoked,
            "message": self.headline,
            "reason": self.reason,
            "issued_to": self.recipient,
            "achievement": self.achievement,
            "issuer": self.issuer,
            "issued": self.issued,
            "certificate_id": self.public_id,
            "revoked_at": self.revoked_at or None,
            "revoked_reason": self.revoked_reason,
            "key": self.key,
        }


def verdict_view(verdict: badges.Verdict, revocation: Revocation) -> VerdictView:
    revoked = verdict.verified and revocation.revoked
    if not verdict.verified:
        headline = "This credential is not genuine: its signature does not verify against this service's keys."
    elif revoked:
        headline = "This credential was issued by this service but has been revoked."
    else:
        headline = "This credential is genuine: it was issued by this service and has not been revoked."
    return VerdictView(
        verified=verdict.verified,
        revoked=revoked,
        headline=headline,
        reason=verdict.reason,
        recipient=verdict.recipient,
        achievement=verdict.achievement,
        issuer=verdict.issuer,
        issued=verdict.valid_from,
        public_id=str(verdict.public_id) if verdict.public_id else "",
        revoked_at=revocation.revoked_at if revoked else "",
        revoked_reason=revocation.reason if revoked else "",
        key=verdict.key,
    )


def refused_view(reason: str) -> VerdictView:
    """What was sent could not be read as a credential at all."""
    return VerdictView(False, False, "This could not be checked.", reason, "", "", "", "", "", "", "", "")
