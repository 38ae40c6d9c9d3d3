"""lksw survey_export KEY: a survey's definition as YAML, on stdout."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT
from lksworkforce.surveys import selectors
from lksworkforce.surveys.definition import definition_to_yaml


class Command(BaseCommand):
    help = "Write a survey's definition as YAML to stdout, in the format survey_load reads (docs/formats/survey-definition.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="the survey's key, e.g. dns-2019")

    def handle(self, *args: Any, **options: Any) -> None:
        survey = selectors.survey_by_key(options["key"])
        if survey is None:
            known = ", ".join(selectors.survey_keys()) or "none"
            raise CommandError(f"No survey with key {options['key']}. Surveys: {known}", returncode=BAD_INPUT)
        self.stdout.write(definition_to_yaml(selectors.survey_definition(survey)), ending="")
