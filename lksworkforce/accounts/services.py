"""Writes for people and roles: keyword-only, one transaction, audited."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lksworkforce.accounts import tokens
from lksworkforce.accounts.lockout import account_failures_forget
from lksworkforce.accounts.models import ApiToken, Membership, PasswordResetRequest, Qualification, User
from lksworkforce.accounts.people import QualificationKind, Role
from lksworkforce.accounts.tasks import password_reset_email_send
from lksworkforce.core import subject_access
from lksworkforce.core.audit import audit_note, audit_record
from lksworkforce.core.subject_access import Erased
from lksworkforce.core.viewers import Caller
from lksworkforce.organisations.models import Organisation, Region


@transaction.atomic
def qualification_add(
    *, person: User, kind: QualificationKind, awarded_on: date | None, institution: str = "", actor: Caller | None
) -> Qualification:
    qualification = Qualification.objects.create(
        person=person, kind=kind.value, awarded_on=awarded_on, institution=institution
    )
    audit_record(
        actor=actor,
        action="qualification.added",
        obj=person,
        summary=f"Added {kind.label}",
        changes={"kind": kind.value, "awarded_on": awarded_on.isoformat() if awarded_on else None},
    )
    return qualification


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: Role,
    actor: Caller | None,
    organisation: Organisation | None = None,
    region: Region | None = None,
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, role=role.value, organisation=organisation, region=region
    )
    if created:
        audit_record(
            actor=actor,
            action="membership.granted",
            obj=user,
            summary=f"Granted {membership}",
            changes={"role": role.value},
        )
    return membership


PASSWORD_RESET_WINDOW = timedelta(hours=1)


@transaction.atomic
def password_reset_request(*, email: str, address: str, domain: str, use_https: bool) -> bool:
    """Queue a password-reset email, unless this address or this email has asked too often in the last hour.

    Known and unknown emails are treated the same here (the task looks for the account), so the
    answer, and how long it takes, say nothing about whether an account exists. Returns whether the
    request was accepted; a refused one is not counted, and queues nothing.
    """
    now = timezone.now()
    PasswordResetRequest.objects.filter(requested_at__lt=now - PASSWORD_RESET_WINDOW).delete()
    digest = salted_hmac("lksworkforce.accounts.password_reset", email.strip().lower(), algorithm="sha256")
    recent = PasswordResetRequest.objects.filter(requested_at__gte=now - PASSWORD_RESET_WINDOW)
    if (
        recent.filter(address=address).count() >= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        or recent.filter(email_digest=digest.hexdigest()).count() >= settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    ):
        return False
    PasswordResetRequest.objects.create(requested_at=now, address=address, email_digest=digest.hexdigest())
    # In the same transaction: the database task backend stores the task with the request, or neither.
    password_reset_email_send.enqueue(email=email, domain=domain, use_https=use_https)
    return True


@transaction.atomic
def password_reset_complete(*, user: User) -> None:
    """After a new password is set from an emailed link: forget the account's failed sign-ins, so that the
    person who proved they hold the mailbox is not still locked out, and record the change."""
    account_failures_forget(email=user.email)
    audit_record(actor=user, action="password.reset", obj=user, summary="Password changed from an emailed link")


class ErasureRefused(Exception):  # noqa: N818 - a refusal, not a fault, like core.problems.Rejected
    """An erasure that may not go ahead; the message says why, for a person."""


@dataclass(frozen=True)
class ErasureOutcome:
    erased: list[Erased]
    dry_run: bool


def _national_team(person: User) -> bool:
    return person.memberships.filter(role=Role.NATIONAL_TEAM.value).exists()


def _refusal(*, person: User, actor: User | None, dry_run: bool) -> str | None:
    if _national_team(person):
        # Locked, so that two erasures at once cannot each leave the other as the last member.
        members = Membership.objects.select_for_update().filter(role=Role.NATIONAL_TEAM.value, user__is_active=True)
        if not [m for m in members if m.user_id != person.pk]:
            return (
                f"{person.email} is the only member of the national team: grant the role to someone else "
                "before erasing them, so that someone can still run the service."
            )
    if dry_run:
        return None
    if actor is None:
        return "Say which member of the national team authorised the erasure."
    if actor.pk == person.pk:
        return "A person's erasure is authorised by another member of the national team, not by themselves."
    if not (actor.is_active and _national_team(actor)):
        return f"{actor.email} is not a member of the national team: only the national team authorises an erasure."
    return None


def person_erase(*, person: User, actor: User | None, dry_run: bool = False) -> ErasureOutcome:
    """Remove or unlink everything held about a person, in every app (see core/subject_access.py),
    then the account itself, in one transaction. Published returns keep every post and figure.
    The audit trail keeps only that a person was erased, by whom and when.

    `dry_run` does the same work and rolls it back, so that what it lists is exactly what would
    happen. Refused (ErasureRefused) for the last national team member, and unless `actor` is
    another member of the national team."""
    with transaction.atomic():
        refusal = _refusal(person=person, actor=actor, dry_run=dry_run)
        if refusal:
            raise ErasureRefused(refusal)
        found = subject_access.parts()
        subject = subject_access.subject_for(person, found)
        erased: list[Erased] = []
        for part in found:
            erased += part.erase(subject)
        pk = person.pk
        person.delete()
        erased.append(Erased("Account", 1))
        audit_note(
            actor=actor,
            action="person.erased",
            object_type=User._meta.label_lower,
            summary="A person and the data held about them were erased",
            changes={"erased": {line.what: line.count for line in erased}},
        )
        if dry_run:
            transaction.set_rollback(True)
            person.pk = pk  # the delete cleared it; the row is still there
    return ErasureOutcome(erased=erased, dry_run=dry_run)


# Personal API tokens ---------------------------------------------------------------------------

TOKEN_NAME_LIMIT = 100


def api_token_create(*, person: User, name: str, expires_on: date | None = None) -> tuple[ApiToken, str]:
    """A new token for `person`, made by the person themselves; returns it and its secret, which is
    shown once and never stored. The audit names the token by its prefix, never by its secret."""
    secret = tokens.new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(
            person=person,
            name=name.strip()[:TOKEN_NAME_LIMIT],
            prefix=tokens.secret_prefix(secret),
            secret_hash=tokens.secret_hash(secret),
            expires_on=expires_on,
        )
        audit_record(
            actor=person,
            action="api_token.created",
            obj=token,
            summary=f"API token {token.prefix}… ({token.name}) created",
            changes={"name": token.name, "prefix": token.prefix, "expires_on": str(expires_on or "")},
        )
    return token, secret


def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token (the caller has found it among the actor's own). Revoking a revoked token
    changes nothing and records nothing: doing it twice is harmless."""
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        token.refresh_from_db()
        if revoked:
            audit_record(
                actor=actor,
                action="api_token.revoked",
                obj=token,
                summary=f"API token {token.prefix}… ({token.name}) revoked",
            )
    return token


def api_token_use(*, secret: str) -> User | None:
    """The active person a secret belongs to, if it is a token of theirs that is neither revoked nor
    expired; records when it was last used (to the minute, so that a busy program does not write on
    every request)."""
    if not tokens.looks_like_secret(secret):
        return None
    token = ApiToken.objects.select_related("person").filter(secret_hash=tokens.secret_hash(secret)).first()
    now = timezone.now()
    if token is None or not token.is_usable_on(timezone.localdate()) or not token.person.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.person
