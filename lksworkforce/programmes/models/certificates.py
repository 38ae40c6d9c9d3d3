"""Certificates of completion, their Open Badges 3.0 credentials, and the keys that sign them."""

import uuid

from django.db import models

from lksworkforce.core.concurrency import version_field
from lksworkforce.programmes.models.enrolments import Enrolment


class Certificate(models.Model):
    """Issued once for a completed enrolment. `credential` is the signed Open Badges 3.0 document as
    issued (verification checks its signature, not this row). Revoked by the national team, with a
    reason shown to anyone who verifies it."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issued_at = models.DateTimeField()
    credential = models.JSONField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=500, blank=True)
    edit_version = version_field()

    class Meta:
        ordering = ["-issued_at", "id"]

    def __str__(self) -> str:
        return str(self.public_id)


class CredentialKey(models.Model):
    """An Ed25519 key the service signs credentials with. One is active; a rotated key is retired:
    its private half is erased and its public half kept, so what it signed still verifies.

    The private key is kept encrypted (PKCS #8) with a key derived from SECRET_KEY, so a copy of the
    database alone cannot sign."""

    public_key = models.CharField(max_length=100, unique=True, help_text="Multikey (multibase base58btc), z6Mk...")
    private_key = models.TextField(blank=True, help_text="Encrypted PEM; blank once retired")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=models.Q(active=True), name="one_active_credential_key"
            )
        ]

    def __str__(self) -> str:
        return self.public_key
