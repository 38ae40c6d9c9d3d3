"""lksw survey_link_skills FILE: link development needs to skills framework sub-areas."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lksworkforce.core.cli import load_input_file
from lksworkforce.surveys.services import skill_links_load


class Command(BaseCommand):
    help = (
        "Link a question's options (development needs) to sub-areas of a loaded skills framework, from YAML "
        "(docs/formats/survey-skills-links.md). The file replaces that question's links to that framework. "
        "Nothing changes if it has any problem (exit 2)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the links (.yaml)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        outcome = load_input_file(self, path, lambda data: skill_links_load(data=data, filename=path.name, actor=None))
        self.stderr.write(
            self.style.SUCCESS(
                f"{outcome.question}: {outcome.options_linked} options linked to {outcome.links} sub-areas of {outcome.framework}."
            )
        )
