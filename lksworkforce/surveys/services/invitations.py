"""Single-use invitation tokens for invitation-only surveys. Audited (the count, never a token)."""

from __future__ import annotations

from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.surveys import codes, selectors
from lksworkforce.surveys.models import (
    Invitation,
    Survey,
)

NO_INVITATIONS = "No invitation links were made"
MAX_INVITATIONS = 10_000


def invitations_create(*, survey: Survey, count: int, actor: Caller | None) -> list[str]:
    """`count` single-use tokens for invitation links. Shown once: only their hashes are kept, and
    nothing records whom each was sent to."""
    if not 1 <= count <= MAX_INVITATIONS:
        reason = f"Give a count from 1 to {MAX_INVITATIONS:,}"
        raise Rejected([Problem(field="count", value=str(count), reason=reason)], subject=NO_INVITATIONS)
    if not survey.uses_invitations:
        reason = "This survey is open to anyone with its link: set invitations: true in its definition first"
        raise Rejected([Problem(field="survey", value=survey.key, reason=reason)], subject=NO_INVITATIONS)
    tokens = [codes.new_invitation_token() for _ in range(count)]
    today = selectors.today()
    with transaction.atomic():
        Invitation.objects.bulk_create(
            Invitation(survey=survey, token_hash=codes.invitation_hash(t), created_on=today) for t in tokens
        )
        audit_record(
            actor=actor,
            action="survey.invitations_created",
            obj=survey,
            summary=f"{count} invitations for {survey.key}",
        )
    return tokens
