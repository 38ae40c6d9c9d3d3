"""Writes for certificates: the service's signing key (made on first use, rotated on request), issuing
a certificate once per completed enrolment of a programme that gives one (one by one, or everyone
who completed a cohort), and revoking one with a reason. Each is one transaction and audited.

The signing key is kept in the database (`CredentialKey`), its private half encrypted with a key
derived from SECRET_KEY: nothing to configure, old public keys kept for verification after a
rotation, and a database copy alone cannot sign. A key that no SECRET_KEY (nor a fallback) opens
any more (SECRET_KEY changed without a fallback) is retired and a new one made: what it signed still
verifies, since its public half is kept."""

import hashlib
import uuid
from datetime import datetime
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lksworkforce.core.audit import audit_note, audit_record, field_changes
from lksworkforce.core.concurrency import StaleEdit, claim_version, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.programmes import badges
from lksworkforce.programmes.models import Certificate, Cohort, Enrolment
from lksworkforce.programmes.models.certificates import CredentialKey
from lksworkforce.programmes.selectors import certificates as selectors
from lksworkforce.programmes.vocabulary import EnrolmentStatus

ISSUER_NAME = "NHS England library and knowledge services (LKS Workforce)"
MAX_REASON = 500
NOT_ISSUED = "The certificate was not issued"
NOT_REVOKED = "The certificate was not revoked"


# The signing key ----------------------------------------------------------------------------------


def _passphrase(secret: str) -> bytes:
    return hashlib.sha256(b"lksw-credential-key\0" + secret.encode()).digest()


def _seal(private_key: bytes) -> str:
    key = Ed25519PrivateKey.from_private_bytes(private_key)
    encryption = BestAvailableEncryption(_passphrase(settings.SECRET_KEY)) if settings.SECRET_KEY else NoEncryption()
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, encryption).decode()


@lru_cache(maxsize=8)
def _open(sealed: str, secrets: tuple[str, ...]) -> bytes | None:
    """The private key's 32 bytes, or None when none of the secrets opens it. Cached: opening is
    slow on purpose (a key derivation), and a cohort's certificates are signed in one go."""
    for secret in secrets:
        try:
            key = load_pem_private_key(sealed.encode(), password=_passphrase(secret) if secret else None)
        except (ValueError, TypeError):
            continue
        if isinstance(key, Ed25519PrivateKey):
            return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return None


def _secrets() -> tuple[str, ...]:
    return (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ()))


def key_install(*, private_key: bytes, actor: Caller | None, now: datetime | None = None) -> CredentialKey:
    """Makes `private_key` the active signing key, retiring the one before (its private half erased).
    For rotation (a fresh key) and for the demo (a key derived from its seed)."""
    moment = now or timezone.now()
    public = badges.public_key_multibase(badges.public_key_of(private_key))
    existing = CredentialKey.objects.select_for_update().filter(public_key=public).first()
    if existing is not None and existing.active:
        return existing
    if existing is not None:  # a retired key brought back: refused, it stays retired
        raise Rejected(
            [Problem(field="key", reason="That key was retired; a retired key is never used again")],
            subject="The key was not installed",
        )
    CredentialKey.objects.filter(active=True).update(active=False, retired_at=moment, private_key="")
    key = CredentialKey.objects.create(public_key=public, private_key=_seal(private_key), created_at=moment)
    audit_record(actor=actor, action="programmes.credential_key_installed", obj=key, summary="Signing key installed")
    return key


def key_rotate(*, actor: Caller | None) -> CredentialKey:
    """A new signing key; the old one is retired (its public key is still published)."""
    with transaction.atomic():
        return key_install(private_key=Ed25519PrivateKey.generate().private_bytes_raw(), actor=actor)


def _signing_key(actor: Caller | None) -> bytes:
    """The active key's private half: made on first use, and made anew when it cannot be opened."""
    active = CredentialKey.objects.select_for_update().filter(active=True).first()
    if active is not None:
        opened = _open(active.private_key, _secrets())
        if opened is not None:
            return opened
        audit_note(
            actor=actor,
            action="programmes.credential_key_unreadable",
            object_type="programmes.credentialkey",
            summary="The signing key could not be opened with SECRET_KEY: retired, and a new one made",
        )
    fresh = Ed25519PrivateKey.generate().private_bytes_raw()
    key_install(private_key=fresh, actor=actor)
    return fresh


# Issuing ----------------------------------------------------------------------------------------------


