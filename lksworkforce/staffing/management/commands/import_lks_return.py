"""lksw import_lks_return FILE --year YYYY: LKS annual returns for every organisation in the file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lksworkforce.core.cli import load_input_file, year_argument
from lksworkforce.staffing.services import lks_returns_import


class Command(BaseCommand):
    help = "Import LKS annual returns (one row per person in post) from CSV or XLSX and publish them (see docs/formats/lks-return.md). Nothing changes if any row is invalid."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=year_argument, required=True, help="the return year")
        parser.add_argument(
            "--draft", action="store_true", help="load as drafts for services to check, instead of publishing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        outcome = load_input_file(
            self,
            path,
            lambda data: lks_returns_import(
                data=data, filename=path.name, year=options["year"], actor=None, publish=not options["draft"]
            ),
        )
        for note in outcome.notes:
            self.stderr.write(note)
        self.stderr.write(
            self.style.SUCCESS(
                f"Returns {options['year']}: {outcome.rows} posts; {outcome.returns_created} returns loaded, {outcome.returns_unchanged} unchanged."
            )
        )
