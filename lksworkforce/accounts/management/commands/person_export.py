"""lksw person_export EMAIL: everything held about one person (subject access), as JSON or PDF."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.accounts import selectors
from lksworkforce.accounts.presenters import personal_data_pdf
from lksworkforce.core.cli import BAD_INPUT


class Command(BaseCommand):
    help = (
        "Write everything held about one person (their subject access request): account, roles, "
        "qualifications, returns, self-assessments, plan, audit events. JSON to stdout by default "
        "(format: docs/formats/personal-data.md). Exit status 2 for an email that nobody has."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the person's email address")
        parser.add_argument("--format", choices=["json", "pdf"], default="json", help="json (default) or pdf")
        parser.add_argument("--output", type=Path, help="write to this file instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        person = selectors.person_by_email(options["email"])
        if person is None:
            raise CommandError(f"Nobody has the email address {options['email']}", returncode=BAD_INPUT)
        data = selectors.personal_data(person)
        if options["format"] == "pdf":
            content = personal_data_pdf(data, is_self=False)
        else:
            content = (json.dumps(data.as_json(), indent=2, ensure_ascii=False) + "\n").encode()
        output: Path | None = options["output"]
        if output is None:
            stream = getattr(self.stdout, "_out", sys.stdout)
            binary = getattr(stream, "buffer", None)
            if binary is not None:
                binary.write(content)
                binary.flush()
            else:  # a text stream (tests): PDF bytes do not fit, JSON does
                stream.write(content.decode("utf-8", errors="replace"))
            return
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}", returncode=BAD_INPUT) from None
        self.stderr.write(f"Wrote {len(data.sections)} sections about {person.email} to {output}.")
