"""lksw programme_credential_key_rotate: a new key to sign credentials with; the old one is retired
(its private half erased, its public half kept, so what it signed still verifies)."""

from typing import Any

from django.core.management.base import BaseCommand

from lksworkforce.programmes import badges
from lksworkforce.programmes.services.certificates import key_rotate


class Command(BaseCommand):
    help = (
        "Make a new signing key for certificates' credentials and retire the one in use: credentials it "
        "signed still verify. Prints the new key's did:key."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        key = key_rotate(actor=None)
        self.stdout.write(badges.did_key(badges.public_key_from_multibase(key.public_key)))
        self.stderr.write("A new signing key is in use; the one before is retired and still verifies what it signed.")
