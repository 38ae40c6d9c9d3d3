"""lksw survey_load FILE: load (or replace) a survey definition from YAML."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lksworkforce.core.cli import load_input_file
from lksworkforce.surveys.services import survey_load


class Command(BaseCommand):
    help = (
        "Load a survey definition (a dated cycle and its questions) from YAML, or replace the survey with "
        "the same key. Questions and options join the question bank by key. See "
        "docs/formats/survey-definition.md. Nothing changes if the definition has any problem (exit 2)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the definition (.yaml)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        outcome = load_input_file(self, path, lambda data: survey_load(data=data, filename=path.name, actor=None))
        survey = outcome.survey
        sections = survey.sections.count()
        questions = survey.survey_questions.count()
        verb = "Loaded" if outcome.created else "Replaced"
        self.stderr.write(
            self.style.SUCCESS(
                f"{verb} survey {survey.key} ({survey.title}): {sections} sections, {questions} questions; "
                f"{outcome.questions_added} new questions and {outcome.options_added} new options in the question bank."
            )
        )
