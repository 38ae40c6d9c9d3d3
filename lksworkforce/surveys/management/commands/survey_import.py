"""lksw survey_import SURVEY_KEY FILE [--mapping FILE]: responses from a survey tool's export."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT, load_input_file, read_input_file
from lksworkforce.surveys import selectors
from lksworkforce.surveys.services import CLI_MAX_BYTES, responses_import


class Command(BaseCommand):
    help = (
        "Import responses from a CSV or XLSX export of a survey tool: one row per respondent, a column per "
        "question key (a mapping file may rename columns, leave some out and translate answers), multiple "
        "answers in one cell separated by ';'. All or nothing (exit 2 with every error by row and column); "
        "importing the same rows again adds nothing. See docs/formats/survey-responses.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("survey_key", help="the survey's key, e.g. dns-2019")
        parser.add_argument("file", type=Path, help="the responses (.csv or .xlsx)")
        parser.add_argument("--mapping", type=Path, help="a mapping file (.yaml): docs/formats/survey-mapping.md")

    def handle(self, *args: Any, **options: Any) -> None:
        survey = selectors.survey_by_key(options["survey_key"])
        if survey is None:
            raise CommandError(f"No survey with key {options['survey_key']}", returncode=BAD_INPUT)
        path: Path = options["file"]
        mapping_path: Path | None = options["mapping"]
        mapping = read_input_file(mapping_path) if mapping_path else None
        outcome = load_input_file(
            self,
            path,
            lambda data: responses_import(
                survey=survey,
                data=data,
                filename=path.name,
                mapping_data=mapping,
                mapping_filename=mapping_path.name if mapping_path else "mapping.yaml",
                actor=None,
                max_bytes=CLI_MAX_BYTES,
            ),
            max_bytes=CLI_MAX_BYTES,
        )
        for note in outcome.notes:
            self.stderr.write(note)
        self.stderr.write(
            self.style.SUCCESS(
                f"{survey.key}: {outcome.rows:,} rows read; {outcome.created:,} responses imported, "
                f"{outcome.already_imported:,} already imported."
            )
        )
