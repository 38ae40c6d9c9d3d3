"""Single-use invitation tokens for invitation-only surveys. Audited (the count, never a token)."""

from __future__ import annotations

from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.tabular import ImportRejected, RowError
from lksworkforce.core.viewers import Caller
from lksworkforce.surveys import codes, selectors
from lksworkforce.surveys.models import (
    Invitation,
    Survey,
)

MAX_INVITATIONS = 10_000


def invitations_create(*, survey: Survey, count: int, actor: Caller | None) -> list[str]:
    """`count` single-use tokens for invitation links. Shown once: only their hashes are kept, and
    nothing records whom each was sent to."""
    if not 1 <= count <= MAX_INVITATIONS:
        raise ImportRejected([RowError(None, "count", str(count), f"Give a count from 1 to {MAX_INVITATIONS:,}")])
    if not survey.uses_invitations:
        raise ImportRejected(
            [
                RowError(
                    None,
                    "survey",
                    survey.key,
                    "This survey is open to anyone with its link: set invitations: true in its definition first",
                )
            ]
        )
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
