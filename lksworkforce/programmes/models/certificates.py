"""Certificates of completion and their Open Badges 3.0 credentials."""

import uuid

from django.db import models

from lksworkforce.programmes.models.enrolments import Enrolment


class Certificate(models.Model):
    """Issued once for a completed enrolment. `credential` is the signed Open Badges 3.0 document as
    issued (verification checks its signature, not this row)."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issued_at = models.DateTimeField()
    credential = models.JSONField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.public_id)
