"""lksw import_workforce FILE --year YYYY: the NHS workforce census for a year (replaces that year)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lksworkforce.core.cli import load_input_file, year_argument
from lksworkforce.staffing.services import census_import


class Command(BaseCommand):
    help = "Import NHS WTE per organisation for a year from CSV or XLSX (see docs/formats/workforce-census.md). Nothing changes if any row is invalid."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=year_argument, required=True, help="the census year")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        outcome = load_input_file(
            self, path, lambda data: census_import(data=data, filename=path.name, year=options["year"], actor=None)
        )
        for note in outcome.notes:
            self.stderr.write(note)
        self.stderr.write(
            self.style.SUCCESS(
                f"Census {options['year']}: {outcome.rows} organisations; {outcome.organisations_created} new organisations, {outcome.regions_created} new regions."
            )
        )
