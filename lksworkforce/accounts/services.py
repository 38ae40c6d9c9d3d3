"""Writes for people and roles: keyword-only, one transaction, audited."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lksworkforce.accounts.lockout import account_failures_forget
from lksworkforce.accounts.models import Membership, PasswordResetRequest, Qualification, User
from lksworkforce.accounts.people import QualificationKind, Role
from lksworkforce.accounts.tasks import password_reset_email_send
from lksworkforce.core.audit import audit_record
from lksworkforce.organisations.models import Organisation, Region


@transaction.atomic
def qualification_add(
    *, person: User, kind: QualificationKind, awarded_on: date | None, institution: str = "", actor: Any
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
    *, user: User, role: Role, actor: Any, organisation: Organisation | None = None, region: Region | None = None
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