def _award(enrolment: Enrolment, *, public_id: uuid.UUID, issued_at: datetime) -> badges.Award:
    cohort = enrolment.cohort
    programme = cohort.programme
    sub_areas = tuple(
        f"{number} {name}"
        for number, name in programme.sub_areas.order_by("position", "pk").values_list("number", "name")
    )
    completed_on = enrolment.completed_on or cohort.ends_on
    return badges.Award(
        public_id=public_id,
        recipient_name=enrolment.person.full_name or enrolment.person.email,
        programme_key=programme.key,
        programme_title=programme.title,
        programme_description=programme.description,
        criteria=badges.criteria_narrative(
            sessions_needed=programme.completion_sessions,
            total_sessions=cohort.sessions.count(),
            needs_project=programme.completion_needs_project,
        ),
        cohort_name=cohort.name,
        started_on=cohort.starts_on,
        ended_on=cohort.ends_on,
        completed_on=completed_on,
        sub_areas=sub_areas,
        issued_at=issued_at,
        issuer_name=ISSUER_NAME,
    )


def _refusal(enrolment: Enrolment) -> str | None:
    if enrolment.status != EnrolmentStatus.COMPLETED.value:
        return "Only a completed place gets a certificate"
    if not enrolment.cohort.programme.gives_certificate:
        return "This programme does not give certificates"
    if selectors.certificate_for(enrolment) is not None:
        return "A certificate was issued for this place already"
    return None


def _issue(
    enrolment: Enrolment, *, actor: Caller | None, key: bytes, now: datetime, public_id: uuid.UUID | None
) -> Certificate:
    chosen = public_id or uuid.uuid4()
    award = _award(enrolment, public_id=chosen, issued_at=now)
    document = badges.build_credential(award, issuer_id=badges.did_key(badges.public_key_of(key)))
    credential = badges.sign(document, private_key=key, created=now)
    certificate = Certificate.objects.create(
        enrolment=enrolment, public_id=chosen, issued_at=now, credential=credential
    )
    audit_record(
        actor=actor,
        action="programmes.certificate_issued",
        obj=certificate,
        summary=f"Certificate issued for {enrolment.cohort}",
        changes=field_changes({}, {"enrolment": enrolment.pk}),
    )
    return certificate


@transaction.atomic
def certificate_issue(
    *, enrolment: Enrolment, actor: Caller | None, now: datetime | None = None, public_id: uuid.UUID | None = None
) -> Certificate:
    """The certificate for a completed enrolment, once: a second time is refused."""
    locked = Enrolment.objects.select_for_update().select_related("cohort__programme", "person").get(pk=enrolment.pk)
    if reason := _refusal(locked):
        raise Rejected([Problem(field="enrolment", reason=reason, value=str(enrolment.pk))], subject=NOT_ISSUED)
    return _issue(locked, actor=actor, key=_signing_key(actor), now=now or timezone.now(), public_id=public_id)


@transaction.atomic
def certificates_issue_for_cohort(*, cohort: Cohort, actor: Caller | None) -> list[Certificate]:
    """A certificate for everyone who completed the cohort and has none yet (none again for those who have)."""
    if not cohort.programme.gives_certificate:
        raise Rejected(
            [Problem(field="cohort", reason="This programme does not give certificates")], subject=NOT_ISSUED
        )
    waiting = list(selectors.awaiting_certificates(cohort).select_for_update(of=("self",)))
    if not waiting:
        return []
    key, now = _signing_key(actor), timezone.now()
    return [_issue(enrolment, actor=actor, key=key, now=now, public_id=None) for enrolment in waiting]


# Revoking -----------------------------------------------------------------------------------------------


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, actor: Caller, expected_version: int | None
) -> Certificate:
    """Revokes a certificate with a reason, which anyone verifying it is told. Once revoked it stays so."""
    version = expected(expected_version)
    said = reason.strip()
    problems = []
    if not said:
        problems.append(Problem(field="reason", reason="Say why the certificate is revoked"))
    elif len(said) > MAX_REASON:
        problems.append(Problem(field="reason", reason=f"The reason can be at most {MAX_REASON} characters"))
    if certificate.revoked_at is not None:
        problems.append(Problem(field="reason", reason="This certificate is revoked already"))
    if problems:
        raise Rejected(problems, subject=NOT_REVOKED)
    now = timezone.now()
    unrevoked = Certificate.objects.filter(revoked_at__isnull=True)
    if not claim_version(unrevoked, pk=certificate.pk, version=version, revoked_at=now, revoked_reason=said):
        raise StaleEdit("This certificate")
    certificate.refresh_from_db()
    audit_record(
        actor=actor,
        action="programmes.certificate_revoked",
        obj=certificate,
        summary="Certificate revoked",
        changes=field_changes({"revoked_reason": ""}, {"revoked_reason": said}),
    )
    return certificate
