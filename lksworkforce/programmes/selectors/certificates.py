"""Reads for certificates, scoped to the viewer: a person's own certificates; a certificate seen by
its holder or by those who run its cohort (the national team; the regional lead of a regional
cohort's region); the cohorts a viewer may issue certificates for, with their completions; and the
service's public keys, which anyone may read."""

import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from lksworkforce.accounts.people import Role
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.programmes import badges
from lksworkforce.programmes.models import Certificate, Cohort, Enrolment
from lksworkforce.programmes.models.certificates import CredentialKey
from lksworkforce.programmes.vocabulary import EnrolmentStatus


def _runs_q(viewer: AnyViewer, prefix: str = "") -> Q:
    """Cohorts the viewer runs: every one for the national team, their regions' for a regional lead."""
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    if viewer.holds(Role.NATIONAL_TEAM):
        return Q()
    return Q(**{f"{prefix}region_id__in": sorted(viewer.led_region_ids())})


def cohorts_run_by(viewer: AnyViewer) -> QuerySet[Cohort]:
    return Cohort.objects.filter(_runs_q(viewer)).select_related("programme", "region")


def cohort_run_by(viewer: AnyViewer, cohort_id: int) -> Cohort | None:
    """A cohort the viewer runs (to issue its certificates), or None (a 404)."""
    return cohorts_run_by(viewer).filter(pk=cohort_id).first()


def cohort_found(cohort_id: int) -> Cohort | None:
    """Any cohort by id (cohorts are open to everyone signed in; who may issue is cohort_runner)."""
    return Cohort.objects.select_related("programme", "region").filter(pk=cohort_id).first()


def cohort_runner(viewer: AnyViewer, cohort: Cohort) -> bool:
    return cohorts_run_by(viewer).filter(pk=cohort.pk).exists()


def _with_details(certificates: QuerySet[Certificate]) -> QuerySet[Certificate]:
    return certificates.select_related("enrolment__cohort__programme", "enrolment__person")


def certificates_of(viewer: AnyViewer) -> QuerySet[Certificate]:
    """The viewer's own certificates, newest first."""
    if not viewer.is_authenticated:
        return Certificate.objects.none()
    return _with_details(Certificate.objects.filter(enrolment__person_id=viewer.pk))


def certificate_visible(viewer: AnyViewer, public_id: uuid.UUID) -> Certificate | None:
    """The viewer's own certificate, or one of a cohort they run; None otherwise (a 404)."""
    if not viewer.is_authenticated:
        return None
    visible = Certificate.objects.all()
    if not viewer.holds(Role.NATIONAL_TEAM):  # Q(...) | Q() is the first Q alone, not everything
        visible = visible.filter(Q(enrolment__person_id=viewer.pk) | _runs_q(viewer, "enrolment__cohort__"))
    return _with_details(visible).filter(public_id=public_id).first()


def certificate_revocable(viewer: AnyViewer, public_id: uuid.UUID) -> Certificate | None:
    """A certificate the national team may revoke (any), or None."""
    if not (viewer.is_authenticated and viewer.holds(Role.NATIONAL_TEAM)):
        return None
    return _with_details(Certificate.objects.filter(public_id=public_id)).first()


def certificate_for(enrolment: Enrolment) -> Certificate | None:
    return Certificate.objects.filter(enrolment_id=enrolment.pk).first()


@dataclass(frozen=True)
class Completion:
    """One person who completed a cohort, and their certificate if issued."""

    enrolment: Enrolment
    certificate: Certificate | None


def completions(cohort: Cohort) -> list[Completion]:
    """Everyone who completed the cohort, by name, with their certificates (one query)."""
    rows = (
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.COMPLETED.value)
        .select_related("person", "certificate")
        .order_by("person__full_name", "id")
    )
    return [Completion(e, getattr(e, "certificate", None)) for e in rows]


def awaiting_certificates(cohort: Cohort) -> QuerySet[Enrolment]:
    """Completed enrolments of the cohort without a certificate yet."""
    return (
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.COMPLETED.value, certificate__isnull=True)
        .select_related("person", "cohort__programme")
        .order_by("id")
    )


@dataclass(frozen=True)
class Revocation:
    revoked: bool
    revoked_at: str = ""
    reason: str = ""
    known: bool = False  # whether the service issued a certificate with this id at all


def revocation_of(public_id: uuid.UUID | None) -> Revocation:
    """Whether the certificate with this public id is revoked: what anyone verifying may know."""
    if public_id is None:
        return Revocation(revoked=False)
    found = Certificate.objects.filter(public_id=public_id).values_list("revoked_at", "revoked_reason").first()
    if found is None:
        return Revocation(revoked=False)
    revoked_at, reason = found
    if revoked_at is None:
        return Revocation(revoked=False, known=True)
    return Revocation(revoked=True, revoked_at=revoked_at.isoformat(), reason=reason, known=True)


@dataclass(frozen=True)
class PublicKey:
    """One of the service's signing keys as third parties see it."""

    id: str  # the verification method, did:key:<key>#<key>
    controller: str  # did:key:<key>, the issuer's id in what it signed
    public_key_multibase: str
    created: str
    retired: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "type": "Multikey",
            "controller": self.controller,
            "publicKeyMultibase": self.public_key_multibase,
            "created": self.created,
            "retired": self.retired,
        }


def public_keys() -> list[PublicKey]:
    """Every key the service has signed with, newest first: the active one and the retired ones."""
    keys = []
    for multikey, created_at, retired_at in CredentialKey.objects.values_list("public_key", "created_at", "retired_at"):
        raw = badges.public_key_from_multibase(multikey)
        keys.append(
            PublicKey(
                badges.verification_method(raw),
                badges.did_key(raw),
                multikey,
                badges.timestamp(created_at),
                badges.timestamp(retired_at) if retired_at else None,
            )
        )
    return keys


def verification_keys() -> dict[str, bytes]:
    """Verification method -> Ed25519 public key, for every key the service has signed with."""
    return {
        badges.verification_method(raw): raw
        for raw in (
            badges.public_key_from_multibase(k) for k in CredentialKey.objects.values_list("public_key", flat=True)
        )
    }


def checked(credential: dict[str, object]) -> tuple[badges.Verdict, Revocation]:
    """A credential checked offline against the service's keys, and whether its certificate is
    revoked: what every surface that verifies (page, API, command) shows, through verdict_view."""
    verdict = badges.verify(credential, verification_keys())
    return verdict, revocation_of(verdict.public_id)
