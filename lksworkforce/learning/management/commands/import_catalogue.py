"""lksw import_catalogue FILE: add and update learning resources from a CSV or XLSX file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lksworkforce.core.cli import load_input_file
from lksworkforce.learning.services.imports import import_catalogue


class Command(BaseCommand):
    help = (
        "Import the learning catalogue from CSV or XLSX (see docs/formats/learning-catalogue.md): a row with an id "
        "updates that resource, a row without one adds a resource. Nothing changes if any row is invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        outcome = load_input_file(self, path, lambda data: import_catalogue(data=data, filename=path.name, actor=None))
        for note in outcome.notes:
            self.stderr.write(note)
        self.stderr.write(self.style.SUCCESS(f"Catalogue imported. {outcome.summary}"))
