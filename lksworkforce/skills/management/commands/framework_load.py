"""lksw framework_load FILE: load a skills framework from YAML (docs/formats/skills-framework.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT, read_input_file
from lksworkforce.skills import selectors, services
from lksworkforce.skills.framework_file import FrameworkRejected, parse_framework


class Command(BaseCommand):
    help = (
        "Load a skills framework from a YAML file, or load new wording over the framework with the same key. "
        "A file with any problem changes nothing; every problem is listed (exit status 2)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the framework file (.yaml)")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = read_input_file(options["file"])
        try:
            spec = parse_framework(raw.decode("utf-8"), previous_numbers=selectors.sub_area_numbers_of)
            framework = services.framework_load(spec=spec)
        except UnicodeDecodeError:
            raise CommandError("The file is not UTF-8 text", returncode=BAD_INPUT) from None
        except FrameworkRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"The framework was not loaded: {len(rejected.problems)} problem(s). Nothing was changed.",
                returncode=BAD_INPUT,
            ) from None
        self.stderr.write(
            f"Loaded {framework.key}: {len(spec.areas)} areas, {len(spec.sub_areas)} sub-areas, "
            f"{len(spec.scale)} scale levels, {len(spec.role_profiles)} role profiles."
        )
