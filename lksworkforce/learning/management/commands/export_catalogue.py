"""lksw export_catalogue [--format csv|xlsx|jsonld] [--every-status] [--output FILE]: the catalogue
in the columns `import_catalogue` reads, or as schema.org JSON-LD."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.exports import rows_as_csv, rows_as_xlsx
from lksworkforce.learning.catalogue_file import COLUMNS, export_row
from lksworkforce.learning.selectors import exports


class Command(BaseCommand):
    help = "Export the learning catalogue (published resources, or --every-status) as CSV, XLSX or JSON-LD."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=("csv", "xlsx", "jsonld"), default="csv")
        parser.add_argument("--every-status", action="store_true", help="drafts and retired resources too")
        parser.add_argument("--output", type=Path, help="write to this file (required for xlsx); default stdout")
        parser.add_argument(
            "--base-url", default="https://lks-workforce.invalid", help="the service's address, for JSON-LD links"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        file_format, output = options["format"], options["output"]
        every_status = options["every_status"]
        if file_format == "jsonld":
            base = options["base_url"].rstrip("/")
            document = exports.linked_data(
                every_status=every_status,
                url=f"{base}/learning/catalogue.jsonld",
                page_of=lambda pk: f"{base}/learning/resources/{pk}/",
            )
            data = json.dumps(document, ensure_ascii=False, indent=1).encode()
        else:
            rows = [export_row(spec) for spec in exports.catalogue_specs(every_status=every_status)]
            data = rows_as_csv(COLUMNS, rows).encode() if file_format == "csv" else rows_as_xlsx(COLUMNS, rows)
        if output is None:
            if file_format == "xlsx":
                raise CommandError("Give --output FILE for an Excel workbook", returncode=2)
            self.stdout.write(data.decode(), ending="")
        else:
            output.write_bytes(data)
            self.stderr.write(self.style.SUCCESS(f"Wrote {output}"))
