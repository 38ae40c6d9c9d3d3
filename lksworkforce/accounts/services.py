"""Writes for people and roles: keyword-only, one transaction, audited."""

from datetime import date
from typing import Any

from django.db import transaction

from lksworkforce.accounts.models import Membership, Qualification, User
from lksworkforce.accounts.people import QualificationKind, Role
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
