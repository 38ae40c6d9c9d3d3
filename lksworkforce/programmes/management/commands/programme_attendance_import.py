"""lksw programme_attendance_import COHORT_ID FILE: a cohort's register from a CSV or XLSX file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT, load_input_file
from lksworkforce.programmes.selectors.attendance import cohort_found
from lksworkforce.programmes.services.attendance_import import MAX_BYTES, attendance_import


class Command(BaseCommand):
    help = (
        "Import a cohort's register from CSV or XLSX (see docs/formats/programme-attendance.md): one row per "
        "person and session, with session_date, email and status. Nothing changes if any row is invalid; "
        "importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cohort_id", type=int, help="The cohort's number, as in its page's address")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        cohort = cohort_found(options["cohort_id"])
        if cohort is None:
            raise CommandError(f"There is no cohort {options['cohort_id']}", returncode=BAD_INPUT)
        path: Path = options["file"]
        outcome = load_input_file(
            self,
            path,
            lambda data: attendance_import(actor=None, cohort=cohort, data=data, filename=path.name),
            max_bytes=MAX_BYTES,
        )
        for note in outcome.notes:
            self.stderr.write(note)
        self.stderr.write(self.style.SUCCESS(f"The register of {cohort} is imported. {outcome.summary}"))
