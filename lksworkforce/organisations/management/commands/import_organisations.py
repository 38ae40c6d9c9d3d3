"""lksw import_organisations FILE [--year YYYY]: all-or-nothing; exit 2 with every error on bad input."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lksworkforce.core.cli import load_input_file, year_argument
from lksworkforce.organisations.services import organisations_import


class Command(BaseCommand):
    help = "Import organisations (ODS code, name, type, region) from a CSV or XLSX file. Nothing changes if any row is invalid."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV or XLSX file; see docs/formats/organisations.md")
        parser.add_argument(
            "--year",
            type=year_argument,
            default=date.today().year,
            help="the year the region column applies to (default: this year)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        outcome = load_input_file(
            self,
            path,
            lambda data: organisations_import(data=data, filename=path.name, year=options["year"], actor=None),
        )
        for note in outcome.notes:
            self.stderr.write(note)
        self.stderr.write(self.style.SUCCESS(outcome.summary))
