"""lksw programme_credential_verify FILE [--format table|json]: checks an Open Badges 3.0 credential
offline against the service's keys. Exit 0 valid, 1 not valid (tampered, unknown key, revoked),
2 bad input (no such file, too large, not JSON)."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT, read_input_file
from lksworkforce.programmes import badges
from lksworkforce.programmes.presenters.certificates import verdict_view
from lksworkforce.programmes.selectors.certificates import checked

NOT_VALID = 1


class Command(BaseCommand):
    help = (
        "Check an Open Badges 3.0 credential (its JSON file; - for standard input) against the keys this "
        "service signs with, offline, and whether it is revoked. Exit 0 valid, 1 not valid, 2 bad input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The credential's JSON file, or - to read standard input")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        if name == "-":
            data = sys.stdin.buffer.read(badges.MAX_CREDENTIAL_BYTES + 1)
        else:
            data = read_input_file(Path(name), max_bytes=badges.MAX_CREDENTIAL_BYTES)
        try:
            document = badges.read_credential(data)
        except badges.CredentialRefusedError as refused:
            raise CommandError(f"{name}: {refused}", returncode=BAD_INPUT) from None
        verdict = verdict_view(*checked(document))
        said = verdict.as_dict()
        if options["format"] == "json":
            self.stdout.write(json.dumps(said, indent=2))
        else:
            shown = ("valid", "message", "reason", "issued_to", "achievement", "issued", "certificate_id",
                     "revoked_at", "revoked_reason")  # fmt: skip
            width = max(len(k) for k in shown)
            for key in shown:
                self.stdout.write(f"{key.ljust(width)}  {'' if said[key] is None else said[key]}")
        if not verdict.valid:
            raise CommandError(
                verdict.headline + (f" {verdict.reason}." if verdict.reason else ""), returncode=NOT_VALID
            )
